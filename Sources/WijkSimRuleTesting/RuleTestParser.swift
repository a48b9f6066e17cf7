import WijkSimLoad
import WijkSimModel

/// Reads a rule-test file (CONTRACT §9), reporting every problem with its
/// line and key path.
package enum RuleTestParser {
    static let caseKeys = ["name", "year", "from", "to", "first_year", "last_year", "wijk", "x", "x0", "city",
                           "params", "expect", "tolerance"]

    package static func parse(_ file: String) throws -> RuleTestFile {
        let root = try YAMLValue.parse(file: file)
        var problems = DiagnosticList()
        var plugin: String?, pluginLocation = root.location, cases: [RuleCase] = []
        for (key, value) in root.mapping(&problems, allowed: ["plugin", "cases"]) ?? [] {
            switch key {
            case "plugin":
                plugin = value.string(&problems)
                pluginLocation = value.location
            case "cases":
                for item in value.list(&problems) ?? [] {
                    if let parsed = parseCase(item, &problems) { cases.append(parsed) }
                }
            default: break
            }
        }
        if plugin == nil { problems.add("missing key \"plugin\" (the plugin these cases test)", at: root.location) }
        if cases.isEmpty, problems.isEmpty { problems.add("no cases (expected a list under \"cases\")", at: root.location) }
        try problems.check()
        return RuleTestFile(file: file, plugin: plugin!, pluginLocation: pluginLocation, cases: cases)
    }

    static func parseCase(_ value: YAMLValue, _ problems: inout DiagnosticList) -> RuleCase? {
        guard let entries = value.mapping(&problems, allowed: caseKeys) else { return nil }
        var fields: [String: YAMLValue] = [:]
        for (k, v) in entries { fields[k] = v }
        let before = problems.items.count
        func numbers(_ key: String) -> [(String, Double, SourceLocation)] {
            guard let node = fields[key] else { return [] }
            return (node.mapping(&problems) ?? []).compactMap { name, v in v.number(&problems).map { (name, $0, v.location) } }
        }
        guard let yearNode = fields["year"], let year = yearNode.integer(&problems) else {
            if fields["year"] == nil { problems.add("a case needs \"year\" (ctx.year)", at: value.location) }
            return nil
        }
        let from = fields["from"].flatMap { $0.integer(&problems) } ?? year
        let to = fields["to"].flatMap { $0.integer(&problems) } ?? year
        let x = numbers("x").map { ($0.0, $0.1) }
        var expectedAdds: [(String, Double)] = []
        var expectedSpend: Double?
        if let expect = fields["expect"] {
            for (key, v) in expect.mapping(&problems, allowed: ["add", "spend"]) ?? [] {
                if key == "spend" { expectedSpend = v.number(&problems) } else {
                    for (id, n) in v.mapping(&problems) ?? [] {
                        guard let number = n.number(&problems) else { continue }
                        if !x.contains(where: { $0.0 == id }) {
                            problems.add("\"\(id)\" is not named in x: a case's indicators are those in x", at: n.location)
                        }
                        expectedAdds.append((id, number))
                    }
                }
            }
        } else {
            problems.add("a case needs \"expect\" (add and/or spend)", at: value.location)
        }
        let tolerance = fields["tolerance"].flatMap { $0.number(&problems) } ?? 1e-9
        guard problems.items.count == before else { return nil }
        return RuleCase(
            name: fields["name"]?.scalarText ?? "case at line \(value.location.line ?? 0)",
            location: SourceLocation(file: value.file, line: value.location.line),
            year: year, from: from, to: to,
            firstYear: fields["first_year"].flatMap { $0.integer(&problems) } ?? from,
            lastYear: fields["last_year"].flatMap { $0.integer(&problems) } ?? to,
            wijk: numbers("wijk").map { ($0.0, $0.1) }, x: x,
            x0: Dictionary(numbers("x0").map { ($0.0, $0.1) }, uniquingKeysWith: { $1 }),
            city: Dictionary(numbers("city").map { ($0.0, $0.1) }, uniquingKeysWith: { $1 }),
            params: numbers("params").map { ($0.0, $0.1, $0.2) },
            expectedAdds: expectedAdds, expectedSpend: expectedSpend, tolerance: tolerance)
    }
}
