import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// The terminal text of `wijksim compare`: first a short summary per
/// alternative (gaps closed against the reference's, spend, its best and
/// worst focus wijk), then per focus wijk and indicator each alternative's
/// end value with its band, its paired difference from the reference with
/// band and P(better), and the year its gap closes; then total spend per
/// funding source against its budget.
package enum ComparisonTable {
    package static func text(_ comparison: Comparison, language l: TerminalLanguage = .nl) -> String {
        let reference = comparison.reference.results
        let plan = reference.plan
        var focus = Set<Int>()
        for scenario in comparison.scenarios { focus.formUnion(scenario.results.focusWijken) }
        let wijken = focus.sorted()
        let end = plan.yearCount - 1
        var lines = [l.pick(
            "Vergelijking van \(comparison.scenarios.count) scenario's, \(plan.firstYear)→\(plan.lastYear), \(l.draws(plan.draws)) gepaard, toevalsreeks (seed) \(plan.seed); referentie: \(comparison.reference.name)",
            "Comparing \(comparison.scenarios.count) scenarios, \(plan.firstYear)→\(plan.lastYear), \(plan.draws) paired draws, seed \(plan.seed); reference: \(comparison.reference.name), variant 0")]
        lines.append("")
        lines += summary(comparison, wijken, l)
        lines.append("")
        lines.append(l.pick(
            "In \(plan.lastYear): waarde [p05–p95]; Δ = verbetering t.o.v. de referentie in dezelfde trekking (+ = beter) [p05–p95]; K = kans op beter (aandeel trekkingen; – = geen verschil); dicht = eerste jaar waarin de gemiddelde kloof met de stad ≤ 0 is (– = nooit; een wijk die al niet slechter is dan de stad heeft \(plan.firstYear))",
            "In \(plan.lastYear): value [p05–p95]; Δ = improvement over the reference in the same draw (+ = better) [p05–p95]; P = share of draws better (– = no difference); closed = first year the mean gap to the city is ≤ 0 (– = never; a wijk no worse than the city from the start has \(plan.firstYear))"))
        for w in wijken {
            lines.append("")
            lines.append(plan.city.wijken[w])
            var table = [l == .nl ? ["indicator", "alternatief", "waarde [p05–p95]", "Δ [p05–p95]", "K(beter)", "dicht"]
                                  : ["indicator", "alternative", "value [p05–p95]", "Δ [p05–p95]", "P(better)", "closed"]]
            for (i, indicator) in plan.city.indicators.enumerated() {
                for (s, scenario) in comparison.scenarios.enumerated() {
                    for variant in 0..<scenario.results.plan.variants {
                        let label = scenario.results.plan.variants > 1 ? "\(scenario.name) #\(variant)" : scenario.name
                        let value = scenario.results.cell(variant: variant, wijk: w, indicator: i, yearIndex: end)
                        let d = scenario.difference(variant: variant, wijk: w, indicator: i, yearIndex: end)
                        let closed = scenario.results.gapSummary(variant: variant, wijk: w, indicator: i).yearClosed.map(String.init) ?? "–"
                        let isReference = s == 0 && variant == 0
                        let none = d.isNone
                        table.append([indicator.id, label, "\(l.number(value.mean, decimals: 2)) [\(l.number(value.p05, decimals: 2))–\(l.number(value.p95, decimals: 2))]",
                                      isReference ? l.pick("referentie", "reference") : none ? "–" : "\(l.signed(d.mean)) [\(l.signed(d.p05)), \(l.signed(d.p95))]",
                                      isReference ? "" : none ? "–" : l.number(d.pBetter, decimals: 2), closed])
                    }
                }
            }
            lines += SummaryTable.aligned(table)
        }
        lines.append("")
        lines.append(l.pick("Totale uitgaven per financieringsbron (gemiddelde over de trekkingen, EUR):", "Total spend per funding source (mean over draws, EUR):"))
        var costs = [l == .nl ? ["alternatief", "bron", "besteed", "budget", ""] : ["alternative", "funding", "spent", "budget", ""]]
        for scenario in comparison.scenarios {
            for variant in 0..<scenario.results.plan.variants {
                let label = scenario.results.plan.variants > 1 ? "\(scenario.name) #\(variant)" : scenario.name
                for f in scenario.results.fundingSummary(variant: variant) {
                    costs.append([label, f.funding.name, l.euros(f.spent), l.euros(f.funding.budget), f.overspent ? l.pick("OVERSCHREDEN", "OVERSPENT") : "ok"])
                }
                if let unfunded = scenario.results.unfundedSpend(variant: variant) {
                    costs.append([label, l.pick("(zonder bron)", "(no source)"), l.euros(unfunded), "", ""])
                }
            }
        }
        lines += SummaryTable.aligned(costs)
        lines.append("")
        lines += l.caveats(plan)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Per alternative, one line: the focus gaps it closes against the
    /// reference's, what it spends, and the focus wijk where it is most and
    /// least surely better (indicators with K ≥ 0.95).
    static func summary(_ comparison: Comparison, _ wijken: [Int], _ l: TerminalLanguage) -> [String] {
        let reference = comparison.reference.results
        let plan = reference.plan
        let end = plan.yearCount - 1
        func closed(_ results: Results, _ variant: Int) -> (closed: Int, open: Int) {
            var closed = 0, open = 0
            for w in wijken {
                for i in 0..<plan.indicatorCount {
                    let g = results.gapSummary(variant: variant, wijk: w, indicator: i)
                    if g.start > 0 { open += 1; if g.end <= 0 { closed += 1 } }
                }
            }
            return (closed, open)
        }
        let base = closed(reference, 0)
        var lines = [l.pick("Samenvatting in \(plan.lastYear) (focuswijken: \(wijken.count)):", "Summary for \(plan.lastYear) (focus wijken: \(wijken.count)):")]
        lines.append("  " + l.pick("\(comparison.reference.name) (referentie): \(base.closed) van \(base.open) kloven dicht",
                                   "\(comparison.reference.name) (reference): \(base.closed) of \(base.open) gaps closed"))
        for (s, scenario) in comparison.scenarios.enumerated() {
            for variant in 0..<scenario.results.plan.variants where !(s == 0 && variant == 0) {
                let label = scenario.results.plan.variants > 1 ? "\(scenario.name) #\(variant)" : scenario.name
                let c = closed(scenario.results, variant)
                let spend = scenario.results.fundingSummary(variant: variant).reduce(0) { $0 + $1.spent } + (scenario.results.unfundedSpend(variant: variant) ?? 0)
                let surely = wijken.map { w in
                    (w, (0..<plan.indicatorCount).filter {
                        let d = scenario.difference(variant: variant, wijk: w, indicator: $0, yearIndex: end)
                        return d.pBetter >= 0.95 && d.mean > 0
                    }.count)
                }
                var line = "  " + l.pick("\(label): \(c.closed) van \(c.open) kloven dicht (referentie \(base.closed)); uitgaven \(l.euros(spend))",
                                         "\(label): \(c.closed) of \(c.open) gaps closed (reference \(base.closed)); spend \(l.euros(spend))")
                if let best = surely.max(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }), let worst = surely.min(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }), best.1 > 0 {
                    line += l.pick("; het meest zeker beter in \(plan.city.wijken[best.0]) (\(best.1) indicatoren met K ≥ 0,95), het minst in \(plan.city.wijken[worst.0]) (\(worst.1))",
                                   "; most surely better in \(plan.city.wijken[best.0]) (\(best.1) indicators with P ≥ 0.95), least in \(plan.city.wijken[worst.0]) (\(worst.1))")
                } else {
                    line += l.pick("; in geen focuswijk zeker beter op een indicator", "; surely better on no indicator in any focus wijk")
                }
                if scenario.results.fundingSummary(variant: variant).contains(where: \.overspent) { line += l.pick("; OVERSCHRIJDT een budget", "; OVERSPENDS a budget") }
                lines.append(line)
            }
        }
        return lines
    }
}
