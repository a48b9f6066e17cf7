import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// The first thing `run` prints when the scenario has a baseline: the
/// plan's own effect, the paired difference from the same draws without the
/// plan (CONTRACT §2 `baseline`), per focus wijk and indicator in the end
/// year. Without it a reader takes the autonomous trend for the plan's work.
package enum PlanEffectTable {
    package static func text(_ comparison: Comparison, language l: TerminalLanguage = .nl) -> String {
        let baseline = comparison.reference
        let scenario = comparison.scenarios[1]
        let plan = scenario.results.plan
        let end = plan.yearCount - 1
        let focus = scenario.results.focusWijken.sorted()
        let v = VariantChoice(scenario.results, focus: focus).variant
        let against = "\"\(baseline.name)\" (\(DisplayPath.of(baseline.results.plan.scenario.file)))"
        var lines = [l.pick(
            "Effect van het plan in \(plan.lastYear)\(plan.variants > 1 ? ", variant \(v)" : ""), tegen \(against) in dezelfde \(l.draws(plan.draws)): "
                + "gemiddelde verbetering (+ = beter dan zonder het plan) en K = kans op beter (aandeel trekkingen); – = geen effect",
            "Effect of the plan in \(plan.lastYear)\(plan.variants > 1 ? ", variant \(v)" : ""), against \(against) in the same \(l.draws(plan.draws)): "
                + "mean improvement (+ = better than without the plan) and P = share of draws better; – = no effect")]
        let chance = l.pick("K", "P")
        for block in SummaryTable.blocks(focus) {
            var table: [[String]] = [["indicator"] + block.map { plan.city.wijken[$0] }]
            for (i, indicator) in plan.city.indicators.enumerated() {
                table.append([indicator.id] + block.map { w in
                    let d = scenario.difference(variant: v, wijk: w, indicator: i, yearIndex: end)
                    if d.isNone { return "–" }
                    return "\(l.signed(d.mean)) (\(chance) \(l.number(d.pBetter, decimals: 2)))"
                })
            }
            lines.append("")
            lines += SummaryTable.aligned(table)
        }
        if focus.isEmpty { lines.append(l.pick("(het scenario richt zich op geen enkele wijk)", "(the scenario targets no wijk)")) }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// Said when there is nothing to measure the plan against.
    package static func noBaseline(_ plan: Plan, language l: TerminalLanguage = .nl) -> String {
        guard plan.scenario.instances.contains(where: { $0.kind == .intervention }) else { return "" }
        return l.pick(
            "Geen nulalternatief: de kloven hieronder bevatten de autonome ontwikkeling én het plan. Geef `baseline: FILE` (een scenario zonder het plan), of `extends` er een, om het eigen effect van het plan te zien.\n\n",
            "No baseline: the gaps below include the autonomous trend as well as the plan. Add `baseline: FILE` (a scenario without the plan), or `extends` one, to see the plan's own effect.\n\n")
    }
}
