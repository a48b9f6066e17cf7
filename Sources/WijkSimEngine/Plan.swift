import WijkSimModel

/// Where an instance's parameter gets its value in each lane.
package enum ParameterSource: Equatable, Sendable {
    case constant(Double)
    /// A sweep axis: the value in variant v is `values[v]`.
    case swept([Double])
    /// Drawn per draw (or per lane with `perWijk`) from the counter RNG,
    /// keyed by (seed, instance, parameter, draw[, wijk]).
    case distributed(Distribution, key: UInt64)
}

/// One instance as the engine runs it.
package struct InstancePlan: Sendable {
    package var name: String
    package var plugin: Int
    package var kind: Instance.Kind
    package var from: Int
    package var to: Int
    /// 1 where the instance targets the wijk (CONTRACT §3: add/spend are masked).
    package var mask: [Double]
    /// In the plugin descriptor's parameter order.
    package var params: [ParameterSource]
    package var funding: Int?
    package var key: UInt64
}

/// Everything the engine needs, resolved to indices and numbers: the
/// variants × draws × wijken lanes, parameter sources and masks. Building a
/// plan never runs Lua; running one never reads a file.
package struct Plan: Sendable {
    package var scenario: Scenario
    package var city: CityData
    package var plugins: [PluginDescriptor]
    package var instances: [InstancePlan]
    package var draws: Int
    package var seed: UInt64
    package var variants: Int
    /// For `explain`: record each instance's adds to one wijk's indicator.
    package var trace: Trace?

    /// The (wijk, indicator) whose contributions `explain` shows (CONTRACT §8).
    package struct Trace: Equatable, Sendable {
        package var wijk: Int
        package var indicator: Int
        package init(wijk: Int, indicator: Int) { self.wijk = wijk; self.indicator = indicator }
    }

    package var wijkCount: Int { city.wijken.count }
    package var indicatorCount: Int { city.indicators.count }
    package var firstYear: Int { scenario.firstYear }
    package var lastYear: Int { scenario.lastYear }
    /// Reported years from..to.
    package var yearCount: Int { lastYear - firstYear + 1 }
    /// Simulated step years from..to−1.
    package var stepCount: Int { lastYear - firstYear }
    package var blockCount: Int { variants * draws }

    package init(scenario: Scenario, city: CityData, plugins descriptors: [String: PluginDescriptor],
                draws: Int? = nil, seed: UInt64? = nil) {
        var scenario = scenario
        if let draws { scenario.draws = draws }
        if let seed { scenario.seed = seed }
        self.scenario = scenario
        self.city = city
        self.draws = scenario.draws
        self.seed = scenario.seed
        self.variants = scenario.variantCount
        let ids = Array(Set(scenario.instances.map(\.plugin))).sorted()
        self.plugins = ids.map { descriptors[$0]! }
        let variantValues = (0..<scenario.variantCount).map(scenario.sweepValues(ofVariant:))
        var instances: [InstancePlan] = []
        for instance in scenario.instances {
            let descriptor = descriptors[instance.plugin]!
            let instanceKey = CounterRandom.key(instance.name)
            let params: [ParameterSource] = descriptor.params.map { spec in
                if let axis = scenario.sweep.firstIndex(where: { $0.instance == instance.name && $0.param == spec.name }) {
                    return .swept(variantValues.map { $0[axis] })
                }
                switch instance.params.last(where: { $0.name == spec.name })?.value {
                case let .fixed(value)?: return .constant(value)
                case let .distributed(distribution)?:
                    return .distributed(distribution, key: CounterRandom.combine(CounterRandom.combine(scenario.seed, instanceKey), CounterRandom.key(spec.name)))
                case nil: return .constant(spec.defaultValue)
                }
            }
            instances.append(InstancePlan(
                name: instance.name, plugin: ids.firstIndex(of: instance.plugin)!, kind: instance.kind,
                from: instance.from, to: instance.to, mask: Plan.mask(instance.targets, city),
                params: params, funding: instance.funding.flatMap { f in scenario.funding.firstIndex { $0.name == f } },
                key: instanceKey))
        }
        self.instances = instances
    }

    /// 1 for each wijk that `targets` names, else 0.
    package static func targetMask(_ targets: Targets, _ city: CityData) -> [Double] { mask(targets, city) }

    static func mask(_ targets: Targets, _ city: CityData) -> [Double] {
        switch targets {
        case .all: return city.wijken.map { _ in 1 }
        case let .wijken(names): return city.wijken.map { names.contains($0) ? 1 : 0 }
        case let .gebied(names): return city.gebieden.map { names.contains($0) ? 1 : 0 }
        }
    }
}
