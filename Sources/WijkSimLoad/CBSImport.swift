import Foundation
import WijkSimModel

/// Which CBS regions become the rows of `wijken.csv`.
package enum CBSLevel: String, CaseIterable, Sendable {
    case wijk, buurt

    var kind: CBSRegionCode.Kind { self == .wijk ? .wijk : .buurt }
    package var plural: String { self == .wijk ? "wijken" : "buurten" }
}

/// Turns a CBS Kerncijfers Wijken en Buurten export into the data files of
/// CONTRACT §1 for one gemeente, so that any Dutch gemeente can start from
/// its own figures (docs/cbs-import.md).
///
/// Every row of the chosen level becomes a row of `wijken.csv`; the
/// attributes and indicators are those of `CBSAttribute.all` and
/// `CBSIndicator.catalog` whose columns the file has. A value CBS leaves
/// out is imputed (0 for an attribute, the gemeente's value for an
/// indicator) and reported as a warning; text that is neither a number nor
/// a missing marker is bad input, reported with every other such cell.
package struct CBSImport {
    package var file: String
    package var gemeente: CBSRegionCode
    package var level: CBSLevel

    package init(file: String, gemeente: CBSRegionCode, level: CBSLevel = .wijk) {
        self.file = file
        self.gemeente = gemeente
        self.level = level
    }

    package func convert() throws -> CBSImportResult {
        let table = try CBSTable.read(file)
        let inGemeente = table.regions.filter { $0.code.gemeente == gemeente }
        guard !inGemeente.isEmpty else { throw unknownGemeente(in: table) }
        let selected = inGemeente.filter { $0.code.kind == level.kind }
        let gemeenteRegion = inGemeente.first { $0.code == gemeente }
        let gemeenteName = gemeenteRegion?.name ?? inGemeente.lazy.compactMap(\.gemeenteName).first ?? gemeente.description
        guard !selected.isEmpty else { throw noRows(in: inGemeente, gemeenteName: gemeenteName, file: table.file) }

        var reader = Reader(table: table, selected: selected, gemeenteRegion: gemeenteRegion, level: level)
        reader.checkDuplicateCodes(inGemeente)
        let attributes = CBSAttribute.all.compactMap { reader.attribute($0) }
        let indicators = reader.indicators(attributes: attributes)
        try reader.problems.check()
        if indicators.isEmpty {
            let keys = CBSIndicator.catalog.map(\.key).joined(separator: ", ")
            reader.warnings.append(Diagnostic("no indicator columns (expected one or more of \(keys)); "
                                              + "indicators.csv has no rows: add indicators and their wijken.csv columns before running a scenario",
                                              at: SourceLocation(file: table.file, line: 1)))
        }

        let names = reader.uniqueNames()
        let gebieden = selected.map { region -> String in
            guard level == .buurt, let wijk = region.code.wijk else { return gemeenteName }
            return table.regions.first { $0.code == wijk }?.name ?? wijk.description
        }
        return CBSImportResult(gemeente: gemeente, gemeenteName: gemeenteName, level: level,
                               codes: selected.map(\.code), wijken: names, gebieden: gebieden,
                               attributes: attributes, indicators: indicators.map(\.indicator),
                               indicatorValues: indicators.map(\.column),
                               warnings: reader.warnings, imputed: reader.imputed)
    }

    /// Names the gemeenten the file does hold: the nearest codes to the one
    /// asked for, or else what the file covers.
    func unknownGemeente(in table: CBSTable) -> BadInput {
        var names: [CBSRegionCode: String] = [:]
        for region in table.regions {
            let code = region.code.gemeente
            if region.code == code, let name = region.name { names[code] = name }
            if names[code] == nil { names[code] = region.gemeenteName ?? "" }
        }
        func label(_ code: CBSRegionCode) -> String { names[code].map { $0.isEmpty ? code.description : "\(code) (\($0))" } ?? code.description }
        let codes = names.keys.sorted()
        var known = codes.map(\.description)
        var nearest: [String] = []
        while nearest.count < 3, let next = NearestName.nearest(to: gemeente.description, among: known) {
            nearest.append(next)
            known.removeAll { $0 == next }
        }
        let hint: String
        if !nearest.isEmpty {
            hint = "did you mean " + nearest.compactMap(CBSRegionCode.init).map(label).joined(separator: " or ") + "?"
        } else if codes.count <= 5 {
            hint = "the file holds " + codes.map(label).joined(separator: ", ")
        } else {
            hint = "the file holds \(codes.count) gemeenten, \(codes.first!) to \(codes.last!)"
        }
        return BadInput("gemeente \(gemeente) is not in the file (\(hint))", at: SourceLocation(file: table.file))
    }

    func noRows(in inGemeente: [CBSTable.Region], gemeenteName: String, file: String) -> BadInput {
        let other: CBSLevel = level == .wijk ? .buurt : .wijk
        let otherCount = inGemeente.filter { $0.code.kind == other.kind }.count
        let hint = otherCount > 0 ? "it has \(otherCount) \(otherCount == 1 ? other.rawValue : other.plural); import at the \(other.rawValue) level instead"
                                  : "it has only the gemeente's own row"
        let label = gemeenteName == gemeente.description ? gemeente.description : "\(gemeente) (\(gemeenteName))"
        return BadInput("the file has no \(level.plural) of gemeente \(label): \(hint)", at: SourceLocation(file: file))
    }
}

