/// A random distribution for an uncertain parameter (CONTRACT §2). `min`
/// and `max` truncate it: draws come from the distribution conditioned on
/// [min, max], by inverting the CDF on that interval.
package struct Distribution: Equatable, Sendable {
    package enum Shape: Equatable, Sendable {
        case triangular(low: Double, mode: Double, high: Double)
        case uniform(low: Double, high: Double)
        case normal(mean: Double, sd: Double)
        /// `mean` is the mean of the value itself; `sdLog` the sd of its log.
        case lognormal(mean: Double, sdLog: Double)
    }

    package var shape: Shape
    package var min: Double?
    package var max: Double?
    /// Drawn per lane (each wijk its own value) instead of per draw.
    package var perWijk: Bool

    package init(shape: Shape, min: Double? = nil, max: Double? = nil, perWijk: Bool = false) {
        self.shape = shape; self.min = min; self.max = max; self.perWijk = perWijk
    }

    /// The smallest and largest value a draw can take.
    package var support: ClosedRange<Double> {
        var low: Double, high: Double
        switch shape {
        case let .triangular(l, _, h): (low, high) = (l, h)
        case let .uniform(l, h): (low, high) = (l, h)
        case .normal: (low, high) = (-.infinity, .infinity)
        case .lognormal: (low, high) = (0, .infinity)
        }
        if let min { low = Swift.max(low, min) }
        if let max { high = Swift.min(high, max) }
        return low...Swift.max(low, high)
    }
}

/// A parameter as a scenario sets it: a number or a distribution.
package enum ParameterValue: Equatable, Sendable {
    case fixed(Double)
    case distributed(Distribution)
}

/// A parameter as one instance sets it, with where it was written.
package struct ParameterSetting: Equatable, Sendable {
    package var name: String
    package var value: ParameterValue
    package var location: SourceLocation?
    package init(name: String, value: ParameterValue, location: SourceLocation? = nil) {
        self.name = name; self.value = value; self.location = location
    }
}

/// Which wijken an instance targets, as written; the plan resolves it.
package enum Targets: Equatable, Sendable {
    case all
    case wijken([String])
    case gebied([String])
}

/// One use of a plugin in a scenario: a rule (background dynamics: all
/// wijken, all years, no cost) or an intervention.
package struct Instance: Equatable, Sendable {
    package enum Kind: String, Equatable, Sendable { case rule, intervention }

    package var name: String
    package var plugin: String
    package var kind: Kind
    package var targets: Targets
    package var from: Int
    package var to: Int
    /// Scenario overrides, in file order; other parameters take the plugin's defaults.
    package var params: [ParameterSetting]
    package var funding: String?
    package var location: SourceLocation
    /// Where each named wijk or gebied is written, so a typo is reported at its own line.
    package var targetLocations: [String: SourceLocation]

    package init(name: String, plugin: String, kind: Kind, targets: Targets, from: Int, to: Int,
                params: [ParameterSetting], funding: String?, location: SourceLocation,
                targetLocations: [String: SourceLocation] = [:]) {
        self.name = name; self.plugin = plugin; self.kind = kind; self.targets = targets
        self.from = from; self.to = to; self.params = params; self.funding = funding; self.location = location
        self.targetLocations = targetLocations
    }
}

/// A funding stream: a budget that may be spent in the years from..to.
package struct Funding: Equatable, Sendable {
    package var name: String
    package var budget: Double
    package var from: Int
    package var to: Int
    package init(name: String, budget: Double, from: Int, to: Int) {
        self.name = name; self.budget = budget; self.from = from; self.to = to
    }
}

/// One axis of the sweep grid: the values of `instance.param`.
package struct SweepAxis: Equatable, Sendable {
    package var instance: String
    package var param: String
    package var values: [Double]
    package var location: SourceLocation?
    package init(instance: String, param: String, values: [Double], location: SourceLocation? = nil) {
        self.instance = instance; self.param = param; self.values = values; self.location = location
    }
    package var key: String { "\(instance).\(param)" }
}

/// The no-policy scenario a plan is measured against (CONTRACT §2 `baseline`).
package struct BaselineChoice: Equatable, Sendable {
    package var file: String
    /// Named with `baseline:`, rather than taken from `extends` by default.
    package var declared: Bool
    package var location: SourceLocation?
    package init(file: String, declared: Bool, location: SourceLocation? = nil) {
        self.file = file; self.declared = declared; self.location = location
    }
}

/// How the draws of the distributed parameters are spread (CONTRACT §2
/// `sampling`): independently at random, or a Latin hypercube.
package enum Sampling: String, Equatable, Sendable, CaseIterable {
    case random
    /// With N draws, exactly one draw per 1/N quantile stratum of every
    /// distributed parameter (per wijk for `per_wijk`).
    case lhs
}

/// A scenario after `extends` is resolved and every field validated.
package struct Scenario: Equatable, Sendable {
    package var name: String
    package var description: String?
    package var file: String
    package var firstYear: Int
    package var lastYear: Int
    package var indicatorsFile: String
    package var wijkenFile: String
    package var pluginPath: [String]
    package var instances: [Instance]
    package var funding: [Funding]
    package var draws: Int
    package var seed: UInt64
    package var sweep: [SweepAxis]
    /// nil: none (`baseline: none`, or nothing to take by default).
    package var baseline: BaselineChoice?
    package var sampling: Sampling = .random
    /// `samples: FILE` as written (CONTRACT §2), and the table once the validator read it.
    package var samplesChoice: SamplesChoice?
    package var samples: SampleTable?

    package init(name: String, description: String?, file: String, firstYear: Int, lastYear: Int,
                indicatorsFile: String, wijkenFile: String, pluginPath: [String], instances: [Instance],
                funding: [Funding], draws: Int, seed: UInt64, sweep: [SweepAxis], baseline: BaselineChoice? = nil,
                samplesChoice: SamplesChoice? = nil, samples: SampleTable? = nil) {
        self.name = name; self.description = description; self.file = file
        self.firstYear = firstYear; self.lastYear = lastYear
        self.indicatorsFile = indicatorsFile; self.wijkenFile = wijkenFile; self.pluginPath = pluginPath
        self.instances = instances; self.funding = funding; self.draws = draws; self.seed = seed; self.sweep = sweep
        self.baseline = baseline
        self.samplesChoice = samplesChoice
        self.samples = samples
    }

    package var years: ClosedRange<Int> { firstYear...lastYear }
    package var variantCount: Int { sweep.reduce(1) { $0 * $1.values.count } }

    /// The sweep values of variant `v` (first axis slowest).
    package func sweepValues(ofVariant v: Int) -> [Double] {
        var rest = v
        var values = [Double](repeating: 0, count: sweep.count)
        for (a, axis) in sweep.enumerated().reversed() {
            values[a] = axis.values[rest % axis.values.count]
            rest /= axis.values.count
        }
        return values
    }
}
