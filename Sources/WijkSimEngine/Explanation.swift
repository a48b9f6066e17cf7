/// Where one wijk's indicator comes from, year by year (CONTRACT §8): each
/// rule's and intervention's mean contribution, and what clamping removed
/// or added, so that value(year − 1) + Σ contributions + clamp = value(year)
/// for the mean trajectory.
public struct Explanation {
    public let results: Results
    public let variant: Int
    public let wijk: Int
    public let indicator: Int

    /// Needs a run whose plan traced this wijk and indicator.
    public init(_ results: Results, variant: Int) {
        precondition(results.plan.trace != nil, "explain needs a traced run")
        self.results = results
        self.variant = variant
        wijk = results.plan.trace!.wijk
        indicator = results.plan.trace!.indicator
    }

    public var plan: Plan { results.plan }
    public var instanceNames: [String] { plan.instances.map(\.name) }

    /// Mean value in reported year index `y` (0 = years.from).
    public func value(yearIndex y: Int) -> Double {
        results.cell(variant: variant, wijk: wijk, indicator: indicator, yearIndex: y).mean
    }

    /// Instance k's mean contribution in the step that lands in year index y (≥ 1).
    public func contribution(instance k: Int, yearIndex y: Int) -> Double {
        results.contribution(variant: variant, instance: k, step: y - 1)
    }

    /// What clamping changed in the step that lands in year index y (≥ 1).
    public func clamp(yearIndex y: Int) -> Double {
        var expected = value(yearIndex: y - 1)
        for k in plan.instances.indices { expected += contribution(instance: k, yearIndex: y) }
        return value(yearIndex: y) - expected
    }
}
