import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// `scenario.json`: the scenario after `extends`, with every default made
/// explicit (names, windows, parameter values), the seed, draws and the
/// wijksim version: enough to rerun it and to see what was run.
package enum ScenarioJSON {
    package static func text(_ plan: Plan, version: String) throws -> String {
        let s = plan.scenario
        var object: [String: JSONValue] = [
            "wijksim_version": .string(version),
            "name": .string(s.name),
            "file": .string(DisplayPath.of(s.file)),
            "years": .object(["from": .integer(s.firstYear), "to": .integer(s.lastYear)]),
            "data": .object(["indicators": .string(DisplayPath.of(s.indicatorsFile)), "wijken": .string(DisplayPath.of(s.wijkenFile))]),
            "plugins": .array(s.pluginPath.map { .string(DisplayPath.of($0)) }),
            "rules": .array(try s.instances.filter { $0.kind == .rule }.map { try instance($0, plan) }),
            "interventions": .array(try s.instances.filter { $0.kind == .intervention }.map { try instance($0, plan) }),
            "funding": .object(Dictionary(uniqueKeysWithValues: try s.funding.map {
                ($0.name, .object(["budget": try .number($0.budget), "from": .integer($0.from), "to": .integer($0.to)]))
            })),
            "draws": .integer(plan.draws),
            "seed": .integer(plan.seed),
            "sampling": .string(plan.sampling.rawValue),
            "variants": .integer(plan.variants),
            "sweep": .object(Dictionary(uniqueKeysWithValues: try s.sweep.map { ($0.key, .array(try $0.values.map(JSONValue.number))) })),
        ]
        if let description = s.description { object["description"] = .string(description) }
        if let samples = s.samplesChoice { object["samples"] = .string(DisplayPath.of(samples.file)) }
        object["baseline"] = s.baseline.map { .string(DisplayPath.of($0.file)) } ?? .null
        return PrettyJSON.text(.object(object)) + "\n"
    }

    static func instance(_ instance: Instance, _ plan: Plan) throws -> JSONValue {
        let descriptor = plan.plugins.first { $0.id == instance.plugin }!
        var params: [String: JSONValue] = [:]
        for spec in descriptor.params {
            switch instance.params.last(where: { $0.name == spec.name })?.value {
            case let .fixed(value)?: params[spec.name] = try .number(value)
            case let .distributed(d)?: params[spec.name] = try distribution(d)
            case nil: params[spec.name] = try .number(spec.defaultValue)
            }
        }
        var object: [String: JSONValue] = ["name": .string(instance.name), "plugin": .string(instance.plugin), "params": .object(params),
                                           "plugin_file": .string(DisplayPath.of(descriptor.file))]
        if instance.kind == .intervention {
            object["from"] = .integer(instance.from)
            object["to"] = .integer(instance.to)
            switch instance.targets {
            case .all: object["wijken"] = .string("all")
            case let .wijken(names): object["wijken"] = .array(names.map(JSONValue.string))
            case let .gebied(names): object["wijken"] = .object(["gebied": names.count == 1 ? .string(names[0]) : .array(names.map(JSONValue.string))])
            }
            if let funding = instance.funding { object["funding"] = .string(funding) }
        }
        return .object(object)
    }

    static func distribution(_ d: Distribution) throws -> JSONValue {
        var object: [String: JSONValue]
        switch d.shape {
        case let .triangular(low, mode, high):
            object = ["dist": .string("triangular"), "low": try .number(low), "mode": try .number(mode), "high": try .number(high)]
        case let .uniform(low, high): object = ["dist": .string("uniform"), "low": try .number(low), "high": try .number(high)]
        case let .normal(mean, sd): object = ["dist": .string("normal"), "mean": try .number(mean), "sd": try .number(sd)]
        case let .lognormal(mean, sd): object = ["dist": .string("lognormal"), "mean": try .number(mean), "sd": try .number(sd)]
        }
        if let min = d.min { object["min"] = try .number(min) }
        if let max = d.max { object["max"] = try .number(max) }
        if d.perWijk { object["per_wijk"] = .bool(true) }
        return .object(object)
    }
}
