import Foundation
import WijkSimModel

/// What one scenario file says, before `extends` is applied. Every field is
/// optional here; paths are already resolved against this file's folder
/// (CONTRACT §2: an inherited path stays relative to the parent).
struct ScenarioLayer {
    struct Located<T> {
        var value: T
        var location: SourceLocation
    }

    struct RawInstance {
        var name: String?
        var plugin: String
        var targets: Targets?
        var targetLocations: [String: SourceLocation] = [:]
        var from: Int?
        var to: Int?
        var params: [(name: String, value: ParameterValue, location: SourceLocation)]
        var funding: Located<String>?
        var location: SourceLocation
        var kind: Instance.Kind
    }

    var file: String
    var name: Located<String>?
    var description: String?
    var extends: Located<String>?
    /// `baseline: FILE` resolved, or a nil value for `baseline: none`.
    var baseline: Located<String?>?
    var years: [String: Located<Int>] = [:]
    var data: [String: Located<String>] = [:]
    var plugins: [String]?
    var rules: [RawInstance] = []
    var interventions: [RawInstance] = []
    var funding: [(name: String, value: Located<Funding>)] = []
    /// Every funding name this file declares, also those whose fields are
    /// wrong, so that a reference to one is not reported as unknown as well.
    var fundingNames: [String] = []
    var draws: Located<Int>?
    var seed: Located<UInt64>?
    var sampling: Located<Sampling>?
    var sweep: [(key: String, values: [Double], location: SourceLocation)] = []
    /// `samples: FILE` resolved against this file's folder (CONTRACT §2).
    var samples: Located<String>?
    /// Problems found in this file; loading goes on so that all are reported.
    var problems = DiagnosticList()

    static let keys = ["name", "description", "extends", "baseline", "years", "data", "plugins", "rules", "interventions",
                       "funding", "draws", "seed", "sampling", "sweep", "samples"]
    static let instanceKeys = ["name", "plugin", "wijken", "from", "to", "params", "funding"]
    static let distributionKeys = ["dist", "low", "mode", "high", "mean", "sd", "min", "max", "per_wijk"]

