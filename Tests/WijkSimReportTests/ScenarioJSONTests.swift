import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimReport
import WijkSimTestSupport
import XCTest

/// scenario.json is written by hand; it must keep the bytes that Foundation's
/// `JSONSerialization` wrote (key order, indentation, numbers, escapes).
final class ScenarioJSONTests: XCTestCase {
    func testEveryShippedScenarioIsWrittenAsFoundationWroteIt() throws {
        let folders = ["scenarios", "bench/workload/scenarios"]
        var compared = 0
        for folder in folders {
            let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.repo(folder)).filter { $0.hasSuffix(".yaml") }
            for file in files.sorted() {
                let loaded = try ScenarioLoader.load(TestPaths.repo(folder + "/" + file))
                let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
                XCTAssertEqual(try ScenarioJSON.text(plan, version: "0.1.0"), try FoundationScenarioJSON.text(plan, version: "0.1.0"), file)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 10)
    }

    /// Names and numbers that need escaping, Foundation's key order (upper
    /// case, digits, punctuation) and its number text.
    func testOddNamesAndNumbersAreWrittenAsFoundationWroteThem() throws {
        let city = MiniCity()
        city.plugin("odd", """
            return {
              id = "odd",
              title = "Odd names",
              params = {
                alpha9 = {default = 0.1, min = -1e20, max = 1e20},
                alpha10 = {default = 1e16, min = -1e20, max = 1e20},
                Alpha = {default = -0.0, min = -1e20, max = 1e20},
                alpha = {default = 1e-7, min = -1e20, max = 1e20},
                al_pha = {default = 123456789.125, min = -1e20, max = 1e20},
                ["al.pha"] = {default = 5e-324, min = -1e20, max = 1e20},
                ["b-c"] = {default = 3, min = -1e20, max = 1e20},
                beta = {default = 2, min = -1e20, max = 1e20},
                ["é"] = {default = 7, min = -1e20, max = 1e20},
                cost = {default = 0, min = 0},
              },
              writes = {"armoede"},
              step = function(ctx, p) ctx:spend(ctx.active * p.cost) end,
            }
            """)
        let file = city.scenario("odd", """
            description: "Tab\\there, quote \\" slash / back \\\\ bell \\u0007 esc \\u001b — é ✓ \\U0001F600"
            plugins: [../plugins]
            interventions:
              - {name: "een/twee \\"drie\\"", plugin: odd, wijken: [Noord, Oost], params: {alpha9: 0.30000000000000004, beta: {dist: uniform, low: 1, high: 2, per_wijk: true}}, funding: Fonds2}
              - {name: x, plugin: odd, wijken: {gebied: Boven}, params: {alpha10: {dist: triangular, low: -1e-9, mode: 0, high: 1e15}}, funding: fonds10}
              - {name: y, plugin: odd, wijken: {gebied: [Boven, Beneden]}, params: {Alpha: {dist: normal, mean: 1, sd: 2, min: -3, max: 4}}, funding: fonds9}
              - {plugin: odd, params: {alpha: {dist: lognormal, mean: 1, sd: 0.5, max: 100}}, funding: FONDS}
            funding:
              Fonds2: {budget: 1e16, from: 2020, to: 2025}
              fonds10: {budget: 0.5, from: 2020, to: 2025}
              fonds9: {budget: 123456789, from: 2021, to: 2022}
              FONDS: {budget: 0, from: 2020, to: 2025}
              fonds_b: {budget: 1, from: 2020, to: 2025}
              fonds.b: {budget: 1, from: 2020, to: 2025}
            sweep:
              x.alpha9: [0.1, 0.2, 1e19]
              y.beta: [-1, 1]
            sampling: lhs
            seed: 18446744073709551615
            """)
        let loaded = try ScenarioLoader.load(file)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
        let text = try ScenarioJSON.text(plan, version: "0.1.0")
        XCTAssertEqual(text, try FoundationScenarioJSON.text(plan, version: "0.1.0"))
        XCTAssertTrue(text.contains("\\u0007"), text)
    }
}

/// The earlier scenario.json writer, kept as the reference for the bytes.
enum FoundationScenarioJSON {
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
