import WijkSimEngine
import WijkSimModel

/// Which variant of a sweep the summary and the report describe: the best
/// one that stays within every budget, not variant 0 (which is only the
/// first point of the grid, often "no renewal at all"). Best means the most
/// focus gaps closed in the end year, then the largest mean share of those
/// gaps closed, then the least spend, then the lowest index.
package struct VariantChoice: Sendable {
    package var variant: Int
    /// False when every variant overspends: `variant` is then the best overall.
    package var withinBudget: Bool
    /// The variants with an overspent funding source, in order.
    package var overspending: [Int]

    package init(_ results: Results, focus wijken: [Int]) {
        let plan = results.plan
        // once per variant: the score below needs them too
        let funding = (0..<plan.variants).map { results.fundingSummary(variant: $0) }
        overspending = (0..<plan.variants).filter { v in funding[v].contains(where: \.overspent) }
        guard plan.variants > 1 else {
            variant = 0
            withinBudget = overspending.isEmpty
            return
        }
        let over = Set(overspending)
        // only the first and last year's gaps (`gapSummary` also looks for
        // the year a gap closes, which the score does not use)
        let last = plan.yearCount - 1
        func score(_ v: Int) -> (closed: Int, share: Double, spend: Double) {
            var closed = 0, shares = 0.0, count = 0
            for w in wijken {
                for i in 0..<plan.indicatorCount {
                    let start = results.gap(variant: v, wijk: w, indicator: i, yearIndex: 0)
                    guard start > 0 else { continue }
                    let end = results.gap(variant: v, wijk: w, indicator: i, yearIndex: last)
                    if end <= 0 { closed += 1 }
                    shares += 1 - end / start
                    count += 1
                }
            }
            let spend = funding[v].reduce(0) { $0 + $1.spent } + (results.unfundedSpend(variant: v) ?? 0)
            return (closed, count == 0 ? 0 : shares / Double(count), spend)
        }
        let affordable = (0..<plan.variants).filter { !over.contains($0) }
        withinBudget = !affordable.isEmpty
        let candidates = affordable.isEmpty ? Array(0..<plan.variants) : affordable
        // each candidate scored once (a sweep has ten thousand): the first of the best wins
        var best = candidates[0], top = score(best)
        for v in candidates.dropFirst() {
            let s = score(v)
            let better = s.closed != top.closed ? s.closed > top.closed
                : s.share != top.share ? s.share > top.share
                : s.spend < top.spend
            if better { (best, top) = (v, s) }
        }
        variant = best
    }

    /// "variant 4 (bereik van Verlengde schooldag = 0.6, tempo van Woningmix = 0.01)":
    /// the measures' titles, not the instance ids of the scenario file.
    package func label(_ plan: Plan) -> String {
        let values = plan.scenario.sweepValues(ofVariant: variant)
        let settings = zip(plan.scenario.sweep, values).map { axis, value -> String in
            guard let instance = plan.instances.first(where: { $0.name == axis.instance }) else { return "\(axis.key) = \(value.shortText)" }
            return "\(axis.param) van \(EffectivenessFiles.shortTitle(plan.plugins[instance.plugin].title)) = \(value.shortText)"
        }
        return settings.isEmpty ? "variant \(variant)" : "variant \(variant) (\(settings.joined(separator: ", ")))"
    }
}