    static func parse(file: String) throws -> ScenarioLayer {
        let root = try YAMLValue.parse(file: file)
        var problems = DiagnosticList()
        var layer = ScenarioLayer(file: file)
        let folder = (file as NSString).deletingLastPathComponent
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : URL(fileURLWithPath: folder.isEmpty ? "." : folder).appendingPathComponent(path).standardizedFileURL.path
        }
        guard case .mapping = root.node else {
            throw BadInput("a scenario must be a mapping of keys (name, years, data, …), found \(root.typeName)", at: root.location)
        }
        let entries = root.mapping(&problems, allowed: keys) ?? []
        for (key, value) in entries {
            switch key {
            case "name": value.string(&problems).map { layer.name = Located(value: $0, location: value.location) }
            case "description": layer.description = value.scalarText
            case "extends": value.string(&problems).map { layer.extends = Located(value: resolve($0), location: value.location) }
            case "baseline":
                value.string(&problems).map { layer.baseline = Located(value: $0 == "none" ? nil : resolve($0), location: value.location) }
            case "years":
                for (k, v) in value.mapping(&problems, allowed: ["from", "to"]) ?? [] {
                    v.integer(&problems).map { layer.years[k] = Located(value: $0, location: v.location) }
                }
            case "data":
                for (k, v) in value.mapping(&problems, allowed: ["indicators", "wijken"]) ?? [] {
                    v.string(&problems).map { layer.data[k] = Located(value: resolve($0), location: v.location) }
                }
            case "plugins":
                if let text = value.scalarText, !text.isEmpty { layer.plugins = [resolve(text)] } else {
                    layer.plugins = (value.list(&problems) ?? []).compactMap { $0.string(&problems).map(resolve) }
                }
            case "rules", "interventions":
                let kind: Instance.Kind = key == "rules" ? .rule : .intervention
                let items = (value.list(&problems) ?? []).compactMap { parseInstance($0, kind: kind, &problems) }
                if kind == .rule { layer.rules = items } else { layer.interventions = items }
            case "funding":
                for (name, v) in value.mapping(&problems) ?? [] {
                    layer.fundingNames.append(name)
                    if let funding = parseFunding(name, v, &problems) { layer.funding.append((name, Located(value: funding, location: v.location))) }
                }
            case "draws": value.integer(&problems, minimum: 1).map { layer.draws = Located(value: $0, location: value.location) }
            case "seed":
                if let text = value.scalarText, let seed = UInt64(text) { layer.seed = Located(value: seed, location: value.location) }
                else { problems.add("expected a whole number ≥ 0, found \(value.typeName)", at: value.location) }
            case "sampling":
                if let text = value.scalarText, let sampling = Sampling(rawValue: text) {
                    layer.sampling = Located(value: sampling, location: value.location)
                } else {
                    let found = value.scalarText.map { "\"\($0)\"" } ?? value.typeName
                    problems.add("must be random (the default) or lhs (Latin hypercube), found \(found)\(NearestName.suggestion(for: value.scalarText ?? "", among: Sampling.allCases.map(\.rawValue)))", at: value.location)
                }
            case "samples": value.string(&problems).map { layer.samples = Located(value: resolve($0), location: value.location) }
            case "sweep":
                for (k, v) in value.mapping(&problems) ?? [] {
                    guard let items = v.list(&problems) else { continue }
                    let values = items.compactMap { $0.number(&problems) }
                    if items.isEmpty { problems.add("a sweep needs at least one value", at: v.location) }
                    layer.sweep.append((k, values, v.location))
                }
            default: break
            }
        }
        layer.problems = problems
        return layer
    }

    static func parseInstance(_ value: YAMLValue, kind: Instance.Kind, _ problems: inout DiagnosticList) -> RawInstance? {
        guard let entries = value.mapping(&problems, allowed: instanceKeys) else { return nil }
        var instance = RawInstance(plugin: "", params: [], location: value.location, kind: kind)
        var hasPlugin = false
        for (key, v) in entries {
            switch key {
            case "name": instance.name = v.string(&problems)
            case "plugin": if let p = v.string(&problems) { instance.plugin = p; hasPlugin = true }
            case "wijken": instance.targets = parseTargets(v, locations: &instance.targetLocations, &problems)
            case "from": instance.from = v.integer(&problems)
            case "to": instance.to = v.integer(&problems)
            case "funding": v.string(&problems).map { instance.funding = Located(value: $0, location: v.location) }
            case "params":
                for (name, p) in v.mapping(&problems) ?? [] {
                    if let parameter = parseParameter(p, &problems) { instance.params.append((name, parameter, p.location)) }
                }
            default: break
            }
        }
        if !hasPlugin {
            problems.add("missing key \"plugin\" (the plugin file name without .lua)", at: value.location)
            return nil
        }
        if kind == .rule {
            for (key, v) in entries where ["wijken", "from", "to", "funding"].contains(key) {
                problems.add("a rule applies to all wijken and years without cost; \"\(key)\" belongs to an intervention", at: v.location)
            }
        }
        return instance
    }

    static func parseTargets(_ value: YAMLValue, locations: inout [String: SourceLocation], _ problems: inout DiagnosticList) -> Targets? {
        func names(_ items: [YAMLValue]) -> [String] {
            items.compactMap { item in
                item.string(&problems).map { name in
                    if locations[name] == nil { locations[name] = item.location }
                    return name
                }
            }
        }
        if let text = value.scalarText {
            if text == "all" { return .all }
            problems.add("expected a list of wijken, all, or {gebied: NAME}, found \(value.typeName)", at: value.location)
            return nil
        }
        if case .sequence = value.node {
            return .wijken(names(value.list(&problems) ?? []))
        }
        guard let entries = value.mapping(&problems, allowed: ["gebied"]), let gebied = entries.first?.value else { return nil }
        if let text = gebied.scalarText {
            locations[text] = gebied.location
            return .gebied([text])
        }
        return .gebied(names(gebied.list(&problems) ?? []))
    }

    static func parseParameter(_ value: YAMLValue, _ problems: inout DiagnosticList) -> ParameterValue? {
        if value.scalarText != nil { return value.number(&problems).map(ParameterValue.fixed) }
        guard let entries = value.mapping(&problems, allowed: distributionKeys) else { return nil }
        var fields: [String: YAMLValue] = [:]
        for (k, v) in entries { fields[k] = v }
        guard let kindNode = fields["dist"], let kind = kindNode.string(&problems) else {
            problems.add("a distribution needs \"dist\": triangular, uniform, normal or lognormal", at: value.location)
            return nil
        }
        var missing = false
        func need(_ key: String) -> Double {
            guard let node = fields[key] else {
                problems.add("\(kind) needs \"\(key)\"", at: value.location)
                missing = true
                return .nan
            }
            return node.number(&problems) ?? .nan
        }
        let expected: [String]
        let shape: Distribution.Shape
        switch kind {
        case "triangular":
            expected = ["low", "mode", "high"]
            shape = .triangular(low: need("low"), mode: need("mode"), high: need("high"))
        case "uniform":
            expected = ["low", "high"]
            shape = .uniform(low: need("low"), high: need("high"))
        case "normal":
            expected = ["mean", "sd"]
            shape = .normal(mean: need("mean"), sd: need("sd"))
        case "lognormal":
            expected = ["mean", "sd"]
            shape = .lognormal(mean: need("mean"), sdLog: need("sd"))
        default:
            problems.add("unknown distribution \"\(kind)\"\(NearestName.suggestion(for: kind, among: ["triangular", "uniform", "normal", "lognormal"])); expected triangular, uniform, normal or lognormal", at: kindNode.location)
            return nil
        }
        for key in fields.keys where !(expected + ["dist", "min", "max", "per_wijk"]).contains(key) {
            problems.add("\"\(key)\" does not belong to a \(kind) distribution (it takes \(expected.joined(separator: ", ")), min, max, per_wijk)", at: fields[key]!.location)
        }
        let minimum = fields["min"].flatMap { $0.number(&problems) }
        let maximum = fields["max"].flatMap { $0.number(&problems) }
        let perWijk = fields["per_wijk"].flatMap { $0.bool(&problems) } ?? false
        if missing { return nil }
        let distribution = Distribution(shape: shape, min: minimum, max: maximum, perWijk: perWijk)
        if let problem = DistributionCheck.problem(distribution) {
            problems.add(problem, at: value.location)
            return nil
        }
        return .distributed(distribution)
    }

    static func parseFunding(_ name: String, _ value: YAMLValue, _ problems: inout DiagnosticList) -> Funding? {
        guard let entries = value.mapping(&problems, allowed: ["budget", "from", "to"]) else { return nil }
        var budget: Double?, from: Int?, to: Int?
        for (k, v) in entries {
            switch k {
            case "budget": budget = v.number(&problems)
            case "from": from = v.integer(&problems)
            case "to": to = v.integer(&problems)
            default: break
            }
        }
        for (key, present) in [("budget", budget != nil), ("from", from != nil), ("to", to != nil)] where !present && !entries.contains(where: { $0.key == key }) {
            problems.add("funding \(name) needs \"\(key)\"", at: value.location)
        }
        guard let budget, let from, let to else { return nil }
        if budget < 0 { problems.add("a budget cannot be negative", at: value.location) }
        if from > to { problems.add("from \(from) is after to \(to)", at: value.location) }
        return Funding(name: name, budget: budget, from: from, to: to)
    }
}