/// Reads the selected rows column by column, collecting problems (bad
/// input) and warnings (imputed values) as it goes.
private struct Reader {
    let table: CBSTable
    let selected: [CBSTable.Region]
    let gemeenteRegion: CBSTable.Region?
    let level: CBSLevel
    var problems = DiagnosticList()
    var warnings: [Diagnostic] = []
    var imputed = 0

    /// One reading of an indicator for one region.
    enum Reading {
        case value(Double)
        /// Not usable: `column` is where, `why` what a warning says about it.
        case missing(column: String, why: String)
        /// Bad input, already reported.
        case invalid
    }

    mutating func checkDuplicateCodes(_ regions: [CBSTable.Region]) {
        var firstLine: [CBSRegionCode: Int] = [:]
        for region in regions {
            if let line = firstLine[region.code] {
                problems.add("region \(region.code) appears twice (also on line \(line))", at: table.location(region, table.codeColumn))
            } else {
                firstLine[region.code] = region.row.line
            }
        }
    }

    func label(_ region: CBSTable.Region) -> String {
        region.name.map { "\(region.code) (\($0))" } ?? region.code.description
    }

    mutating func attribute(_ attribute: CBSAttribute) -> CBSImportResult.Column? {
        guard let column = table.column(attribute.key) else { return nil }
        let values = selected.map { region -> Double in
            let cell = table.cell(region, column)
            switch cell {
            case .number(let value) where value >= 0:
                return value
            case .number(let value):
                problems.add("\(value.shortText) is negative; expected a count", at: table.location(region, column))
            case .missing:
                warnings.append(Diagnostic("\(label(region)): missing (\(cell.markerText)); \(attribute.id) set to 0",
                                           at: table.location(region, column)))
                imputed += 1
            case .invalid(let text):
                problems.add(notANumber(text, expected: "a count"), at: table.location(region, column))
            }
            return 0
        }
        return CBSImportResult.Column(name: attribute.id, values: values)
    }

    func notANumber(_ text: String, expected: String) -> String {
        "\"\(text)\" is not a number; expected \(expected), or a missing value (\".\", \"x\", -99999999 or an empty cell)"
    }

    /// The indicators of the catalog that the file has, each with one value per selected row.
    mutating func indicators(attributes: [CBSImportResult.Column]) -> [(indicator: Indicator, column: CBSImportResult.Column)] {
        var done = Set<String>()
        var result: [(indicator: Indicator, column: CBSImportResult.Column)] = []
        for candidate in CBSIndicator.catalog where !done.contains(candidate.id) {
            guard let main = table.column(candidate.key) else { continue }
            done.insert(candidate.id)
            let location = SourceLocation(file: table.file, line: 1, keyPath: "column \(main)")
            if let absent = candidate.keys.first(where: { table.column($0) == nil }) {
                warnings.append(Diagnostic("indicator \(candidate.id) needs column \(absent) as well, which the file lacks; left out", at: location))
                continue
            }
            guard let weights = attributes.first(where: { $0.name == candidate.indicator.weight }) else {
                warnings.append(Diagnostic("indicator \(candidate.id) is weighted by \(candidate.indicator.weight), which the file lacks; left out", at: location))
                continue
            }
            if let values = values(of: candidate, weights: weights.values, location: location) {
                result.append((candidate.indicator, CBSImportResult.Column(name: candidate.id, values: values)))
            }
        }
        return result
    }

