import WijkSimModel

/// Where an instance's parameter gets its value in each lane.
package enum ParameterSource: Equatable, Sendable {
    case constant(Double)
    /// A sweep axis: the value in variant v is `values[v]`.
    case swept([Double])
    /// Drawn per draw (or per lane with `perWijk`) from the counter RNG,
    /// keyed by (seed, instance, parameter, draw[, wijk]).
    case distributed(Distribution, key: UInt64)
    /// Given per draw instead of drawn: draw d takes row d mod rows.
    case table(ParameterTable)
    /// From the scenario's `samples:` table (CONTRACT §2): draw d takes row
    /// d mod rows.
    case sampled(ParameterTable)

    /// Drawn or sampled: differs between draws.
    package var isUncertain: Bool {
        switch self {
        case .distributed, .sampled, .table: return true
        case .constant, .swept: return false
        }
    }

    /// Differs between the wijken of one draw.
    package var perWijk: Bool {
        switch self {
        case let .distributed(distribution, _): return distribution.perWijk
        case let .sampled(table), let .table(table): return table.width > 1
        case .constant, .swept: return false
        }
    }

    /// The value in one lane, as the engine computes it (`ChunkWorker.fillParameters`).
    package func value(variant: Int, draw: Int, wijk: Int, wijkKey: UInt64, sampling: Sampling = .random, draws: Int = 1) -> Double {
        switch self {
        case let .constant(value): return value
        case let .swept(values): return values[variant]
        case let .distributed(distribution, key):
            return distribution.quantile(Plan.unit(key: key, draw: draw, wijkKey: distribution.perWijk ? wijkKey : nil, sampling: sampling, draws: draws))
        case let .sampled(table), let .table(table): return table.value(draw: draw, wijk: wijk)
        }
    }
}


/// Parameter values per draw (one per draw, or one per draw and wijk),
/// used as they are: the design points of `sensitivity` (CONTRACT §12)
/// and the columns of a `samples:` table (CONTRACT §2); draw d takes row d mod rows.
package struct ParameterTable: Equatable, Sendable {
    package let rows: Int
    /// 1, or the number of wijken (a value per draw and wijk).
    package let width: Int
    package let values: [Double]

    /// One value per draw.
    package init(values: [Double]) {
        precondition(!values.isEmpty)
        self.rows = values.count; self.width = 1; self.values = values
    }

    /// `values[row × wijken + wijk]`.
    package init(values: [Double], wijken: Int) {
        precondition(wijken > 0 && !values.isEmpty && values.count % wijken == 0)
        self.rows = values.count / wijken; self.width = wijken; self.values = values
    }

    @inline(__always) package func value(draw: Int, wijk: Int) -> Double {
        values[(draw % rows) * width + (width == 1 ? 0 : wijk)]
    }
}

extension Plan {
    /// The point in (0, 1) at which draw `draw` of a distributed parameter
    /// (`key`: seed, instance, parameter; `wijkKey` for `per_wijk`) takes
    /// its distribution's quantile. `random`: a hash of the coordinates.
    /// `lhs` (CONTRACT §2): the same hash places the draw inside the 1/N
    /// stratum that a keyed permutation of 0..<N assigns to it, so every
    /// stratum holds exactly one draw; the permutation depends on
    /// (seed, instance, parameter[, wijk]) and N only, never on threads or
    /// chunks, so draw d of two scenarios stays paired.
    @inline(__always)
    package static func unit(key: UInt64, draw: Int, wijkKey: UInt64?, sampling: Sampling, draws: Int) -> Double {
        var drawKey = CounterRandom.combine(key, UInt64(draw))
        if let wijkKey { drawKey = CounterRandom.combine(drawKey, wijkKey) }
        let u = CounterRandom.unit(drawKey)
        guard sampling == .lhs, draws > 1 else { return u }
        var permutationKey = CounterRandom.combine(key, 0x4C48_535F_5045_524D)   // "LHS_PERM"
        if let wijkKey { permutationKey = CounterRandom.combine(permutationKey, wijkKey) }
        let stratum = KeyedPermutation(count: draws, key: permutationKey).apply(draw)
        return (Double(stratum) + u) / Double(draws)
    }
}

