/// Wijken whose draws in a compared run are the reference's, so that the
/// run does not simulate them: no intervention of either plan reaches them,
/// both plans have the same rules, data, seed and draws, and no plugin
/// makes one wijk depend on another (`ctx.city`, or a rule's spend, which is
/// one sum over all wijken). A wijk's draws then depend only on the rules,
/// its own data and the seed: the reference's, bit for bit. `wijksim run
/// regiodeal.yaml` reaches 8 of Groningen's 18 wijken; the other 10 were
/// simulated, recorded and compared draw by draw only to find them equal.
///
/// The run still counts them in the city average, every wijk in wijk order
/// from their reference draws (`wjs_other_wijken`), writes their draws of
/// the end year (every wijk's gap to the city is read from them) and takes
/// their statistics from the reference's. Whether a step read `ctx.city` or
/// a rule spent is only known once it has run: then the run is done again
/// whole (`Comparison.compared`), as is a run that fails, so that its
/// message names the wijk as a whole run does.
struct UntouchedWijken: Sendable {
    /// The simulated wijken, in wijk order: lane k of a block is wijk `simulated[k]`.
    let simulated: [Int]
    /// Per wijk of the city: its lane in a block, or -1 when it is untouched.
    let lane: [Int32]
    let reference: DrawStore

    init?(plan: Plan, reference referencePlan: Plan, draws: DrawStore, referenceCoupled: Bool) {
        guard !referenceCoupled, plan.variants == 1, referencePlan.variants == 1, plan.trace == nil,
              plan.stopYear == nil, plan.noiseDraw == nil, referencePlan.noiseDraw == nil,
              plan.seed == referencePlan.seed, plan.draws == referencePlan.draws, plan.sampling == referencePlan.sampling,
              plan.city == referencePlan.city, UntouchedWijken.rules(plan) == UntouchedWijken.rules(referencePlan) else { return nil }
        var reached = [Bool](repeating: false, count: plan.wijkCount)
        for instance in (plan.instances + referencePlan.instances) where instance.kind == .intervention {
            for (k, m) in instance.mask.enumerated() where m != 0 { reached[k] = true }
        }
        let simulated = reached.indices.filter { reached[$0] }
        guard !simulated.isEmpty, simulated.count < plan.wijkCount else { return nil }
        self.simulated = simulated
        var lane = [Int32](repeating: -1, count: plan.wijkCount)
        for (k, wijk) in simulated.enumerated() { lane[wijk] = Int32(k) }
        self.lane = lane
        reference = draws
    }

    /// What makes two plans' rules the same: each rule's name, plugin (its
    /// source), years, targets, parameters and random key, in order.
    struct Rule: Equatable {
        var name: String, plugin: String, source: String, from: Int, to: Int, mask: [Double], params: [ParameterSource], key: UInt64
    }

    static func rules(_ plan: Plan) -> [Rule] {
        plan.instances.filter { $0.kind == .rule }.map {
            Rule(name: $0.name, plugin: plan.plugins[$0.plugin].id, source: plan.plugins[$0.plugin].source, from: $0.from,
                 to: $0.to, mask: $0.mask, params: $0.params, key: $0.key)
        }
    }

    func isUntouched(cell: Int, plan: Plan) -> Bool {
        let wijk = cell / (plan.indicatorCount * plan.yearCount)
        return wijk < lane.count && lane[wijk] < 0
    }
}