    mutating func values(of candidate: CBSIndicator, weights: [Double], location: SourceLocation) -> [Double]? {
        let readings = selected.map { read(candidate, $0) }
        guard readings.contains(where: { if case .missing = $0 { return true } else { return false } }) else {
            return readings.map { if case .value(let v) = $0 { return v } else { return 0 } }
        }
        guard let (fill, source) = imputation(of: candidate, readings: readings, weights: weights) else {
            warnings.append(Diagnostic("indicator \(candidate.id) has no value for any of the \(level.plural) nor for gemeente \(selected[0].code.gemeente); left out", at: location))
            return nil
        }
        return zip(selected, readings).map { region, reading in
            switch reading {
            case .value(let value): return value
            case .invalid: return 0
            case .missing(let column, let why):
                warnings.append(Diagnostic("\(label(region)): \(why); \(candidate.id) set to \(source) \(fill.shortText)",
                                           at: table.location(region, column)))
                imputed += 1
                return fill
            }
        }
    }

    /// The gemeente's own value; without one, the weighted average of the
    /// rows that have a value (which is what the gemeente's value would be
    /// if the rows cover the gemeente).
    mutating func imputation(of candidate: CBSIndicator, readings: [Reading], weights: [Double]) -> (Double, String)? {
        if let gemeenteRegion, case .value(let value) = read(candidate, gemeenteRegion) {
            return (value, "the gemeente's value")
        }
        var sum = 0.0, weightSum = 0.0
        for (reading, weight) in zip(readings, weights) {
            if case .value(let value) = reading { sum += weight * value; weightSum += weight }
        }
        guard weightSum > 0 else { return nil }
        let average = (sum / weightSum * 10).rounded() / 10
        return (average, "the \(candidate.indicator.weight)-weighted average of the other \(level.plural) (the gemeente's value is missing)")
    }

    mutating func read(_ candidate: CBSIndicator, _ region: CBSTable.Region) -> Reading {
        let column = table.column(candidate.key)!
        let cell = table.cell(region, column)
        let range = "[\(candidate.indicator.min.shortText), \(candidate.indicator.max.shortText)]"
        switch (candidate.conversion, cell) {
        case (_, .missing):
            return .missing(column: column, why: "missing (\(cell.markerText))")
        case (_, .invalid(let text)):
            problems.add(notANumber(text, expected: candidate.conversion == .asPublished ? "a percentage" : "a count"),
                         at: table.location(region, column))
            return .invalid
        case (.asPublished, .number(let value)):
            guard value >= candidate.indicator.min, value <= candidate.indicator.max else {
                problems.add("\(value.shortText) is outside \(range), the range of indicator \(candidate.id)", at: table.location(region, column))
                return .invalid
            }
            return .value(value)
        case (.perThousandInhabitants, .number(let count)):
            guard count >= 0 else {
                problems.add("\(count.shortText) is negative; expected a count", at: table.location(region, column))
                return .invalid
            }
            let inhabitantsColumn = table.column(CBSIndicator.inhabitantsKey)!
            let inhabitantsCell = table.cell(region, inhabitantsColumn)
            guard case .number(let inhabitants) = inhabitantsCell else {
                // A bad inhabitants cell is reported by the population attribute.
                if case .invalid = inhabitantsCell { return .invalid }
                return .missing(column: inhabitantsColumn, why: "inhabitants missing (\(inhabitantsCell.markerText)), so no rate per 1000 inhabitants")
            }
            guard inhabitants > 0 else {
                return .missing(column: inhabitantsColumn, why: "no inhabitants, so no rate per 1000 inhabitants")
            }
            let rate = (1000 * count / inhabitants * 10).rounded() / 10
            guard rate <= candidate.indicator.max else {
                // CBS rounds small counts, so a tiny buurt can show more recipients than inhabitants.
                return .missing(column: column, why: "\(count.shortText) per \(inhabitants.shortText) inhabitants is \(rate.shortText) per 1000, above \(range)")
            }
            return .value(rate)
        }
    }

    /// The region names, or codes where the file has none; a name that two
    /// rows share gets the code added, as wijk names must be unique.
    mutating func uniqueNames() -> [String] {
        let names = selected.map { $0.name ?? $0.code.description }
        var counts: [String: Int] = [:]
        for name in names { counts[name, default: 0] += 1 }
        return zip(selected, names).map { region, name in
            guard counts[name]! > 1 else { return name }
            let unique = "\(name) (\(region.code))"
            warnings.append(Diagnostic("the name \"\(name)\" is used by \(counts[name]!) \(level.plural); written as \"\(unique)\"",
                                       at: table.location(region, table.nameColumn ?? table.codeColumn)))
            return unique
        }
    }
}
