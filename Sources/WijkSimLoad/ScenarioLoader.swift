import Foundation
import WijkSimModel

/// A scenario ready to plan: the resolved scenario, its city data and the
/// descriptors of the plugins it uses (by plugin id).
package struct LoadedScenario {
    package var scenario: Scenario
    package var city: CityData
    package var plugins: [String: PluginDescriptor]
}

/// Reads a scenario file, applies `extends` (CONTRACT §2) and validates it
/// against its data and plugins, collecting every problem before failing.
package enum ScenarioLoader {
    /// The baseline scenario, loaded as any scenario is; its problems are
    /// reported at the `baseline:` (or `extends:`) line that named it.
    package static func loadBaseline(_ choice: BaselineChoice) throws -> LoadedScenario {
        do {
            return try load(choice.file)
        } catch let error as BadInput {
            let how = choice.declared ? "the baseline" : "the baseline (the scenario this one extends)"
            throw BadInput([Diagnostic("\(how) \(DisplayPath.of(choice.file)) cannot be run:", at: choice.location)] + error.diagnostics)
        }
    }

    package static func load(_ file: String) throws -> LoadedScenario {
        var problems = DiagnosticList()
        let scenario = try resolve(file, &problems)
        return try ScenarioValidator.validate(scenario, earlier: problems)
    }

    /// The scenario after `extends`, with defaults filled in but not yet
    /// checked against data or plugins. Problems that do not stop the
    /// resolution are added to `problems` for the validator to report.
    static func resolve(_ file: String, _ problems: inout DiagnosticList) throws -> Scenario {
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw BadInput("no such scenario file", at: SourceLocation(file: file))
        }
        let layers = try chain(from: path)
        for layer in layers { problems.add(BadInput(layer.problems.items)) }
        return try merge(layers, file: path, &problems)
    }

    /// The layers from the root ancestor down to `file`.
    static func chain(from file: String) throws -> [ScenarioLayer] {
        var layers: [ScenarioLayer] = []
        var seen: [String] = []
        var next: (file: String, location: SourceLocation?)? = (file, nil)
        while let (current, location) = next {
            if seen.contains(current) {
                let cycle = (seen + [current]).map { DisplayPath.of($0) }.joined(separator: " → ")
                throw BadInput("extends makes a cycle: \(cycle)", at: location)
            }
            guard FileManager.default.fileExists(atPath: current) else {
                throw BadInput("extends names a file that does not exist: \(DisplayPath.of(current))", at: location)
            }
            seen.append(current)
            let layer = try ScenarioLayer.parse(file: current)
            layers.insert(layer, at: 0)
            next = layer.extends.map { ($0.value, $0.location) }
        }
        return layers
    }

    static func merge(_ layers: [ScenarioLayer], file: String, _ problems: inout DiagnosticList) throws -> Scenario {
        var name: String?, description: String?
        var years: [String: ScenarioLayer.Located<Int>] = [:]
        var data: [String: ScenarioLayer.Located<String>] = [:]
        var plugins: [String]?
        var raw: [ScenarioLayer.RawInstance] = []
        var rules: [ScenarioLayer.RawInstance] = []
        var funding: [(name: String, value: ScenarioLayer.Located<Funding>)] = []
        var draws = 1, seed: UInt64 = 1
        var sampling = Sampling.random
        var drawsLocation: SourceLocation?
        var sweep: [(key: String, values: [Double], location: SourceLocation)] = []
        var samples: ScenarioLayer.Located<String>?
        for layer in layers {
            if let value = layer.samples { samples = value }
            if let value = layer.name { name = value.value }
            if let value = layer.description { description = value }
            years.merge(layer.years) { $1 }
            data.merge(layer.data) { $1 }
            if let value = layer.plugins { plugins = value }
            rules += layer.rules
            raw += layer.interventions
            for entry in layer.funding {
                if let i = funding.firstIndex(where: { $0.name == entry.name }) { funding[i] = entry } else { funding.append(entry) }
            }
            if let value = layer.draws { draws = value.value; drawsLocation = value.location }
            if let value = layer.seed { seed = value.value }
            if let value = layer.sampling { sampling = value.value }
            for entry in layer.sweep {
                if let i = sweep.firstIndex(where: { $0.key == entry.key }) { sweep[i] = entry } else { sweep.append(entry) }
            }
        }
        let top = SourceLocation(file: file, line: 1)
        if name == nil { problems.add("missing key \"name\" (a scenario needs a name)", at: top) }
        for key in ["from", "to"] where years[key] == nil {
            problems.add("missing key \"years.\(key)\" (e.g. years: {from: 2022, to: 2042})", at: top)
        }
        if let from = years["from"], let to = years["to"], from.value >= to.value {
            problems.add("years.to (\(to.value)) must be after years.from (\(from.value))", at: to.location)
        } else if let from = years["from"], let to = years["to"], ScenarioLimits.years(from: from.value, to: to.value) == nil {
            problems.add("years.from..years.to spans more than \(ScenarioLimits.maxYears) years; that is more than wijksim can simulate", at: to.location)
        }
        if draws > ScenarioLimits.maxDraws {
            problems.add("draws \(draws) is more than the \(ScenarioLimits.maxDraws) a run can hold", at: drawsLocation ?? top)
        }
        if let first = sweep.first, ScenarioLimits.variants(sweep.map(\.values.count)) == nil {
            let grid = sweep.map { String($0.values.count) }.joined(separator: " × ")
            problems.add("the sweep makes \(grid) variants, more than the \(ScenarioLimits.maxVariants) a run can hold; sweep fewer values or split the scenario",
                         at: first.location.at(keyPath: "sweep"))
        }
        for key in ["indicators", "wijken"] where data[key] == nil {
            problems.add("missing key \"data.\(key)\" (the path of \(key).csv)", at: top)
        }
        guard name != nil, let from = years["from"], let to = years["to"], from.value < to.value,
              data["indicators"] != nil, data["wijken"] != nil else {
            throw BadInput(problems.items)
        }
        let firstYear = years["from"]!.value, lastYear = years["to"]!.value
        let instances = nameInstances(rules + raw, firstYear: firstYear, lastYear: lastYear, &problems)
        var fundingNames: [String] = []
        for name in layers.flatMap(\.fundingNames) where !fundingNames.contains(name) { fundingNames.append(name) }
        for item in raw {
            if let f = item.funding, !fundingNames.contains(f.value) {
                problems.add("unknown funding \"\(f.value)\"\(NearestName.suggestion(for: f.value, among: fundingNames)); the scenario's funding defines \(fundingNames.isEmpty ? "none" : fundingNames.joined(separator: ", "))", at: f.location)
            }
        }
        let axes: [SweepAxis] = sweep.compactMap { entry in
            let parts = entry.key.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                problems.add("sweep key \"\(entry.key)\" must be INSTANCE.PARAM", at: entry.location)
                return nil
            }
            guard instances.contains(where: { $0.name == parts[0] }) else {
                problems.add("sweep: unknown instance \"\(parts[0])\"\(NearestName.suggestion(for: parts[0], among: instances.map(\.name)))", at: entry.location)
                return nil
            }
            return SweepAxis(instance: parts[0], param: parts[1], values: entry.values, location: entry.location)
        }
        let folder = (file as NSString).deletingLastPathComponent
        var scenario = Scenario(
            name: name!, description: description, file: file, firstYear: firstYear, lastYear: lastYear,
            indicatorsFile: data["indicators"]!.value, wijkenFile: data["wijken"]!.value,
            pluginPath: plugins ?? [URL(fileURLWithPath: folder).appendingPathComponent("../plugins").standardizedFileURL.path],
            instances: instances, funding: funding.map(\.value.value), draws: draws, seed: seed, sweep: axes,
            baseline: baseline(layers, &problems),
            samplesChoice: samples.map { SamplesChoice(file: $0.value, location: $0.location) })
        scenario.sampling = sampling
        return scenario
    }

    /// `baseline:` of the scenario's own file (it is not inherited: a parent's
    /// baseline is the parent's own), else the scenario it `extends` when
    /// nothing up that chain adds an intervention (CONTRACT §2).
    static func baseline(_ layers: [ScenarioLayer], _ problems: inout DiagnosticList) -> BaselineChoice? {
        guard let top = layers.last else { return nil }
        if let declared = top.baseline {
            guard let file = declared.value else { return nil }
            if !FileManager.default.fileExists(atPath: file) {
                problems.add("no such file: \(DisplayPath.of(file)); expected a scenario without the plan, or `none`", at: declared.location)
                return nil
            }
            if file == top.file {
                problems.add("a scenario cannot be its own baseline", at: declared.location)
                return nil
            }
            return BaselineChoice(file: file, declared: true, location: declared.location)
        }
        guard layers.count > 1, let parent = top.extends, layers.dropLast().allSatisfy(\.interventions.isEmpty) else { return nil }
        return BaselineChoice(file: parent.value, declared: false, location: parent.location)
    }

    /// Default names (CONTRACT §2): the plugin id, then `_2`, `_3`, … for
    /// later unnamed uses; explicit names must be unique.
    static func nameInstances(_ raw: [ScenarioLayer.RawInstance], firstYear: Int, lastYear: Int,
                     _ problems: inout DiagnosticList) -> [Instance] {
        var taken = Set(raw.compactMap(\.name))
        var explicit = Set<String>()
        var instances: [Instance] = []
        for item in raw {
            var name: String
            if let given = item.name {
                name = given
                if !explicit.insert(given).inserted {
                    problems.add("instance name \"\(given)\" is used twice; names must be unique", at: item.location)
                }
            } else {
                name = item.plugin
                var n = 1
                while taken.contains(name) { n += 1; name = "\(item.plugin)_\(n)" }
                taken.insert(name)
            }
            let from = item.kind == .rule ? firstYear : (item.from ?? firstYear)
            let to = item.kind == .rule ? lastYear : (item.to ?? lastYear)
            if from > to { problems.add("from \(from) is after to \(to)", at: item.location.at(keyPath: (item.location.keyPath ?? "") + ".from")) }
            instances.append(Instance(
                name: name, plugin: item.plugin, kind: item.kind, targets: item.targets ?? .all, from: from, to: to,
                params: item.params.map { ParameterSetting(name: $0.name, value: $0.value, location: $0.location) }, funding: item.funding?.value, location: item.location,
                targetLocations: item.targetLocations))
        }
        return instances
    }
}

/// Sizes beyond which a scenario cannot run: the engine holds per-year,
/// per-variant and per-draw arrays and multiplies these counts, so larger
/// values would exhaust memory or overflow rather than fail cleanly. The
/// limits are far above any useful scenario (years 2022 → 2042 is 20 steps).
package enum ScenarioLimits {
    static let maxYears = 1000
    static let maxVariants = 1_000_000
    package static let maxDraws = 100_000_000

    /// The number of steps from..to, or nil when it is over `maxYears`.
    static func years(from: Int, to: Int) -> Int? {
        let (span, overflow) = to.subtractingReportingOverflow(from)
        return overflow || span > maxYears ? nil : span
    }

    /// The size of the sweep grid, or nil when it is over `maxVariants`.
    static func variants(_ axisSizes: [Int]) -> Int? {
        var product = 1
        for size in axisSizes {
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            if overflow || next > maxVariants { return nil }
            product = next
        }
        return product
    }
}
