import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// The terminal table of `wijksim compare`: per focus wijk and indicator,
/// each alternative's end value with its band, its paired difference from
/// the reference with band and P(better), and the year its gap closes;
/// then total spend per funding source against its budget.
package enum ComparisonTable {
    package static let maxWijken = 6

    package static func text(_ comparison: Comparison) -> String {
        let reference = comparison.reference.results
        let plan = reference.plan
        var lines = ["Comparing \(comparison.scenarios.count) scenarios, \(plan.firstYear)→\(plan.lastYear), \(plan.draws) paired draws, seed \(plan.seed); reference: \(comparison.reference.name), variant 0"]
        var focus = Set<Int>()
        for scenario in comparison.scenarios { focus.formUnion(scenario.results.focusWijken) }
        let wijken = focus.sorted()
        let shown = Array(wijken.prefix(maxWijken))
        let end = plan.yearCount - 1
        lines.append("")
        lines.append("In \(plan.lastYear): value [p05–p95]; Δ = improvement over the reference in the same draw (+ = better) [p05–p95]; P = share of draws better; closed = first year the mean gap to the city is ≤ 0")
        for w in shown {
            lines.append("")
            lines.append(plan.city.wijken[w])
            var table = [["indicator", "alternative", "value [p05–p95]", "Δ [p05–p95]", "P(better)", "closed"]]
            for (i, indicator) in plan.city.indicators.enumerated() {
                for scenario in comparison.scenarios {
                    for variant in 0..<scenario.results.plan.variants {
                        let label = scenario.results.plan.variants > 1 ? "\(scenario.name) #\(variant)" : scenario.name
                        let value = scenario.results.cell(variant: variant, wijk: w, indicator: i, yearIndex: end)
                        let d = scenario.difference(variant: variant, wijk: w, indicator: i, yearIndex: end)
                        let closed = scenario.results.gapSummary(variant: variant, wijk: w, indicator: i).yearClosed.map(String.init) ?? "–"
                        let isReference = scenario.name == comparison.reference.name && variant == 0
                        table.append([indicator.id, label, "\(number(value.mean)) [\(number(value.p05))–\(number(value.p95))]",
                                      isReference ? "reference" : "\(signed(d.mean)) [\(signed(d.p05)), \(signed(d.p95))]",
                                      isReference ? "" : FixedPoint.text(d.pBetter, decimals: 2), closed])
                    }
                }
            }
            lines += SummaryTable.aligned(table)
        }
        if wijken.count > shown.count { lines.append("(\(wijken.count - shown.count) more focus wijken in comparison.csv)") }
        lines.append("")
        lines.append("Total spend per funding source (mean over draws, EUR):")
        var costs = [["alternative", "funding", "spent", "budget", ""]]
        for scenario in comparison.scenarios {
            for variant in 0..<scenario.results.plan.variants {
                let label = scenario.results.plan.variants > 1 ? "\(scenario.name) #\(variant)" : scenario.name
                for f in scenario.results.fundingSummary(variant: variant) {
                    costs.append([label, f.funding.name, SummaryTable.euros(f.spent), SummaryTable.euros(f.funding.budget), f.overspent ? "OVERSPENT" : "ok"])
                }
                if let unfunded = scenario.results.unfundedSpend(variant: variant) {
                    costs.append([label, "(no source)", SummaryTable.euros(unfunded), "", ""])
                }
            }
        }
        lines += SummaryTable.aligned(costs)
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double) -> String { FixedPoint.text(value, decimals: 2) }
    static func signed(_ value: Double) -> String { SummaryTable.signed(value) }
}