/// A permutation of 0..<count computed one element at a time: a four-round
/// Feistel network on the smallest even number of bits that holds count,
/// walked until it lands inside 0..<count (cycle walking keeps it a
/// bijection; fewer than four walks on average). No table, so a draw's
/// stratum costs the same at any N and any chunk can compute its own.
package struct KeyedPermutation: Sendable {
    let count: Int
    let halfBits: Int
    let keys: (UInt64, UInt64, UInt64, UInt64)

    package init(count: Int, key: UInt64) {
        precondition(count > 0)
        self.count = count
        var bits = 2
        while (1 << bits) < count { bits += 2 }
        halfBits = bits / 2
        keys = (CounterRandom.combine(key, 1), CounterRandom.combine(key, 2), CounterRandom.combine(key, 3), CounterRandom.combine(key, 4))
    }

    package func apply(_ index: Int) -> Int {
        var x = UInt64(index)
        repeat { x = round(x) } while x >= UInt64(count)
        return Int(x)
    }

    @inline(__always) private func round(_ x: UInt64) -> UInt64 {
        let mask: UInt64 = (1 << UInt64(halfBits)) - 1
        var left = x >> UInt64(halfBits), right = x & mask
        for key in [keys.0, keys.1, keys.2, keys.3] {
            (left, right) = (right, left ^ (CounterRandom.combine(key, right) & mask))
        }
        return (left << UInt64(halfBits)) | right
    }
}

extension ParameterTable {
    /// A parameter's column(s) of a `samples:` table (CONTRACT §2), in the
    /// data's wijk order; nil when the table has none for it.
    init?(_ table: SampleTable, instance: String, param: String, wijken names: [String]) {
        let columns = table.columns(instance: instance, param: param)
        guard !columns.isEmpty else { return nil }
        if columns.count == 1, columns[0].wijk == nil {
            self.init(values: columns[0].values)
        } else {
            let ordered = names.map { name in columns.first { $0.wijk == name }!.values }
            var values = [Double](repeating: 0, count: table.rows * names.count)
            for (w, column) in ordered.enumerated() {
                for r in 0..<table.rows { values[r * names.count + w] = column[r] }
            }
            self.init(values: values, wijken: names.count)
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
    /// How distributed parameters are spread over the draws (CONTRACT §2).
    package var sampling: Sampling
    /// When set, `sim.normal()`/`sim.uniform()` give this draw's numbers in
    /// every draw (`sensitivity`: each draw is a design point, and only the
    /// parameters may differ between them, CONTRACT §12).
    package var noiseDraw: Int?
    /// For `explain`: record each instance's adds to one wijk's indicator.
    package var trace: Trace?
    /// For `learn`: simulate only up to this year (the last observed one);
    /// later years are neither simulated nor recorded. Plugins still see
    /// `ctx.last_year` = years.to, so every simulated year is as in a full run.
    package var stopYear: Int?
    /// Where workers borrow their plugin hosts (`serve`); nil: each worker makes its own.
    package var hosts: LuaHostPool?
    /// Wijken not simulated because their draws are the reference's (set by `Comparison` only).
    var untouched: UntouchedWijken?
    /// Where a run kept for later ones leaves its spends lane by lane (`Comparison.runKeeping`).
    var spendLanes: SpendLanes?
    /// And its adds, for the steps that did not read the state (`AddLanes`).
    var addLanes: AddLanes?

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
        self.sampling = scenario.sampling
        self.noiseDraw = nil
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
                   let sampled = ParameterTable(table, instance: instance.name, param: spec.name, wijken: city.wijken) {
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
