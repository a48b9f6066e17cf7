import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// The first thing `run` prints when the scenario has a baseline: the
/// plan's own effect, the paired difference from the same draws without the
/// plan (CONTRACT §2 `baseline`), per focus wijk and indicator in the end
/// year. Without it a reader takes the autonomous trend for the plan's work.
package enum PlanEffectTable {
    /// Wijken per block of columns, so every focus wijk is shown and lines stay readable.
    static let wijkenPerBlock = 5

    package static func text(_ comparison: Comparison) -> String {
        let baseline = comparison.reference
        let plan = comparison.scenarios[1].results.plan
        let scenario = comparison.scenarios[1]
        let end = plan.yearCount - 1
        var lines = ["Effect of the plan in \(plan.lastYear), against \"\(baseline.name)\" (\(DisplayPath.of(baseline.results.plan.scenario.file))) "
            + "in the same \(plan.draws) draws: mean improvement (+ = better than without the plan) and P = share of draws better"]
        let focus = scenario.results.focusWijken.sorted()
        for start in stride(from: 0, to: focus.count, by: wijkenPerBlock) {
            let block = Array(focus[start..<min(start + wijkenPerBlock, focus.count)])
            var table: [[String]] = [["indicator"] + block.map { plan.city.wijken[$0] }]
            for (i, indicator) in plan.city.indicators.enumerated() {
                table.append([indicator.id] + block.map { w in
                    let d = scenario.difference(variant: 0, wijk: w, indicator: i, yearIndex: end)
                    // no effect at all: a dash, not "+0.00 (P 0.00)"
                    if d.mean == 0 && d.p05 == 0 && d.p95 == 0 { return "–" }
                    return "\(SummaryTable.signed(d.mean)) (P \(FixedPoint.text(d.pBetter, decimals: 2)))"
                })
            }
            lines.append("")
            lines += SummaryTable.aligned(table)
        }
        if focus.isEmpty { lines.append("(the scenario targets no wijk)") }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// Said when there is nothing to measure the plan against.
    package static func noBaseline(_ plan: Plan) -> String {
        guard plan.scenario.instances.contains(where: { $0.kind == .intervention }) else { return "" }
        return "No baseline: the gaps below include the autonomous trend as well as the plan. "
            + "Add `baseline: FILE` (a scenario without the plan), or `extends` one, to see the plan's own effect.\n\n"
    }
}
