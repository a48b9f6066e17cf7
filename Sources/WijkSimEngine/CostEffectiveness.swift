import WijkSimModel

/// Euros per unit of gap closed, per intervention and per funding stream
/// (issue 15): what each part of a plan buys in its focus wijken by the end
/// year.
///
/// A part's effect is what the plan loses without it: the plan and the plan
/// minus that part run with the same seed, so draw d of both shares its
/// random numbers (CONTRACT §2), and the per-draw difference, summed over
/// the plan's focus wijken, is the part's improvement in that draw (+ =
/// better, by polarity). Its cost is its mean spend over all years. The
/// interval is over the draws of the effect, at the mean cost: cost / p95
/// of the improvement … cost / p05, unbounded when some draws do not
/// improve at all.
package struct CostEffectiveness: Sendable {
    package enum Kind: String, Sendable { case intervention, funding }

    package struct Row: Sendable {
        package var kind: Kind
        /// The instance or funding stream.
        package var name: String
        package var indicator: Int
        package var cost: Double
        package var improvementMean: Double
        package var improvementP05: Double
        package var improvementP95: Double

        /// Euros per unit of improvement; nil where there is none on average.
        package var eurosPerUnit: Double? { improvementMean > 0 ? cost / improvementMean : nil }
        /// The cheap end of the interval: the cost over the draws' p95 of improvement.
        package var eurosPerUnitLow: Double? { improvementP95 > 0 ? cost / improvementP95 : nil }
        /// The dear end; nil (unbounded) when 5% or more of the draws do not improve.
        package var eurosPerUnitHigh: Double? { improvementP05 > 0 ? cost / improvementP05 : nil }
    }

    package var rows: [Row]
    package var focus: [Int]
    /// The draws it was measured on: the plan's first ones, at most `maxDraws`.
    package var draws: Int = 0

    /// The plan is run with every draw's cells kept, and each part's run
    /// keeps its focus wijken's end-year draws: the first 2,000 draws (the
    /// same draws as in the full run: draw d depends only on the seed and d)
    /// bound its time and memory at any number of draws.
    package static let maxDraws = 2_000

    package init(rows: [Row], focus: [Int]) {
        self.rows = rows
        self.focus = focus
    }

    /// The parts of `plan` (interventions, then funding streams), each run
    /// without; variant 0 of a sweep.
    package static func measure(_ plan: Plan, threads: Int) throws -> CostEffectiveness {
        var plan = plan
        plan.draws = min(plan.draws, maxDraws)
        plan.scenario.draws = plan.draws
        var whole = plan
        whole.variants = 1
        let (results, kept, _) = try keptRun(whole, threads: threads)
        let focus = results.focusWijken
        let interventions = plan.instances.indices.filter { plan.instances[$0].kind == .intervention }
        var parts: [(Kind, String, drop: Set<String>, cost: Double)] = interventions.map { k in
            let cost = (0..<plan.stepCount).reduce(0.0) { $0 + results.cost(variant: 0, instance: k, step: $1) }
            return (.intervention, plan.instances[k].name, [plan.instances[k].name], cost)
        }
        for summary in results.fundingSummary(variant: 0) {
            let names = interventions.filter { plan.instances[$0].funding.map { plan.scenario.funding[$0].name } == summary.funding.name }
                .map { plan.instances[$0].name }
            if !names.isEmpty { parts.append((.funding, summary.funding.name, Set(names), summary.spent)) }
        }
        var rows: [Row] = []
        let end = plan.yearCount - 1
        // of a run without a part, only these cells' draws are read: watched
        // as they are simulated, without the statistics of every other cell
        let watched = focus.flatMap { w in (0..<plan.indicatorCount).map { plan.cell(wijk: w, indicator: $0, yearIndex: end) } }
        for part in parts {
            var scenario = plan.scenario
            scenario.instances.removeAll { part.drop.contains($0.name) }
            scenario.sweep.removeAll { part.drop.contains($0.instance) }
            var without = Plan(scenario: scenario, city: plan.city,
                               plugins: Dictionary(uniqueKeysWithValues: plan.plugins.map { ($0.id, $0) }))
            without.variants = 1
            let other = try Engine.watch(without, cells: watched, threads: threads)
            var improvement = [Double](repeating: 0, count: plan.draws)
            for i in 0..<plan.indicatorCount {
                let sign: Double = plan.city.indicators[i].polarity == .higherBetter ? 1 : -1
                for d in improvement.indices { improvement[d] = 0 }
                for w in focus {
                    let cell = plan.cell(wijk: w, indicator: i, yearIndex: end)
                    let with = kept.row(cell), lacking = other.values(ofCell: cell)!
                    for d in 0..<plan.draws { improvement[d] += PairedDraws.improvement(with[d], over: lacking[d], sign: sign) }
                }
                let mean = improvement.reduce(0, +) / Double(plan.draws)
                let sorted = improvement.sorted()
                rows.append(Row(kind: part.0, name: part.1, indicator: i, cost: part.cost, improvementMean: mean,
                                improvementP05: quantile(sorted, 0.05), improvementP95: quantile(sorted, 0.95)))
            }
        }
        var result = CostEffectiveness(rows: rows, focus: focus)
        result.draws = plan.draws
        return result
    }

    static func keptRun(_ plan: Plan, threads: Int) throws -> (Results, DrawStore, [[DifferenceStatistics]]) {
        let keep = Pairing(reference: nil, keepVariantZero: true, sign: Pairing.signs(plan))
        let run = try Engine.run(plan, threads: threads, blocksPerChunk: nil, method: .stored, pairing: keep, progress: nil)
        guard let kept = run.kept else { throw RunFailure("the run for cost-effectiveness kept no draws") }
        return (run.results, kept, run.differences)
    }

    /// Linear interpolation between closest ranks (NumPy's default), as the
    /// percentiles of the result files.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down)), fraction = position - Double(below)
        return below + 1 < sorted.count ? sorted[below] + fraction * (sorted[below + 1] - sorted[below]) : sorted[below]
    }
}
