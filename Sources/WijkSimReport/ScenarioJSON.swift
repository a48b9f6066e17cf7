import Foundation
import WijkSimEngine
import WijkSimModel

/// `scenario.json`: the scenario after `extends`, with every default made
/// explicit (names, windows, parameter values), the seed, draws and the
/// wijksim version: enough to rerun it and to see what was run.
enum ScenarioJSON {
    static func text(_ plan: Plan, version: String) throws -> String {
        let s = plan.scenario
        var object: [String: Any] = [
            "wijksim_version": version,
            "name": s.name,
            "file": DisplayPath.of(s.file),
            "years": ["from": s.firstYear, "to": s.lastYear],
            "data": ["indicators": DisplayPath.of(s.indicatorsFile), "wijken": DisplayPath.of(s.wijkenFile)],
            "plugins": s.pluginPath.map { DisplayPath.of($0) },
            "rules": s.instances.filter { $0.kind == .rule }.map { instance($0, plan) },
            "interventions": s.instances.filter { $0.kind == .intervention }.map { instance($0, plan) },
            "funding": Dictionary(uniqueKeysWithValues: s.funding.map { ($0.name, ["budget": $0.budget, "from": $0.from, "to": $0.to] as [String: Any]) }),
            "draws": plan.draws,
            "seed": plan.seed,
            "sampling": plan.sampling.rawValue,
            "variants": plan.variants,
            "sweep": Dictionary(uniqueKeysWithValues: s.sweep.map { ($0.key, $0.values) }),
        ]
        if let description = s.description { object["description"] = description }
        if let samples = s.samplesChoice { object["samples"] = DisplayPath.of(samples.file) }
        object["baseline"] = s.baseline.map { DisplayPath.of($0.file) } ?? NSNull()
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func instance(_ instance: Instance, _ plan: Plan) -> [String: Any] {
        let descriptor = plan.plugins.first { $0.id == instance.plugin }!
        var params: [String: Any] = [:]
        for spec in descriptor.params {
            switch instance.params.last(where: { $0.name == spec.name })?.value {
            case let .fixed(value)?: params[spec.name] = value
            case let .distributed(d)?: params[spec.name] = distribution(d)
            case nil: params[spec.name] = spec.defaultValue
            }
        }
        var object: [String: Any] = ["name": instance.name, "plugin": instance.plugin, "params": params,
                                     "plugin_file": DisplayPath.of(descriptor.file)]
        if instance.kind == .intervention {
            object["from"] = instance.from
            object["to"] = instance.to
            switch instance.targets {
            case .all: object["wijken"] = "all"
            case let .wijken(names): object["wijken"] = names
            case let .gebied(names): object["wijken"] = ["gebied": names.count == 1 ? names[0] as Any : names as Any]
            }
            if let funding = instance.funding { object["funding"] = funding }
        }
        return object
    }

    static func distribution(_ d: Distribution) -> [String: Any] {
        var object: [String: Any]
        switch d.shape {
        case let .triangular(low, mode, high): object = ["dist": "triangular", "low": low, "mode": mode, "high": high]
        case let .uniform(low, high): object = ["dist": "uniform", "low": low, "high": high]
        case let .normal(mean, sd): object = ["dist": "normal", "mean": mean, "sd": sd]
        case let .lognormal(mean, sd): object = ["dist": "lognormal", "mean": mean, "sd": sd]
        }
        if let min = d.min { object["min"] = min }
        if let max = d.max { object["max"] = max }
        if d.perWijk { object["per_wijk"] = true }
        return object
    }
}
