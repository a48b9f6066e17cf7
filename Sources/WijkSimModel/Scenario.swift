/// A random distribution for an uncertain parameter (CONTRACT §2). `min`
/// and `max` truncate it: draws come from the distribution conditioned on
/// [min, max], by inverting the CDF on that interval.
public struct Distribution: Equatable, Sendable {
    public enum Shape: Equatable, Sendable {
        case triangular(low: Double, mode: Double, high: Double)
        case uniform(low: Double, high: Double)
        case normal(mean: Double, sd: Double)
        /// `mean` is the mean of the value itself; `sdLog` the sd of its log.
        case lognormal(mean: Double, sdLog: Double)
    }

    public var shape: Shape
    public var min: Double?
    public var max: Double?
    /// Drawn per lane (each wijk its own value) instead of per draw.
    public var perWijk: Bool

    public init(shape: Shape, min: Double? = nil, max: Double? = nil, perWijk: Bool = false) {
        self.shape = shape; self.min = min; self.max = max; self.perWijk = perWijk
    }

    /// The smallest and largest value a draw can take.
    public var support: ClosedRange<Double> {
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
public enum ParameterValue: Equatable, Sendable {
    case fixed(Double)
    case distributed(Distribution)
}

/// A parameter as one instance sets it, with where it was written.
public struct ParameterSetting: Equatable, Sendable {
    public var name: String
    public var value: ParameterValue
    public var location: SourceLocation?
    public init(name: String, value: ParameterValue, location: SourceLocation? = nil) {
        self.name = name; self.value = value; self.location = location
    }
}

/// Which wijken an instance targets, as written; the plan resolves it.
public enum Targets: Equatable, Sendable {
    case all
    case wijken([String])
    case gebied([String])
}

/// One use of a plugin in a scenario: a rule (background dynamics: all
/// wijken, all years, no cost) or an intervention.
public struct Instance: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable { case rule, intervention }

    public var name: String
    public var plugin: String
    public var kind: Kind
    public var targets: Targets
    public var from: Int
    public var to: Int
    /// Scenario overrides, in file order; other parameters take the plugin's defaults.
    public var params: [ParameterSetting]
    public var funding: String?
    public var location: SourceLocation

    public init(name: String, plugin: String, kind: Kind, targets: Targets, from: Int, to: Int,
                params: [ParameterSetting], funding: String?, location: SourceLocation) {
        self.name = name; self.plugin = plugin; self.kind = kind; self.targets = targets
        self.from = from; self.to = to; self.params = params; self.funding = funding; self.location = location
    }
}

/// A funding stream: a budget that may be spent in the years from..to.
public struct Funding: Equatable, Sendable {
    public var name: String
    public var budget: Double
    public var from: Int
    public var to: Int
    public init(name: String, budget: Double, from: Int, to: Int) {
        self.name = name; self.budget = budget; self.from = from; self.to = to
    }
}

/// One axis of the sweep grid: the values of `instance.param`.
public struct SweepAxis: Equatable, Sendable {
    public var instance: String
    public var param: String
    public var values: [Double]
    public var location: SourceLocation?
    public init(instance: String, param: String, values: [Double], location: SourceLocation? = nil) {
        self.instance = instance; self.param = param; self.values = values; self.location = location
    }
    public var key: String { "\(instance).\(param)" }
}

/// The no-policy scenario a plan is measured against (CONTRACT §2 `baseline`).
public struct BaselineChoice: Equatable, Sendable {
    public var file: String
    /// Named with `baseline:`, rather than taken from `extends` by default.
    public var declared: Bool
    public var location: SourceLocation?
    public init(file: String, declared: Bool, location: SourceLocation? = nil) {
        self.file = file; self.declared = declared; self.location = location
    }
}

/// A scenario after `extends` is resolved and every field validated.
public struct Scenario: Equatable, Sendable {
    public var name: String
    public var description: String?
    public var file: String
    public var firstYear: Int
    public var lastYear: Int
    public var indicatorsFile: String
    public var wijkenFile: String
    public var pluginPath: [String]
    public var instances: [Instance]
    public var funding: [Funding]
    public var draws: Int
    public var seed: UInt64
    public var sweep: [SweepAxis]
    /// nil: none (`baseline: none`, or nothing to take by default).
    public var baseline: BaselineChoice?

    public init(name: String, description: String?, file: String, firstYear: Int, lastYear: Int,
                indicatorsFile: String, wijkenFile: String, pluginPath: [String], instances: [Instance],
                funding: [Funding], draws: Int, seed: UInt64, sweep: [SweepAxis], baseline: BaselineChoice? = nil) {
        self.name = name; self.description = description; self.file = file
        self.firstYear = firstYear; self.lastYear = lastYear
        self.indicatorsFile = indicatorsFile; self.wijkenFile = wijkenFile; self.pluginPath = pluginPath
        self.instances = instances; self.funding = funding; self.draws = draws; self.seed = seed; self.sweep = sweep
        self.baseline = baseline
    }

    public var years: ClosedRange<Int> { firstYear...lastYear }
    public var variantCount: Int { sweep.reduce(1) { $0 * $1.values.count } }

    /// The sweep values of variant `v` (first axis slowest).
    public func sweepValues(ofVariant v: Int) -> [Double] {
        var rest = v
        var values = [Double](repeating: 0, count: sweep.count)
        for (a, axis) in sweep.enumerated().reversed() {
            values[a] = axis.values[rest % axis.values.count]
            rest /= axis.values.count
        }
        return values
    }
}
