import Foundation
import WijkSimModel

/// Reads `samples: FILE` (CONTRACT §2): a CSV with one column per
/// `instance.param`, or `instance.param@wijk` for a value per wijk, and one
/// row per sample. Checked like any input: every column must name an
/// instance, a parameter of its plugin and (after `@`) a wijk; every cell a
/// number inside the parameter's range; problems name file, row and column.
package enum SampleLoader {
    /// Beyond this many problems the rest are counted, not listed.
    static let maxProblems = 20

    static func load(_ choice: SamplesChoice, scenario: Scenario, plugins: [String: PluginDescriptor],
                     city: CityData) throws -> SampleTable {
        let file = choice.file
        guard FileManager.default.fileExists(atPath: file) else {
            throw BadInput("samples: no such file \(DisplayPath.of(file)) (expected a CSV with one column per instance.param)", at: choice.location)
        }
        let table = try CSVTable.read(file)
        var problems = DiagnosticList()
        let header = SourceLocation(file: file, line: 1)
        let names = scenario.instances.map(\.name)
        var columns: [(index: Int, column: SampleColumn, spec: ParameterSpec)] = []
        var seen = Set<String>()
        for (index, name) in table.header.enumerated() {
            let at = header.at(keyPath: "column \(name)")
            let parts = name.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let base = parts[0].split(separator: ".", maxSplits: 1).map(String.init)
            guard base.count == 2, parts.count == 1 || !parts[1].isEmpty else {
                problems.add("unknown column \"\(name)\": expected INSTANCE.PARAM or INSTANCE.PARAM@WIJK", at: at)
                continue
            }
            guard let instance = scenario.instances.first(where: { $0.name == base[0] }), let plugin = plugins[instance.plugin] else {
                problems.add("unknown column \"\(name)\": the scenario has no instance \"\(base[0])\"\(NearestName.suggestion(for: base[0], among: names)); it has \(names.joined(separator: ", "))", at: at)
                continue
            }
            guard let spec = plugin.param(base[1]) else {
                problems.add("unknown column \"\(name)\": plugin \(plugin.id) has no parameter \"\(base[1])\"\(NearestName.suggestion(for: base[1], among: plugin.params.map(\.name)))", at: at)
                continue
            }
            let wijk = parts.count == 2 ? parts[1] : nil
            if let wijk, !city.wijken.contains(wijk) {
                problems.add("unknown column \"\(name)\": no wijk \"\(wijk)\"\(NearestName.suggestion(for: wijk, among: city.wijken))", at: at)
                continue
            }
            if scenario.sweep.contains(where: { $0.instance == instance.name && $0.param == spec.name }) {
                problems.add("column \"\(name)\": \(instance.name).\(spec.name) is swept; a swept parameter cannot also come from samples", at: at)
                continue
            }
            guard seen.insert(name).inserted else {
                problems.add("column \"\(name)\" appears twice", at: at)
                continue
            }
            columns.append((index, SampleColumn(instance: instance.name, param: spec.name, wijk: wijk, values: []), spec))
        }
        // a parameter comes either from one column or from one column per wijk
        var parameters: [String] = []
        for entry in columns where !parameters.contains("\(entry.column.instance).\(entry.column.param)") {
            parameters.append("\(entry.column.instance).\(entry.column.param)")
        }
        for key in parameters {
            let group = columns.filter { "\($0.column.instance).\($0.column.param)" == key }
            let perWijk = group.compactMap(\.column.wijk)
            if perWijk.isEmpty { continue }
            if perWijk.count != group.count {
                problems.add("\(key) has a column for all wijken and columns per wijk; give one or the other", at: header.at(keyPath: "column \(key)"))
            } else if perWijk.count != city.wijken.count {
                let missing = city.wijken.filter { !perWijk.contains($0) }
                problems.add("\(key) has columns per wijk but none for \(ReportList.text(missing)); give every wijk a column \(key)@WIJK, or one column \(key)", at: header.at(keyPath: "column \(key)@\(missing[0])"))
            }
        }
        var values = [[Double]](repeating: [], count: columns.count)
        var skipped = 0
        for row in table.rows {
            guard row.cells.count == table.header.count else {
                if problems.items.count < maxProblems { problems.add("expected \(table.header.count) cells, found \(row.cells.count)", at: table.location(row)) } else { skipped += 1 }
                continue
            }
            for (k, entry) in columns.enumerated() {
                let text = row.cells[entry.index]
                guard let value = Double(csv: text) else {
                    if problems.items.count < maxProblems { problems.add("\"\(text)\" is not a number", at: table.location(row, column: entry.column.name)) } else { skipped += 1 }
                    values[k].append(.nan)
                    continue
                }
                if !entry.spec.allows(value) {
                    if problems.items.count < maxProblems { problems.add("\(value.shortText) is outside the range of \(entry.column.instance).\(entry.spec.name): \(entry.spec.rangeText)", at: table.location(row, column: entry.column.name)) } else { skipped += 1 }
                }
                values[k].append(value)
            }
        }
        if table.rows.isEmpty { problems.add("no rows (expected one row per sample)", at: SourceLocation(file: file)) }
        if skipped > 0 { problems.add("… and \(skipped) more problems", at: SourceLocation(file: file)) }
        try problems.check()
        return SampleTable(file: file, rows: table.rows.count, columns: columns.enumerated().map { k, entry in
            var column = entry.column
            column.values = values[k]
            return column
        })
    }
}

/// "A, B and C" for messages.
enum ReportList {
    static func text(_ items: [String]) -> String {
        items.count <= 1 ? (items.first ?? "") : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
