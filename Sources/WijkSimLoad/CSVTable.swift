import Foundation
import WijkSimModel

/// A CSV file read into rows that remember their line, so that every
/// message can name `file:line` and the column (CONTRACT §1, §6).
struct CSVTable {
    struct Row {
        var line: Int
        var cells: [String]
    }

    var file: String
    var header: [String]
    var rows: [Row]

    /// The cell separator. CONTRACT §1 files use `,`; Dutch exports such as
    /// CBS StatLine's often use `;`, which `fromHeader` recognises.
    enum Separator {
        case comma
        /// `;` when the header row holds more `;` than `,` outside quotes, else `,`.
        case fromHeader

        func scalar(for text: String) -> Unicode.Scalar {
            switch self {
            case .comma: return ","
            case .fromHeader:
                var quoted = false, commas = 0, semicolons = 0
                for c in text.unicodeScalars {
                    if c == "\"" { quoted.toggle() } else if !quoted {
                        if c == "\n" { break }
                        if c == "," { commas += 1 } else if c == ";" { semicolons += 1 }
                    }
                }
                return semicolons > commas ? ";" : ","
            }
        }
    }

    static func read(_ file: String, separator: Separator = .comma) throws -> CSVTable {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BadInput("cannot read the file", at: SourceLocation(file: file))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BadInput("not UTF-8 text", at: SourceLocation(file: file))
        }
        let table = try parse(text, file: file, separator: separator)
        if separator == .comma, table.header.count == 1, table.header[0].contains(";") {
            // Excel with Dutch settings saves "CSV" with `;`
            throw BadInput("looks like a `;`-separated file; wijksim reads `,`-separated CSV (save it as \"CSV (comma-delimited)\", or replace the `;` separators)",
                           at: SourceLocation(file: file, line: 1))
        }
        return table
    }

    /// RFC 4180: `,` separator (or the one given), `"` quotes with `""` inside, CRLF or LF.
    /// Read as UTF-8 bytes: every byte that matters (separator, quote, line
    /// end) is ASCII, which no multi-byte character contains, and a file of
    /// sources with long notes is parsed in a fraction of the time that
    /// appending it scalar by scalar took.
    static func parse(_ text: String, file: String, separator: Separator = .comma) throws -> CSVTable {
        let separatorByte = UInt8(separator.scalar(for: text).value)
        let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var records: [Row] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var quoted = false
        var line = 1
        var recordLine = 1
        let bytes = Array(text.utf8)
        func endCell() {
            cells.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endCell()
            if !(cells.count == 1 && cells[0].trimmingSpaces().isEmpty) {
                records.append(Row(line: recordLine, cells: cells.map { $0.trimmingSpaces() }))
            }
            cells = []
        }
        // a byte-order mark (U+FEFF) before the header is not part of it
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        bytes.withUnsafeBufferPointer { bytes in
            while i < bytes.count {
                // the run of ordinary bytes up to the next one that matters, appended at once
                var end = i
                if quoted {
                    while end < bytes.count, bytes[end] != quote, bytes[end] != lineFeed { end += 1 }
                } else {
                    while end < bytes.count, bytes[end] != quote, bytes[end] != separatorByte, bytes[end] != carriageReturn,
                          bytes[end] != lineFeed { end += 1 }
                }
                cell.append(contentsOf: bytes[i..<end])
                i = end
                guard i < bytes.count else { break }
                let c = bytes[i]
                if quoted {
                    if c == quote {
                        if i + 1 < bytes.count, bytes[i + 1] == quote { cell.append(quote); i += 1 } else { quoted = false }
                    } else {
                        line += 1
                        cell.append(c)
                    }
                } else if c == quote {
                    quoted = true
                } else if c == separatorByte {
                    endCell()
                } else if c == lineFeed {
                    endRecord()
                    line += 1
                    recordLine = line
                }
                // a \r outside quotes is dropped: the \n that follows ends the record
                i += 1
            }
        }
        if quoted { throw BadInput("a quoted cell is not closed", at: SourceLocation(file: file, line: recordLine)) }
        if !cell.isEmpty || !cells.isEmpty { endRecord() }
        guard let header = records.first else { throw BadInput("the file is empty (a header row was expected)", at: SourceLocation(file: file)) }
        return CSVTable(file: file, header: header.cells, rows: Array(records.dropFirst()))
    }

    func location(_ row: Row, column: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: row.line, keyPath: column.map { "column \($0)" })
    }

    func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }
}

extension Double {
    /// A CSV or YAML number: plain decimal notation with `.`, finite.
    init?(csv text: String) {
        guard !text.isEmpty, let value = Double(text), value.isFinite,
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                  || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return nil }
        self = value
    }
}
