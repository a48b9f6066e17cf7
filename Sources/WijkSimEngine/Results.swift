import WijkSimModel

/// Over-the-draws statistics of one cell (variant, wijk, indicator, year).
package struct CellStatistics: Equatable, Sendable {
    package var mean: Double
    package var p05: Double
    package var p50: Double
    package var p95: Double
}

/// The results of a run, per variant: trajectory statistics over the draws
/// (wijken and the city), mean costs, and the gaps derived from them.
/// Percentiles interpolate linearly between closest ranks (NumPy's default);
/// they are exact unless a run's draws are too many to hold, when a
/// `QuantileSketch` with a stated error bound gives them. A run asked to keep
/// only the means (`keepsPercentiles` false) reads NaN for every percentile.
package struct Results: Sendable {
    package let plan: Plan
    /// `table[variant, (wijk × indicators + indicator) × years + year]`;
    /// wijk index `plan.wijkCount` is the city average.
    let table: CellTable
    /// `costs[variant][instance × steps + step]`: mean spend over draws.
    package private(set) var costs: [[Double]] = []

    /// True when every percentile is exact; false when a `QuantileSketch` gave them.
    package let exactPercentiles: Bool

    /// `endGaps[variant][wijk × indicators + indicator]` (sketched when the percentiles are).
    package private(set) var endGaps: [[GapDrawStatistics]] = []

    /// Per indicator, whether lower is better; and the interventions
    /// without a funding source: asked for every variant of a sweep (ten
    /// thousand of them) by the summary, so found once.
    private let lowerBetter: [Bool]
    let unfunded: [Int]

    init(plan: Plan, cells: CellTable, variants: [VariantStatistics], exactPercentiles: Bool) {
        self.plan = plan
        self.exactPercentiles = exactPercentiles
        table = cells
        lowerBetter = plan.city.indicators.map { $0.polarity == .lowerBetter }
        unfunded = plan.instances.indices.filter { plan.instances[$0].kind == .intervention && plan.instances[$0].funding == nil }
        costs = variants.map(\.costs)
        endGaps = variants.map(\.endGaps)
    }

    /// The end-year gap over draws (p05, p95, share of draws closed).
    package func endGap(variant: Int, wijk: Int, indicator: Int) -> GapDrawStatistics? {
        let gaps = endGaps[variant]
        return gaps.isEmpty ? nil : gaps[wijk * plan.indicatorCount + indicator]
    }

    /// Linear interpolation between closest ranks of sorted `values`.
    package static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    package func cell(variant: Int, wijk: Int, indicator: Int, yearIndex: Int) -> CellStatistics {
        precondition(variant < table.variants && wijk <= plan.wijkCount && indicator < plan.indicatorCount
                     && yearIndex < plan.yearCount)
        return table[variant, (wijk * plan.indicatorCount + indicator) * plan.yearCount + yearIndex]
    }

    /// One variant's statistics, `[(wijk × indicators + indicator) × years + year]`.
    package func cells(variant: Int) -> [CellStatistics] { table.cells(variant: variant) }

    /// False when the run kept only the means (`Engine.run(keepPercentiles: false)`): every percentile reads as NaN.
    package var keepsPercentiles: Bool { table.keepsPercentiles }

    /// Every variant's `cells(variant:)`: a copy of them all, for tests and small runs.
    package var trajectories: [[CellStatistics]] { (0..<table.variants).map(cells(variant:)) }

    /// For a traced run (`Plan.trace`): the mean over draws of `instance`'s
    /// counted adds to the traced wijk and indicator in step `step`, which
    /// lands in year firstYear + step + 1 (CONTRACT §8).
    package func contribution(variant: Int, instance: Int, step: Int) -> Double {
        costs[variant][(plan.instances.count + instance) * plan.stepCount + step]
    }

    /// Mean spend of `instance` in step year index `step`.
    package func cost(variant: Int, instance: Int, step: Int) -> Double {
        costs[variant][instance * plan.stepCount + step]
    }

    /// The mean gap to the city, positive = worse than the city (CONTRACT §5).
    package func gap(variant: Int, wijk: Int, indicator: Int, yearIndex: Int) -> Double {
        let x = cell(variant: variant, wijk: wijk, indicator: indicator, yearIndex: yearIndex).mean
        let city = cell(variant: variant, wijk: plan.wijkCount, indicator: indicator, yearIndex: yearIndex).mean
        return lowerBetter[indicator] ? x - city : city - x
    }

    package func gapSummary(variant: Int, wijk: Int, indicator: Int) -> GapSummary {
        let start = gap(variant: variant, wijk: wijk, indicator: indicator, yearIndex: 0)
        let end = gap(variant: variant, wijk: wijk, indicator: indicator, yearIndex: plan.yearCount - 1)
        let closedYear = (0..<plan.yearCount).first { gap(variant: variant, wijk: wijk, indicator: indicator, yearIndex: $0) <= 0 }
        return GapSummary(start: start, end: end, closedShare: start > 0 ? 1 - end / start : nil,
                          yearClosed: closedYear.map { plan.firstYear + $0 })
    }

    /// Mean total spend per funding source over all years, and the part outside its window.
    package func fundingSummary(variant: Int) -> [FundingSummary] {
        plan.scenario.funding.enumerated().map { f, funding in
            var spent = 0.0, outside = 0.0
            for (k, instance) in plan.instances.enumerated() where instance.funding == f {
                for step in 0..<plan.stepCount {
                    let amount = cost(variant: variant, instance: k, step: step)
                    let year = plan.firstYear + step
                    spent += amount
                    if year < funding.from || year > funding.to { outside += amount }
                }
            }
            return FundingSummary(funding: funding, spent: spent, spentOutside: outside)
        }
    }
}

extension Results {
    /// Mean total spend of interventions without a funding source; nil when every intervention names one.
    package func unfundedSpend(variant: Int) -> Double? {
        guard !unfunded.isEmpty else { return nil }
        return unfunded.reduce(0.0) { sum, k in sum + (0..<plan.stepCount).reduce(0.0) { $0 + cost(variant: variant, instance: k, step: $1) } }
    }

    /// Wijken that an intervention targets, in data order.
    package var focusWijken: [Int] {
        (0..<plan.wijkCount).filter { w in plan.instances.contains { $0.kind == .intervention && $0.mask[w] != 0 } }
    }
}

/// A wijk's gap for one indicator over the run (CONTRACT §5, gaps.csv).
package struct GapSummary: Equatable {
    package var start: Double
    package var end: Double
    /// 1 − end/start; nil where the wijk started at or better than the city.
    package var closedShare: Double?
    /// The first year whose mean gap is ≤ 0; nil if never.
    package var yearClosed: Int?
}

/// Spend against one funding source (CONTRACT §5, funding.csv).
package struct FundingSummary: Equatable {
    package var funding: Funding
    package var spent: Double
    package var spentOutside: Double
    package var overspent: Bool { spent > funding.budget || spentOutside > 0 }

    package init(funding: Funding, spent: Double, spentOutside: Double) {
        self.funding = funding; self.spent = spent; self.spentOutside = spentOutside
    }
}
