import WijkSimModel

/// Where an instance's parameter gets its value in each lane.
package enum ParameterSource: Equatable, Sendable {
    case constant(Double)
    /// A sweep axis: the value in variant v is `values[v]`.
    case swept([Double])
    /// Drawn per draw (or per lane with `perWijk`) from the counter RNG,
    /// keyed by (seed, instance, parameter, draw[, wijk]).
    case distributed(Distribution, key: UInt64)
    /// From the scenario's `samples:` table (CONTRACT §2): draw d takes row
    /// d mod rows.
    case sampled(SampledValues)

    /// Drawn or sampled: differs between draws.
    package var isUncertain: Bool {
        switch self {
        case .distributed, .sampled: return true
        case .constant, .swept: return false
        }
    }

    /// Differs between the wijken of one draw.
    package var perWijk: Bool {
        switch self {
        case let .distributed(distribution, _): return distribution.perWijk
        case let .sampled(values): return values.wijken > 1
        case .constant, .swept: return false
        }
    }

    /// The value in one lane, as the engine computes it (`ChunkWorker.fillParameters`).
    package func value(variant: Int, draw: Int, wijk: Int, wijkKey: UInt64) -> Double {
        switch self {
        case let .constant(value): return value
        case let .swept(values): return values[variant]
        case let .distributed(distribution, key):
            let drawKey = CounterRandom.combine(key, UInt64(draw))
            return distribution.quantile(CounterRandom.unit(distribution.perWijk ? CounterRandom.combine(drawKey, wijkKey) : drawKey))
        case let .sampled(values): return values.value(row: draw % values.rows, wijk: wijk)
        }
    }
}

/// A parameter's column(s) of a sample table: `values[row × wijken + wijk]`,
/// `wijken` 1 when every wijk takes the same value.
package struct SampledValues: Equatable, Sendable {
    package var rows: Int
    package var wijken: Int
    package var values: [Double]

    @inline(__always) package func value(row: Int, wijk: Int) -> Double {
        values[row * wijken + (wijken == 1 ? 0 : wijk)]
    }

    /// The table's columns for one parameter, in the data's wijk order.
    init?(_ table: SampleTable, instance: String, param: String, wijken names: [String]) {
        let columns = table.columns(instance: instance, param: param)
        guard !columns.isEmpty else { return nil }
        rows = table.rows
        if columns.count == 1, columns[0].wijk == nil {
            wijken = 1
            values = columns[0].values
        } else {
            wijken = names.count
            let ordered = names.map { name in columns.first { $0.wijk == name }!.values }
            var values = [Double](repeating: 0, count: rows * wijken)
            for (w, column) in ordered.enumerated() {
                for r in 0..<rows { values[r * wijken + w] = column[r] }
            }
            self.values = values
        }
    }
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
    /// For `learn`: simulate only up to this year (the last observed one);
    /// later years are neither simulated nor recorded. Plugins still see
    /// `ctx.last_year` = years.to, so every simulated year is as in a full run.
    package var stopYear: Int?

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
    /// The steps a worker simulates: `stepCount`, or fewer with `stopYear`.
    package var simulatedSteps: Int { min(stepCount, max(0, (stopYear ?? lastYear) - firstYear)) }
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
                if let table = scenario.samples,
                   let sampled = SampledValues(table, instance: instance.name, param: spec.name, wijken: city.wijken) {
                    return .sampled(sampled)
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

    static func mask(_ targets: Targets, _ city: CityData) -> [Double] {
        switch targets {
        case .all: return city.wijken.map { _ in 1 }
        case let .wijken(names): return city.wijken.map { names.contains($0) ? 1 : 0 }
        case let .gebied(names): return city.gebieden.map { names.contains($0) ? 1 : 0 }
        }
    }
}
