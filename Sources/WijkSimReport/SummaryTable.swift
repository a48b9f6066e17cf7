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

    package static func text(_ results: Results, seconds: Double? = nil) -> String {
        let plan = results.plan
        var lines: [String] = []
        let timing = seconds.map { ", " + FixedPoint.text($0, decimals: 2) + " s" } ?? ""
        lines.append("\(plan.scenario.name): \(plan.firstYear)→\(plan.lastYear), \(plan.wijkCount) wijken, \(plural(plan.draws, "draw")), \(plural(plan.variants, "variant")), seed \(plan.seed)\(timing)")
        let focus = focusWijken(plan, results)
        let shown = Array(focus.prefix(maxWijkColumns))
        lines.append("")
        lines.append("Gap to the city in \(plan.lastYear), variant 0 (mean over draws; + = worse than the city; start gap in brackets):")
        var table: [[String]] = [["indicator"] + shown.map { plan.city.wijken[$0] }]
        for (i, indicator) in plan.city.indicators.enumerated() {
            table.append([indicator.id] + shown.map { w in
                let g = results.gapSummary(variant: 0, wijk: w, indicator: i)
                return "\(signed(g.end)) (\(signed(g.start)))"
            })
        }
        lines += aligned(table)
        if focus.count > shown.count {
            lines.append("(\(focus.count - shown.count) more focus wijken in gaps.csv)")
        }
        lines.append("Gaps closed by \(plan.lastYear): " + shown.map { w in
            let closed = (0..<plan.indicatorCount).filter { i in
                let g = results.gapSummary(variant: 0, wijk: w, indicator: i)
                return g.start > 0 && g.end <= 0
            }.count
            let open = (0..<plan.indicatorCount).filter { results.gapSummary(variant: 0, wijk: w, indicator: $0).start > 0 }.count
            return "\(plan.city.wijken[w]) \(closed)/\(open)"
        }.joined(separator: ", "))
        if plan.variants > 1 {
            lines.append("")
            lines.append("End gap over all \(plan.variants) variants (lowest … highest mean):")
            var range: [[String]] = [["indicator"] + shown.map { plan.city.wijken[$0] }]
            for (i, indicator) in plan.city.indicators.enumerated() {
                range.append([indicator.id] + shown.map { w in
                    var lo = Double.infinity, hi = -Double.infinity
                    for v in 0..<plan.variants {
                        let end = results.gap(variant: v, wijk: w, indicator: i, yearIndex: plan.yearCount - 1)
                        lo = min(lo, end); hi = max(hi, end)
                    }
                    return "\(signed(lo)) … \(signed(hi))"
                })
            }
            lines += aligned(range)
        }
        lines += fundingLines(results)
        return lines.joined(separator: "\n") + "\n"
    }

    static func fundingLines(_ results: Results) -> [String] {
        let plan = results.plan
        let interventions = plan.instances.filter { $0.kind == .intervention }
        guard !interventions.isEmpty || !plan.scenario.funding.isEmpty else { return [] }
        var lines = ["", "Spend per funding source, variant 0 (mean over draws, EUR):"]
        var table: [[String]] = [["funding", "budget", "spent", "outside window", ""]]
        for f in results.fundingSummary(variant: 0) {
            table.append([f.funding.name, euros(f.funding.budget), euros(f.spent), euros(f.spentOutside),
                          f.overspent ? "OVERSPENT" : "ok"])
        }
        if let total = results.unfundedSpend(variant: 0) {
            table.append(["(no source)", "", euros(total), "", ""])
        }
        lines += aligned(table)
        if plan.variants > 1 {
            let over = (0..<plan.variants).filter { v in results.fundingSummary(variant: v).contains { $0.overspent } }.count
            lines.append("Variants with an overspent source: \(over) of \(plan.variants)")
        }
        for f in results.fundingSummary(variant: 0) where f.overspent {
            var why: [String] = []
            if f.spent > f.funding.budget { why.append("spends \(euros(f.spent)) of a \(euros(f.funding.budget)) budget") }
            if f.spentOutside > 0 { why.append("\(euros(f.spentOutside)) falls outside \(f.funding.from)–\(f.funding.to)") }
            lines.append("Warning: funding \(f.funding.name) is overspent: \(why.joined(separator: "; ")).")
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
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
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
