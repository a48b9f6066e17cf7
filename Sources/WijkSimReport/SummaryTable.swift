import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// The terminal summary of a run. It stays short for 1 or 10,000 variants:
/// per focus wijk (those an intervention targets) the end gap per indicator
/// in the first variant, the range of that gap over all variants when there
/// are several, and spend per funding source with any overspend stated.
package enum SummaryTable {
    package static let maxWijkColumns = 6

    package static func text(_ results: Results, seconds: Double? = nil, language l: TerminalLanguage = .nl) -> String {
        let plan = results.plan
        var lines: [String] = []
        let timing = seconds.map { ", " + l.number($0, decimals: 2) + " s" } ?? ""
        lines.append("\(plan.scenario.name): \(plan.firstYear)→\(plan.lastYear), \(plan.wijkCount) wijken, \(l.draws(plan.draws)), "
            + "\(plan.variants) variant\(plan.variants == 1 ? "" : l.pick("en", "s")), seed \(plan.seed)\(timing)")
        let focus = focusWijken(plan, results)
        let choice = VariantChoice(results, focus: focus)
        let v = choice.variant
        if plan.variants > 1 { lines += sweepLines(plan, choice, l) }
        lines.append("")
        lines.append(l.pick(
            "Kloof met de stad in \(plan.lastYear)\(plan.variants > 1 ? ", variant \(v)" : "") (gemiddelde over de trekkingen; + = slechter dan de stad; tussen haakjes \(plan.firstYear); ! = nieuwe kloof):",
            "Gap to the city in \(plan.lastYear)\(plan.variants > 1 ? ", variant \(v)" : "") (mean over draws; + = worse than the city; \(plan.firstYear) in brackets; ! = a new gap):"))
        for block in blocks(focus) {
            var table: [[String]] = [["indicator"] + block.map { plan.city.wijken[$0] }]
            for (i, indicator) in plan.city.indicators.enumerated() {
                table.append([indicator.id] + block.map { w in
                    let g = results.gapSummary(variant: v, wijk: w, indicator: i)
                    let isNew = g.start <= 0 && g.end > 0
                    return "\(isNew ? "!" : "")\(l.signed(g.end)) (\(l.signed(g.start)))"
                })
            }
            lines += aligned(table)
            lines.append("")
        }
        lines.append(l.pick("Kloven dicht in \(plan.lastYear) (van de kloven in \(plan.firstYear)): ", "Gaps closed by \(plan.lastYear) (of those open in \(plan.firstYear)): ") + focus.map { w in
            let open = (0..<plan.indicatorCount).filter { results.gapSummary(variant: v, wijk: w, indicator: $0).start > 0 }
            let closed = open.filter { results.gapSummary(variant: v, wijk: w, indicator: $0).end <= 0 }.count
            return "\(plan.city.wijken[w]) \(closed)/\(open.count)"
        }.joined(separator: ", "))
        let newGaps = focus.flatMap { w in
            (0..<plan.indicatorCount).filter {
                let g = results.gapSummary(variant: v, wijk: w, indicator: $0)
                return g.start <= 0 && g.end > 0
            }.map { "\(plan.city.indicators[$0].id) in \(plan.city.wijken[w])" }
        }
        if !newGaps.isEmpty {
            lines.append(l.pick("Nieuwe kloven (in \(plan.firstYear) niet slechter dan de stad, in \(plan.lastYear) wel): ",
                                "New gaps (no worse than the city in \(plan.firstYear), worse in \(plan.lastYear)): ") + newGaps.joined(separator: ", "))
        }
        if plan.variants > 1 {
            lines.append("")
            lines.append(l.pick("Kloof in \(plan.lastYear) over alle \(plan.variants) varianten (laagste … hoogste gemiddelde):",
                                "End gap over all \(plan.variants) variants (lowest … highest mean):"))
            for block in blocks(focus) {
                var range: [[String]] = [["indicator"] + block.map { plan.city.wijken[$0] }]
                for (i, indicator) in plan.city.indicators.enumerated() {
                    range.append([indicator.id] + block.map { w in
                        var lo = Double.infinity, hi = -Double.infinity
                        for variant in 0..<plan.variants {
                            let end = results.gap(variant: variant, wijk: w, indicator: i, yearIndex: plan.yearCount - 1)
                            lo = min(lo, end); hi = max(hi, end)
                        }
                        return "\(l.signed(lo)) … \(l.signed(hi))"
                    })
                }
                lines += aligned(range)
            }
        }
        lines += fundingLines(results, variant: v, language: l)
        lines.append("")
        lines += l.caveats(plan)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Wijken per block of columns, so every focus wijk is shown and lines stay readable.
    static let wijkenPerBlock = 5

    static func blocks(_ wijken: [Int]) -> [[Int]] {
        stride(from: 0, to: wijken.count, by: wijkenPerBlock).map { Array(wijken[$0..<min($0 + wijkenPerBlock, wijken.count)]) }
    }

    /// Which variant the summary shows and which overspend, for a sweep.
    static func sweepLines(_ plan: Plan, _ choice: VariantChoice, _ l: TerminalLanguage) -> [String] {
        var lines = [choice.withinBudget
            ? l.pick("Beste variant binnen budget (de meeste kloven dicht): \(choice.label(plan)).",
                     "Best variant within budget (most gaps closed): \(choice.label(plan)).")
            : l.pick("Elke variant overschrijdt een budget; hieronder de variant die de meeste kloven sluit: \(choice.label(plan)).",
                     "Every variant overspends; below, the one that closes most gaps: \(choice.label(plan)).")]
        if !choice.overspending.isEmpty {
            let list = choice.overspending.count <= 12 ? ": " + choice.overspending.map(String.init).joined(separator: ", ") : ""
            lines.append(l.pick("\(choice.overspending.count) van de \(plan.variants) varianten overschrijden een budget\(list).",
                                "\(choice.overspending.count) of \(plan.variants) variants overspend a budget\(list)."))
        } else {
            lines.append(l.pick("Geen variant overschrijdt een budget.", "No variant overspends a budget."))
        }
        return lines
    }

    static func fundingLines(_ results: Results, variant v: Int = 0, language l: TerminalLanguage = .nl) -> [String] {
        let plan = results.plan
        let interventions = plan.instances.filter { $0.kind == .intervention }
        guard !interventions.isEmpty || !plan.scenario.funding.isEmpty else { return [] }
        var lines = ["", l.pick("Uitgaven per financieringsbron\(plan.variants > 1 ? ", variant \(v)" : "") (gemiddelde over de trekkingen, EUR):",
                                "Spend per funding source\(plan.variants > 1 ? ", variant \(v)" : "") (mean over draws, EUR):")]
        var table: [[String]] = [l == .nl ? ["bron", "budget", "besteed", "buiten looptijd", ""] : ["funding", "budget", "spent", "outside window", ""]]
        for f in results.fundingSummary(variant: v) {
            table.append([f.funding.name, l.euros(f.funding.budget), l.euros(f.spent), l.euros(f.spentOutside),
                          f.overspent ? l.pick("OVERSCHREDEN", "OVERSPENT") : "ok"])
        }
        if let total = results.unfundedSpend(variant: v) {
            table.append([l.pick("(zonder bron)", "(no source)"), "", l.euros(total), "", ""])
        }
        lines += aligned(table)
        for f in results.fundingSummary(variant: v) where f.overspent {
            var why: [String] = []
            if f.spent > f.funding.budget {
                why.append(l.pick("besteedt \(l.euros(f.spent)) van een budget van \(l.euros(f.funding.budget))",
                                  "spends \(l.euros(f.spent)) of a \(l.euros(f.funding.budget)) budget"))
            }
            if f.spentOutside > 0 {
                why.append(l.pick("\(l.euros(f.spentOutside)) valt buiten \(f.funding.from)–\(f.funding.to)",
                                  "\(l.euros(f.spentOutside)) falls outside \(f.funding.from)–\(f.funding.to)"))
            }
            lines.append(l.pick("Let op: financieringsbron \(f.funding.name) is overschreden: ", "Warning: funding \(f.funding.name) is overspent: ")
                         + why.joined(separator: "; ") + ".")
        }
        return lines
    }

    /// The wijken that interventions target, in data order; without
    /// interventions, the wijken worse than the city on most indicators.
    static func focusWijken(_ plan: Plan, _ results: Results) -> [Int] {
        let targeted = results.focusWijken
        if !targeted.isEmpty { return targeted }
        let worse = (0..<plan.wijkCount).map { w in
            (w, (0..<plan.indicatorCount).filter { results.gapSummary(variant: 0, wijk: w, indicator: $0).start > 0 }.count)
        }
        return worse.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(maxWijkColumns).map(\.0).sorted()
    }

    package static func aligned(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c == 0 ? cell.paddedWithSpaces(to: widths[c])
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ").trimmingSpaces()
        }
    }

    package static func signed(_ value: Double) -> String {
        let text = FixedPoint.text(value, decimals: 2, plusSign: true)
        return text == "-0.00" ? "+0.00" : text
    }

    /// Whole euros with "," between thousands (`207,461,100`). By hand: a
    /// NumberFormatter loads ICU's locale data, a millisecond of every run.
    package static func euros(_ value: Double) -> String {
        let rounded = value.rounded()
        guard let whole = Int(exactly: rounded), whole != .min else { return FixedPoint.text(value, decimals: 0) }
        let digits = String(whole.magnitude)
        var grouped = ""
        for (k, digit) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (whole < 0 ? "-" : "") + grouped
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
