/// Where one wijk's indicator comes from, year by year (CONTRACT §8): each
/// rule's and intervention's mean contribution, and what clamping removed
/// or added, so that value(year − 1) + Σ contributions + clamp = value(year)
/// for the mean trajectory.
package struct Explanation {
    package let results: Results
    package let variant: Int
    package let wijk: Int
    package let indicator: Int

    /// Needs a run whose plan traced this wijk and indicator.
    package init(_ results: Results, variant: Int) {
        precondition(results.plan.trace != nil, "explain needs a traced run")
        self.results = results
        self.variant = variant
        wijk = results.plan.trace!.wijk
        indicator = results.plan.trace!.indicator
    }

    package var plan: Plan { results.plan }
    package var instanceNames: [String] { plan.instances.map(\.name) }

    /// Mean value in reported year index `y` (0 = years.from).
    package func value(yearIndex y: Int) -> Double {
        results.cell(variant: variant, wijk: wijk, indicator: indicator, yearIndex: y).mean
    }

    /// Instance k's mean contribution in the step that lands in year index y (≥ 1).
    package func contribution(instance k: Int, yearIndex y: Int) -> Double {
        results.contribution(variant: variant, instance: k, step: y - 1)
    }

    /// What clamping changed in the step that lands in year index y (≥ 1).
    package func clamp(yearIndex y: Int) -> Double {
        var expected = value(yearIndex: y - 1)
        for k in plan.instances.indices { expected += contribution(instance: k, yearIndex: y) }
        return value(yearIndex: y) - expected
    }
}
