import WijkSimEngine
import WijkSimModel

/// One alternative the report shows: a scenario's results in one variant
/// and, in a comparison, its paired differences from the reference.
struct ReportAlternative {
    var label: String
    var results: Results
    var variant: Int
    var compared: ComparedScenario?
    var isReference: Bool
    /// Picks the colour class `alt0` … `alt5`.
    var colorIndex: Int

    var cssClass: String { "alt\(colorIndex % 6)" }
    var plan: Plan { results.plan }

    func cell(_ wijk: Int, _ indicator: Int, _ yearIndex: Int) -> CellStatistics {
        results.cell(variant: variant, wijk: wijk, indicator: indicator, yearIndex: yearIndex)
    }

    func gap(_ wijk: Int, _ indicator: Int) -> GapSummary {
        results.gapSummary(variant: variant, wijk: wijk, indicator: indicator)
    }

    func difference(_ wijk: Int, _ indicator: Int, _ yearIndex: Int) -> DifferenceStatistics? {
        compared?.difference(variant: variant, wijk: wijk, indicator: indicator, yearIndex: yearIndex)
    }

    /// The chance that wijk `w`'s gap on indicator `i` is closed in the end year.
    func closingChance(_ w: Int, _ i: Int) -> ClosingChance {
        let end = plan.yearCount - 1
        let bracket = CityChance(cell(w, i, end), city: cell(plan.wijkCount, i, end).mean, plan.city.indicators[i].polarity)
        return ClosingChance(share: results.endGap(variant: variant, wijk: w, indicator: i)?.closedShare, bracket: bracket)
    }

    /// True when every chance is an exact share of draws.
    var exactChances: Bool { results.endGap(variant: variant, wijk: 0, indicator: 0) != nil }

    /// Spend of interventions without a funding source, nil when there is none (or it is zero).
    var unfundedSpend: Double? {
        results.unfundedSpend(variant: variant).flatMap { $0 > 0 ? $0 : nil }
    }

    /// How sure this alternative beats the reference in one cell; `.same` outside a comparison.
    func betterChance(_ wijk: Int, _ indicator: Int, _ yearIndex: Int) -> BetterChance {
        BetterChance(difference(wijk, indicator, yearIndex) ?? .zero, decimals: HTMLText.decimals(plan.city.indicators[indicator]))
    }

    /// The run's only alternative: variant 0 in detail.
    static func run(_ results: Results, variant: Int = 0) -> ReportAlternative {
        ReportAlternative(label: results.plan.scenario.name, results: results, variant: variant, compared: nil,
                          isReference: false, colorIndex: 1)
    }

    /// Every (scenario, variant) of a comparison, the reference first.
    static func all(_ comparison: Comparison) -> [ReportAlternative] {
        comparison.scenarios.enumerated().flatMap { s, scenario in
            (0..<scenario.results.plan.variants).map { v in
                ReportAlternative(label: scenario.results.plan.variants > 1 ? "\(scenario.name) · variant \(v)" : scenario.name,
                                  results: scenario.results, variant: v, compared: scenario,
                                  isReference: s == 0 && v == 0, colorIndex: s)
            }
        }
    }
}
