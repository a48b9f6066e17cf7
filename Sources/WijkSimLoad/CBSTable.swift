import Foundation
import WijkSimModel

/// A CBS Kerncijfers Wijken en Buurten export (table 85984NED and its
/// yearly siblings) as a list of regions: which column holds the region
/// codes, which the names, and the cells of any other column by its CBS key.
///
/// StatLine writes `;`-separated, quoted cells with the codes padded with
/// spaces; `,` is accepted as well. A column is found by its exact key
/// (`AantalInwoners_5`) or, when the number differs (another year's table
/// numbers its columns differently), by the key without its number
/// (`AantalInwoners`) if exactly one column has it.
struct CBSTable {
    /// One row whose code column holds a gemeente, wijk or buurt code.
    struct Region {
        var code: CBSRegionCode
        /// The region's own name, where the file has a name column.
        var name: String?
        /// `Gemeentenaam_1`, where the file has it.
        var gemeenteName: String?
        var row: CSVTable.Row
    }

    static let codeColumnKeys = ["WijkenEnBuurten", "Codering_3", "code"]
    static let nameColumnHeaders = ["naam", "regionaam", "title"]

    let table: CSVTable
    let codeColumn: String
    let nameColumn: String?
    let regions: [Region]

    var file: String { table.file }

    static func read(_ file: String) throws -> CBSTable {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BadInput("cannot read the file", at: SourceLocation(file: file))
        }
        // Excel on a Dutch Windows machine saves Windows-1252, not UTF-8.
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw BadInput("not text (expected a CSV export from CBS StatLine)", at: SourceLocation(file: file))
        }
        return try CBSTable(CSVTable.parse(text, file: file, separator: .fromHeader))
    }

    init(_ table: CSVTable) throws {
        self.table = table
        func holdsCodes(_ index: Int) -> Bool {
            table.rows.contains { index < $0.cells.count && CBSRegionCode($0.cells[index]) != nil }
        }
        func holdsNames(_ index: Int) -> Bool {
            table.rows.contains { index < $0.cells.count && !$0.cells[index].isEmpty } && !holdsCodes(index)
        }
        let candidates = CBSTable.codeColumnKeys.compactMap { CBSTable.columnIndex(of: $0, in: table.header) }
        guard let codeIndex = candidates.first(where: holdsCodes) else {
            let found = table.header.prefix(8).joined(separator: ", ") + (table.header.count > 8 ? ", …" : "")
            throw BadInput("not a CBS Kerncijfers Wijken en Buurten export: no column holds region codes "
                           + "(expected WijkenEnBuurten or Codering_3 with codes such as GM0014, WK001400, BU00140000; "
                           + "found the columns \(found))",
                           at: SourceLocation(file: table.file, line: 1))
        }
        var nameIndex = CBSTable.columnIndex(of: "WijkenEnBuurten", in: table.header).flatMap { holdsNames($0) ? $0 : nil }
        if nameIndex == nil {
            nameIndex = table.header.firstIndex { CBSTable.nameColumnHeaders.contains($0.lowercased()) }
        }
        let gemeenteNameIndex = CBSTable.columnIndex(of: "Gemeentenaam_1", in: table.header)
        func text(_ row: CSVTable.Row, _ index: Int?) -> String? {
            guard let index, index < row.cells.count, !row.cells[index].isEmpty else { return nil }
            return row.cells[index]
        }
        codeColumn = table.header[codeIndex]
        nameColumn = nameIndex.map { table.header[$0] }
        regions = table.rows.compactMap { row in
            guard let code = text(row, codeIndex).flatMap(CBSRegionCode.init) else { return nil }
            return Region(code: code, name: text(row, nameIndex), gemeenteName: text(row, gemeenteNameIndex), row: row)
        }
    }

    /// The header of the column with this CBS key, found by key or by stem.
    func column(_ key: String) -> String? {
        CBSTable.columnIndex(of: key, in: table.header).map { table.header[$0] }
    }

    func cell(_ region: Region, _ column: String) -> CBSCell {
        guard let index = table.columnIndex(column) else { return .missing(marker: "") }
        return CBSCell(index < region.row.cells.count ? region.row.cells[index] : "")
    }

    func location(_ region: Region, _ column: String) -> SourceLocation {
        table.location(region.row, column: column)
    }

    static func columnIndex(of key: String, in header: [String]) -> Int? {
        if let exact = header.firstIndex(of: key) { return exact }
        let byStem = header.indices.filter { stem(header[$0]) == stem(key) }
        return byStem.count == 1 ? byStem[0] : nil
    }

    /// `AantalInwoners_5` → `AantalInwoners`; `k_15Tot25Jaar_9` → `k_15Tot25Jaar`.
    static func stem(_ key: String) -> String {
        guard let underscore = key.lastIndex(of: "_"),
              key[key.index(after: underscore)...].allSatisfy(\.isNumber),
              key.index(after: underscore) != key.endIndex else { return key }
        return String(key[..<underscore])
    }
}
