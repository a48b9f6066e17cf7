import Foundation
import WijkSimLua
import WijkSimModel

/// Checks a resolved scenario against its data and plugins: targets,
/// plugins, parameters and their ranges, writes, sweep values (CONTRACT §2).
enum ScenarioValidator {
    static func validate(_ scenario: Scenario, earlier: DiagnosticList) throws -> LoadedScenario {
        var problems = earlier
        var city: CityData?
        do {
            city = try CityDataLoader.load(indicators: scenario.indicatorsFile, wijken: scenario.wijkenFile)
        } catch let error as BadInput { problems.add(error) }
        let catalog = PluginCatalog(path: scenario.pluginPath)
        var plugins: [String: PluginDescriptor] = [:]
        for instance in scenario.instances where plugins[instance.plugin] == nil {
            do {
                plugins[instance.plugin] = try catalog.descriptor(instance.plugin, usedAt: instance.location.at(keyPath: (instance.location.keyPath ?? "") + ".plugin"))
            } catch let error as BadInput { problems.add(error) }
        }
        for instance in scenario.instances {
            guard let plugin = plugins[instance.plugin] else { continue }
            check(instance, plugin: plugin, city: city, &problems)
        }
        for axis in scenario.sweep {
            guard let instance = scenario.instances.first(where: { $0.name == axis.instance }),
                  let plugin = plugins[instance.plugin] else { continue }
            guard let spec = plugin.param(axis.param) else {
                problems.add("sweep: plugin \(plugin.id) has no parameter \"\(axis.param)\"\(NearestName.suggestion(for: axis.param, among: plugin.params.map(\.name)))", at: axis.location)
                continue
            }
            for value in axis.values where !spec.allows(value) {
                problems.add("sweep value \(value.shortText) for \(axis.key) is outside \(spec.rangeText)", at: axis.location)
            }
        }
        if let city, scenario.draws <= ScenarioLimits.maxDraws, let variants = ScenarioLimits.variants(scenario.sweep.map(\.values.count)) {
            let (blocks, overflow) = variants.multipliedReportingOverflow(by: scenario.draws)
            if overflow || blocks.multipliedReportingOverflow(by: max(city.wijken.count, 1)).overflow {
                problems.add("\(variants) variants × \(scenario.draws) draws × \(city.wijken.count) wijken is more lanes than a run can hold",
                             at: SourceLocation(file: scenario.file, line: 1))
            }
        }
        if let city {
            for (plugin, descriptor) in plugins.sorted(by: { $0.key < $1.key }) {
                for id in descriptor.writes where city.indicatorIndex(id) == nil {
                    problems.add("plugin \(plugin) writes \"\(id)\", which is not an indicator of \(DisplayPath.of(scenario.indicatorsFile))\(NearestName.suggestion(for: id, among: city.indicators.map(\.id)))", at: SourceLocation(file: descriptor.file, line: PluginSourceLines(source: descriptor.source).line(ofWrite: id)))
                }
            }
        }
        var scenario = scenario
        if let choice = scenario.samplesChoice, let city, problems.isEmpty {
            do { scenario.samples = try SampleLoader.load(choice, scenario: scenario, plugins: plugins, city: city) }
            catch let error as BadInput { problems.add(error) }
        }
        try problems.check()
        return LoadedScenario(scenario: scenario, city: city!, plugins: plugins)
    }

    static func check(_ instance: Instance, plugin: PluginDescriptor, city: CityData?, _ problems: inout DiagnosticList) {
        let path = instance.location.keyPath ?? instance.name
        for setting in instance.params {
            let location = setting.location ?? instance.location.at(keyPath: "\(path).params.\(setting.name)")
            guard let spec = plugin.param(setting.name) else {
                let known = plugin.params.map(\.name)
                problems.add("plugin \(plugin.id) has no parameter \"\(setting.name)\"\(NearestName.suggestion(for: setting.name, among: known)); it takes \(known.isEmpty ? "none" : known.joined(separator: ", "))", at: location)
                continue
            }
            switch setting.value {
            case let .fixed(value) where !spec.allows(value):
                problems.add("\(value.shortText) is outside the range of \(plugin.id).\(spec.name): \(spec.rangeText)", at: location)
            case let .distributed(distribution):
                let support = distribution.support
                if let lo = spec.min, support.lowerBound < lo {
                    problems.add("the distribution can go below \(plugin.id).\(spec.name)'s min \(lo.shortText); add min: \(lo.shortText) (truncation) or narrow it", at: location)
                }
                if let hi = spec.max, support.upperBound > hi {
                    problems.add("the distribution can go above \(plugin.id).\(spec.name)'s max \(hi.shortText); add max: \(hi.shortText) (truncation) or narrow it", at: location)
                }
            default: break
            }
        }
        guard let city else { return }
        let targetsPath = instance.location.at(keyPath: "\(path).wijken")
        switch instance.targets {
        case .all: break
        case let .wijken(names):
            if names.isEmpty { problems.add("an empty list targets no wijk", at: targetsPath) }
            for name in names where !city.wijken.contains(name) {
                problems.add("unknown wijk \"\(name)\"\(NearestName.suggestion(for: name, among: city.wijken))",
                             at: instance.targetLocations[name]?.at(keyPath: "\(path).wijken") ?? targetsPath)
            }
        case let .gebied(names):
            let gebieden = Array(Set(city.gebieden)).sorted()
            for name in names where !gebieden.contains(name) {
                problems.add("unknown gebied \"\(name)\"\(NearestName.suggestion(for: name, among: gebieden)); the data has \(gebieden.joined(separator: ", "))",
                             at: instance.targetLocations[name]?.at(keyPath: "\(path).wijken") ?? targetsPath)
            }
        }
    }
}
