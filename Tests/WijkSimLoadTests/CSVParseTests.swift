import Foundation
@testable import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// `CSVTable.parse` reads bytes; it must read every file as the earlier
/// scalar-by-scalar parser did: cells, line numbers, trimming, quotes.
final class CSVParseTests: XCTestCase {
    func assertSameAsScalarParser(_ text: String, separator: CSVTable.Separator = .comma, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = Result { try CSVTable.parse(text, file: "t.csv", separator: separator) }
        let scalars = Result { try ScalarCSV.parse(text, file: "t.csv", separator: separator) }
        switch (bytes, scalars) {
        case let (.success(a), .success(b)):
            XCTAssertEqual(a.header, b.header, file: file, line: line)
            XCTAssertEqual(a.rows.map(\.line), b.rows.map(\.line), file: file, line: line)
            XCTAssertEqual(a.rows.map(\.cells), b.rows.map(\.cells), file: file, line: line)
        case let (.failure(a), .failure(b)):
            XCTAssertEqual("\(a)", "\(b)", file: file, line: line)
        default:
            XCTFail("one parser failed, the other did not: \(bytes) \(scalars)", file: file, line: line)
        }
    }

    func testShippedDataFilesParseAsBefore() throws {
        for folder in ["scenarios/data/groningen", "bench/workload/data"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: TestPaths.repo(folder)) where name.hasSuffix(".csv") {
                assertSameAsScalarParser(try String(contentsOfFile: TestPaths.repo(folder + "/" + name), encoding: .utf8))
            }
        }
    }

    func testAwkwardTextParsesAsBefore() {
        let texts = [
            "", "\n\n", "a,b\n1,2", "\u{FEFF}a,b\r\n1,2\r\n", "a,b\n \t x , y \n", "a,b\n\"x, \"\"y\"\"\nz\",2\n",
            "a,b\nx\"q\"y,2\n", "a,b\n\"open\n", "a;b;c\n1;2;3\n", "a,b\n\u{00A0}é\u{00A0},ñ \n", "a\n \n\t\n,\n",
            "a,b\nr\u{301},\"\u{1F600}\"\r\nlast,\r", "a,b\n1,2\n\n\n3,4", "wijk,column\n\"a\"\"\",b\"\"c\n",
        ]
        for text in texts { assertSameAsScalarParser(text) }
        assertSameAsScalarParser("a;b,c;d\n1;2\n", separator: .fromHeader)
        assertSameAsScalarParser("\"a;b\",c,d\n1;2\n", separator: .fromHeader)
    }
}

/// The earlier parser, scalar by scalar, kept as the reference.
enum ScalarCSV {
    static func parse(_ text: String, file: String, separator: CSVTable.Separator = .comma) throws -> CSVTable {
        let separatorScalar = separator.scalar(for: text)
        var records: [CSVTable.Row] = []
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endRecord() {
            cells.append(cell)
            if !(cells.count == 1 && cells[0].trimmingCharacters(in: .whitespaces).isEmpty) {
                records.append(CSVTable.Row(line: recordLine, cells: cells.map { $0.trimmingCharacters(in: .whitespaces) }))
            }
            cells = []
            cell = ""
        }
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { cell.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == separatorScalar {
                cells.append(cell)
                cell = ""
            } else if c == "\r" {
            } else if c == "\n" {
                endRecord()
                line += 1
                recordLine = line
            } else {
                cell.unicodeScalars.append(c)
            }
            i += 1
        }
        if quoted { throw BadInput("a quoted cell is not closed", at: SourceLocation(file: file, line: recordLine)) }
        if !cell.isEmpty || !cells.isEmpty { endRecord() }
        guard let header = records.first else { throw BadInput("the file is empty (a header row was expected)", at: SourceLocation(file: file)) }
        return CSVTable(file: file, header: header.cells, rows: Array(records.dropFirst()))
    }
}
