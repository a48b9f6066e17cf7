import Foundation
import WijkSimModel

/// Reads `observed.csv` (CONTRACT §11): `wijk,indicator,year,value[,sd]`,
/// `wijk` a wijk of the data or `city`, `year` within the scenario's years.
/// Other columns (a `source`, a note) are ignored. Every problem names the
/// file, the row's line and the column.
package enum ObservedLoader {
    static let required = ["wijk", "indicator", "year", "value"]

    package static func load(_ file: String, city: CityData, years: ClosedRange<Int>) throws -> [Observation] {
        guard FileManager.default.fileExists(atPath: file) else {
            throw BadInput("no such file (expected observed.csv: wijk,indicator,year,value[,sd])", at: SourceLocation(file: file))
        }
        let table = try CSVTable.read(file)
        let missing = required.filter { table.columnIndex($0) == nil }
        if !missing.isEmpty {
            throw BadInput("missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")); expected the header wijk,indicator,year,value[,sd]",
                           at: SourceLocation(file: file, line: 1))
        }
        var problems = DiagnosticList()
        var observations: [Observation] = []
        var seen: [String: Int] = [:]
        let ids = city.indicators.map(\.id)
        for row in table.rows {
            guard row.cells.count == table.header.count else {
                problems.add("expected \(table.header.count) cells, found \(row.cells.count)", at: table.location(row))
                continue
            }
            func cell(_ name: String) -> String? { table.columnIndex(name).map { row.cells[$0] } }
            let wijkName = cell("wijk")!, id = cell("indicator")!, yearText = cell("year")!, valueText = cell("value")!
            var wijk: Int? = wijkName == "city" ? city.wijken.count : city.wijken.firstIndex(of: wijkName)
            if wijk == nil {
                problems.add("unknown wijk \"\(wijkName)\"\(NearestName.suggestion(for: wijkName, among: city.wijken + ["city"])); expected a wijk of \(DisplayPath.of(city.wijkenFile)) or city", at: table.location(row, column: "wijk"))
                wijk = nil
            }
            let indicator = city.indicatorIndex(id)
            if indicator == nil {
                problems.add("unknown indicator \"\(id)\"\(NearestName.suggestion(for: id, among: ids)); expected one of \(ids.joined(separator: ", "))", at: table.location(row, column: "indicator"))
            }
            var year: Int? = Int(yearText)
            if let y = year, !years.contains(y) {
                problems.add("year \(y) is outside the scenario's years \(years.lowerBound)–\(years.upperBound)", at: table.location(row, column: "year"))
                year = nil
            } else if year == nil {
                problems.add("\"\(yearText)\" is not a year (expected a whole number from \(years.lowerBound) to \(years.upperBound))", at: table.location(row, column: "year"))
            }
            var value = Double(csv: valueText)
            if value == nil {
                problems.add("\"\(valueText)\" is not a number", at: table.location(row, column: "value"))
            } else if let v = value, let i = indicator, v < city.indicators[i].min || v > city.indicators[i].max {
                problems.add("\(v.shortText) is outside the range of \(id) [\(city.indicators[i].min.shortText), \(city.indicators[i].max.shortText)]", at: table.location(row, column: "value"))
                value = nil
            }
            var sd: Double?, given = false
            if let text = cell("sd"), !text.isEmpty {
                given = true
                sd = Double(csv: text)
                if sd.map({ !($0 > 0) }) ?? true {
                    problems.add("\"\(text)\" is not a positive number (sd: the measurement's standard deviation, in the indicator's unit; leave it empty for the default)", at: table.location(row, column: "sd"))
                    sd = nil
                }
            } else if let i = indicator {
                sd = ObservationDefaults.sd(for: city.indicators[i])
            }
            guard let wijk, let indicator, let year, let value, let sd else { continue }
            let key = "\(wijk) \(indicator) \(year)"
            if let earlier = seen[key] {
                problems.add("\(wijkName) \(id) \(year) is observed twice (also on line \(earlier)); give one value per wijk, indicator and year", at: table.location(row, column: "year"))
                continue
            }
            seen[key] = row.line
            observations.append(Observation(wijk: wijk, indicator: indicator, year: year, value: value, sd: sd, sdGiven: given,
                                            location: table.location(row)))
        }
        if table.rows.isEmpty { problems.add("no observations (expected rows wijk,indicator,year,value[,sd])", at: SourceLocation(file: file)) }
        try problems.check()
        return observations
    }
}
