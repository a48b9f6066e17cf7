import Foundation
import WijkSimModel

/// Reads and validates `indicators.csv` and `wijken.csv` (CONTRACT §1),
/// reporting every problem with its file, line and column.
package enum CityDataLoader {
    static let indicatorColumns = ["id", "title", "unit", "polarity", "weight", "min", "max"]

    package static func load(indicators indicatorsFile: String, wijken wijkenFile: String) throws -> CityData {
        var problems = DiagnosticList()
        var indicators: [Indicator] = []
        do { indicators = try loadIndicators(indicatorsFile) } catch let error as BadInput { problems.add(error) }
        var city: CityData?
        do { city = try loadWijken(wijkenFile, indicators: indicators, indicatorsFile: indicatorsFile) } catch let error as BadInput { problems.add(error) }
        try problems.check()
        city!.startingValues = startingValueSources(of: city!)
        return city!
    }

    /// Reads `sources.csv` beside `wijken.csv`, if any. It documents the data
    /// and is not part of the contract: a file that does not read as
    /// `wijk,column,...,kind` is passed over rather than refused.
    static func startingValueSources(of city: CityData) -> StartingValueSources? {
        let file = (city.wijkenFile as NSString).deletingLastPathComponent + "/sources.csv"
        guard FileManager.default.fileExists(atPath: file), let table = try? CSVTable.read(file),
              let wijk = table.columnIndex("wijk"), let column = table.columnIndex("column"), let kind = table.columnIndex("kind")
        else { return nil }
        let wijken = Set(city.wijken), ids = Set(city.indicators.map(\.id))
        var kinds: [String: String] = [:]
        for row in table.rows where row.cells.count > max(wijk, column, kind) {
            guard wijken.contains(row.cells[wijk]), ids.contains(row.cells[column]) else { continue }
            kinds[row.cells[wijk] + "\u{0}" + row.cells[column]] = row.cells[kind]
        }
        let published = kinds.values.filter { $0 == "bron" }.count
        return StartingValueSources(total: city.wijken.count * city.indicators.count, published: published,
                                    estimated: kinds.count - published)
    }

    package static func loadIndicators(_ file: String) throws -> [Indicator] {
        let table = try CSVTable.read(file)
        var problems = DiagnosticList()
        let missing = indicatorColumns.filter { table.columnIndex($0) == nil }
        if !missing.isEmpty {
            throw BadInput("missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")); expected the header \(indicatorColumns.joined(separator: ","))",
                           at: SourceLocation(file: file, line: 1))
        }
        var indicators: [Indicator] = []
        var seen = Set<String>()
        for row in table.rows {
            func cell(_ name: String) -> String {
                let i = table.columnIndex(name)!
                return i < row.cells.count ? row.cells[i] : ""
            }
            if row.cells.count != table.header.count {
                problems.add("expected \(table.header.count) cells, found \(row.cells.count)", at: table.location(row))
                continue
            }
            let id = cell("id")
            if !isIdentifier(id) {
                problems.add("\"\(id)\" is not a valid id (expected [a-z][a-z0-9_]*)", at: table.location(row, column: "id"))
            } else if !seen.insert(id).inserted {
                problems.add("indicator \"\(id)\" appears twice", at: table.location(row, column: "id"))
            }
            let polarity = Polarity(rawValue: cell("polarity"))
            if polarity == nil {
                problems.add("\"\(cell("polarity"))\" is not a polarity (expected lower_better or higher_better)", at: table.location(row, column: "polarity"))
            }
            if cell("weight").isEmpty {
                problems.add("empty; expected the name of a numeric wijk column such as households", at: table.location(row, column: "weight"))
            }
            let low = Double(csv: cell("min")), high = Double(csv: cell("max"))
            for (name, value) in [("min", low), ("max", high)] where value == nil {
                problems.add("\"\(cell(name))\" is not a number", at: table.location(row, column: name))
            }
            if let low, let high, low > high {
                problems.add("min \(low.shortText) is above max \(high.shortText)", at: table.location(row, column: "min"))
            }
            if let polarity, let low, let high {
                indicators.append(Indicator(id: id, title: cell("title"), unit: cell("unit"), polarity: polarity,
                                            weight: cell("weight"), min: low, max: high))
            }
        }
        if table.rows.isEmpty { problems.add("no indicators (expected one row per indicator)", at: SourceLocation(file: file)) }
        try problems.check()
        return indicators
    }

    static func loadWijken(_ file: String, indicators: [Indicator], indicatorsFile: String) throws -> CityData {
        let table = try CSVTable.read(file)
        var problems = DiagnosticList()
        for required in ["wijk", "gebied"] where table.columnIndex(required) == nil {
            problems.add("missing column \(required); expected wijk,gebied, then numeric columns", at: SourceLocation(file: file, line: 1))
        }
        try problems.check()
        var duplicateColumns = Set<String>()
        for name in table.header where table.header.filter({ $0 == name }).count > 1 && duplicateColumns.insert(name).inserted {
            problems.add("column \"\(name)\" appears twice", at: SourceLocation(file: file, line: 1))
        }
        let wijkColumn = table.columnIndex("wijk")!, gebiedColumn = table.columnIndex("gebied")!
        // A repeated column is reported above; only its first occurrence is
        // read, so every column holds one value per wijk.
        let numericColumns = table.header.enumerated().filter {
            $0.offset != wijkColumn && $0.offset != gebiedColumn && table.header.firstIndex(of: $0.element) == $0.offset
        }
        var names: [String] = [], gebieden: [String] = []
        var seenNames = Set<String>()   // a long wijken.csv must not take quadratic time
        var columns = [String: [Double]]()
        /// The rows that were read, so that value w is located at its own row.
        var readRows: [CSVTable.Row] = []
        for row in table.rows {
            guard row.cells.count == table.header.count else {
                problems.add("expected \(table.header.count) cells, found \(row.cells.count)", at: table.location(row))
                continue
            }
            readRows.append(row)
            let name = row.cells[wijkColumn]
            if name.isEmpty { problems.add("empty wijk name", at: table.location(row, column: "wijk")) }
            else if !seenNames.insert(name).inserted { problems.add("wijk \"\(name)\" appears twice", at: table.location(row, column: "wijk")) }
            names.append(name)
            gebieden.append(row.cells[gebiedColumn])
            for (index, column) in numericColumns {
                if let value = Double(csv: row.cells[index]) {
                    columns[column, default: []].append(value)
                } else {
                    problems.add("\"\(row.cells[index])\" is not a number", at: table.location(row, column: column))
                    columns[column, default: []].append(.nan)
                }
            }
        }
        if table.rows.isEmpty { problems.add("no wijken (expected one row per wijk)", at: SourceLocation(file: file)) }
        let header = SourceLocation(file: file, line: 1)
        var initial: [[Double]] = []
        for indicator in indicators {
            let hasColumn = table.columnIndex(indicator.id) != nil
            guard hasColumn, let values = columns[indicator.id] ?? (table.rows.isEmpty ? [] : nil) else {
                problems.add("no column for indicator \"\(indicator.id)\" (every indicator of \(DisplayPath.of(indicatorsFile)) needs its value at years.from)", at: header)
                initial.append([])
                continue
            }
            initial.append(values)
            for (w, value) in values.enumerated() where value.isFinite && (value < indicator.min || value > indicator.max) {
                problems.add("\(value.shortText) is outside the indicator's range [\(indicator.min.shortText), \(indicator.max.shortText)]",
                             at: table.location(readRows[w], column: indicator.id))
            }
            guard let weights = columns[indicator.weight] else {
                problems.add("no column \"\(indicator.weight)\", the weight of indicator \"\(indicator.id)\"\(NearestName.suggestion(for: indicator.weight, among: numericColumns.map(\.element)))", at: header)
                continue
            }
            if weights.contains(where: { $0 < 0 }) {
                problems.add("column \(indicator.weight) weights the city average, so it may not be negative", at: header)
            } else if weights.reduce(0, +) <= 0, !weights.isEmpty {
                problems.add("column \(indicator.weight) weights the city average, so it must not be all zero", at: header)
            }
        }
        try problems.check()
        let indicatorIds = Set(indicators.map(\.id))
        let attributeNames = numericColumns.map(\.element).filter { !indicatorIds.contains($0) }
        return CityData(indicators: indicators, wijken: names, gebieden: gebieden, attributeNames: attributeNames,
                        attributes: columns.filter { !indicatorIds.contains($0.key) }, initial: initial,
                        indicatorsFile: indicatorsFile, wijkenFile: file)
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