/// The shape checks of a distribution that do not depend on a plugin.
enum DistributionCheck {
    static func problem(_ d: Distribution) -> String? {
        switch d.shape {
        case let .triangular(low, mode, high):
            if !(low <= mode && mode <= high) || low == high { return "triangular needs low ≤ mode ≤ high with low < high (got \(low.shortText), \(mode.shortText), \(high.shortText))" }
        case let .uniform(low, high):
            if !(low < high) { return "uniform needs low < high (got \(low.shortText), \(high.shortText))" }
        case let .normal(_, sd):
            if !(sd > 0) { return "normal needs sd > 0 (got \(sd.shortText))" }
        case let .lognormal(mean, sd):
            if !(mean > 0) { return "lognormal needs mean > 0, the mean of the value (got \(mean.shortText))" }
            if !(sd > 0) { return "lognormal needs sd > 0, the sd of the log (got \(sd.shortText))" }
        }
        if let lo = d.min, let hi = d.max, !(lo < hi) { return "min \(lo.shortText) must be below max \(hi.shortText)" }
        let support = d.support
        if support.lowerBound >= support.upperBound || (d.quantileRangeIsEmpty) {
            return "min/max leave no values of the distribution"
        }
        return nil
    }
}

extension Distribution {
    /// True when truncation leaves no probability mass (e.g. min above high).
    var quantileRangeIsEmpty: Bool {
        let lowP = min.map(cdf) ?? 0
        let highP = max.map(cdf) ?? 1
        return !(highP > lowP)
    }
}
