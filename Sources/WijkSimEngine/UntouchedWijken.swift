/// Wijken whose draws in a compared run are the reference's (or, in
/// `serve`, a kept run's: `init(plan:kept:)`), so that the run does not
/// simulate them. Against the reference: no intervention of either plan reaches them,
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
    /// The draws the untouched wijken take: the reference's, or a kept run's.
    let reference: DrawStore
    /// With a kept run (`init(plan:kept:)`): it, and per instance of the plan
    /// whether its spend is put together from the kept run's lanes (an
    /// unchanged intervention that reaches untouched wijken too).
    let kept: KeptRun?
    let recombined: [Bool]
    /// Per instance, with a kept run: an unchanged intervention that reaches
    /// no simulated wijk. Its step is not run (it could change nothing this
    /// run keeps), and its spend is the kept run's, draw by draw.
    let keptWhole: [Bool]
    /// Per instance, with a kept run: a rule, or an unchanged intervention
    /// that reaches a simulated wijk, none of whose steps in the kept run
    /// read the state (`AddLanes`). Its steps are not run: its adds in the
    /// simulated wijken are the kept run's, added at its turn, and so is its
    /// spend (the same in every lane, so the same sum).
    let replayed: [Bool]
    /// Per indicator, with a kept run: no step that this run runs writes it
    /// (and no intervention the request leaves out did). Its adds in the
    /// simulated wijken are then the replayed ones only, the kept run's, so
    /// its state every year is the kept run's: taken from there, with its
    /// statistics, instead of being added up, recorded and averaged again.
    /// A slider of one intervention leaves about half of Groningen's ten
    /// indicators clean.
    let clean: [Bool]
    /// Per instance: `keptWhole` or `replayed`, whose steps this run does not run.
    let notStepped: [Bool]

    init?(plan: Plan, reference referencePlan: Plan, draws: DrawStore, referenceCoupled: Bool) {
        guard !referenceCoupled, referencePlan.variants == 1, UntouchedWijken.sameRun(plan, as: referencePlan) else { return nil }
        var reached = [Bool](repeating: false, count: plan.wijkCount)
        for instance in (plan.instances + referencePlan.instances) where instance.kind == .intervention {
            for (k, m) in instance.mask.enumerated() where m != 0 { reached[k] = true }
        }
        let none = plan.instances.map { _ in false }
        self.init(simulating: reached, draws: draws, kept: nil, recombined: none, keptWhole: none, replayed: none,
                  clean: plan.city.indicators.map { _ in false })
    }

    /// Relative to a kept run of the same scenario with other settings
    /// (`serve`: the scenario as it is): the wijken that no intervention
    /// whose settings differ (or that is left out) reaches are the kept
    /// run's. An unchanged intervention that reaches some of them still
    /// runs over the others, and its spend is put together from both, call
    /// by call and wijk by wijk in wijk order (`SpendLanes`).
    init?(plan: Plan, kept: KeptRun) {
        let before = kept.plan
        guard kept.independent, !kept.spendLanes.isInconsistent, UntouchedWijken.sameRun(plan, as: before) else { return nil }
        let earlier = Dictionary(before.instances.map { ($0.name, Signature($0, in: before)) }, uniquingKeysWith: { a, _ in a })
        var live = [Bool](repeating: false, count: plan.wijkCount)
        var unchanged = [Bool](repeating: true, count: plan.instances.count)
        for (k, instance) in plan.instances.enumerated() where instance.kind == .intervention {
            guard earlier[instance.name] != Signature(instance, in: plan) else { continue }
            unchanged[k] = false
            for (wijk, m) in instance.mask.enumerated() where m != 0 { live[wijk] = true }
        }
        let names = Set(plan.instances.map(\.name))
        for instance in before.instances where !names.contains(instance.name) {
            for (wijk, m) in instance.mask.enumerated() where m != 0 { live[wijk] = true }
        }
        let keptWhole = plan.instances.enumerated().map { k, instance in
            instance.kind == .intervention && unchanged[k] && !instance.mask.indices.contains { instance.mask[$0] != 0 && live[$0] }
        }
        let replayed = plan.instances.enumerated().map { k, instance in
            let candidate = instance.kind == .rule || (instance.kind == .intervention && unchanged[k] && !keptWhole[k])
            return candidate && (0..<plan.simulatedSteps).allSatisfy { step in
                let key = SpendLanes.Key(instance: instance.name, step: step)
                return kept.addLanes.entry(key) != nil && (instance.kind == .rule || kept.spendLanes.entry(key) != nil)
            }
        }
        let recombined = plan.instances.enumerated().map { k, instance in
            instance.kind == .intervention && unchanged[k] && !keptWhole[k] && !replayed[k]
                && instance.mask.indices.contains { instance.mask[$0] != 0 && !live[$0] }
        }
        var dirty = plan.city.indicators.map { _ in false }
        func writes(_ instance: InstancePlan, of run: Plan) {
            for id in run.plugins[instance.plugin].writes {
                if let i = run.city.indicators.firstIndex(where: { $0.id == id }) { dirty[i] = true }
            }
        }
        for (k, instance) in plan.instances.enumerated() where !keptWhole[k] && !replayed[k] { writes(instance, of: plan) }
        for instance in before.instances where !names.contains(instance.name) { writes(instance, of: before) }
        self.init(simulating: live, draws: kept.draws, kept: kept, recombined: recombined, keptWhole: keptWhole,
                  replayed: replayed, clean: dirty.map { !$0 })
    }

    /// Nil when every wijk, or none, is simulated: then there is nothing to take over.
    private init?(simulating: [Bool], draws: DrawStore, kept: KeptRun?, recombined: [Bool], keptWhole: [Bool],
                  replayed: [Bool], clean: [Bool]) {
        let simulated = simulating.indices.filter { simulating[$0] }
        guard !simulated.isEmpty, simulated.count < simulating.count else { return nil }
        self.simulated = simulated
        var lane = [Int32](repeating: -1, count: simulating.count)
        for (k, wijk) in simulated.enumerated() { lane[wijk] = Int32(k) }
        self.lane = lane
        reference = draws
        self.kept = kept
        self.recombined = recombined
        self.keptWhole = keptWhole
        self.replayed = replayed
        self.clean = clean
        notStepped = zip(keptWhole, replayed).map { $0 || $1 }
    }

    /// One variant, not traced, stopped early or with fixed noise, and the
    /// other run's seed, draws, sampling, data and rules.
    static func sameRun(_ plan: Plan, as other: Plan) -> Bool {
        plan.variants == 1 && plan.trace == nil && plan.stopYear == nil && plan.noiseDraw == nil && other.noiseDraw == nil
            && plan.seed == other.seed && plan.draws == other.draws && plan.sampling == other.sampling && plan.city == other.city
            && rules(plan) == rules(other)
    }

    /// What makes two instances the same: name, plugin (its source), years,
    /// targets, parameters and random key.
    struct Signature: Equatable {
        var name: String, plugin: String, source: String, from: Int, to: Int, mask: [Double], params: [ParameterSource], key: UInt64

        init(_ instance: InstancePlan, in plan: Plan) {
            name = instance.name; plugin = plan.plugins[instance.plugin].id; source = plan.plugins[instance.plugin].source
            from = instance.from; to = instance.to; mask = instance.mask; params = instance.params; key = instance.key
        }
    }

    /// A plan's rules, in order.
    static func rules(_ plan: Plan) -> [Signature] {
        plan.instances.filter { $0.kind == .rule }.map { Signature($0, in: plan) }
    }

    /// The untouched cells' statistics and paired differences (nil: none, the reference's own).
    func statistics(referenceCells: [CellStatistics]) -> (cells: [CellStatistics], differences: [DifferenceStatistics]?) {
        kept.map { ($0.cells, $0.differences) } ?? (referenceCells, nil)
    }

    /// Whether a cell's draws and statistics are the reference's (or the
    /// kept run's): an untouched wijk's, or, with a kept run, a clean indicator's.
    func isUntouched(cell: Int, plan: Plan) -> Bool {
        let wijk = cell / (plan.indicatorCount * plan.yearCount)
        let indicator = cell / plan.yearCount % plan.indicatorCount
        return (wijk < lane.count && lane[wijk] < 0) || clean[indicator]
    }
}
