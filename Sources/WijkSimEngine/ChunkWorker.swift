import CVectorMath
import WijkSimLua
import WijkSimModel

/// One worker thread's engine: its own Lua state with every plugin loaded
/// and lane buffers for one step of whole (variant, draw) blocks. A chunk
/// is simulated a step's worth of blocks at a time into its output. Lanes
/// are laid out block × wijk, so each step computes `ctx.city` itself, one
/// number per block; parameters that are the same in every wijk of a draw
/// are lent per block too, so what plugins compute from them alone is
/// computed once per draw.
final class ChunkWorker {
    let plan: Plan
    let host: LuaHost
    /// Set when the host is borrowed from `plan.hosts`, to give it back.
    let hostKey: LuaHostPool.Key?
    let capacity: Int
    /// Blocks simulated together: one Lua step's vectors.
    let stepBlocks: Int
    let w: Int
    let indicators: Int
    var x: [UnsafeMutablePointer<Double>]
    var x0: [UnsafeMutablePointer<Double>]
    /// Per indicator: the city average of each block at t.
    var city: [UnsafeMutablePointer<Double>]
    var adds: [UnsafeMutablePointer<Double>]
    var attributes: [UnsafeMutablePointer<Double>]
    var masks: [UnsafeMutablePointer<Double>]
    var params: [[UnsafeMutablePointer<Double>]]
    /// Per instance and parameter: per-block values, for a parameter drawn per draw or swept.
    var paramBlocks: [[UnsafeMutablePointer<Double>?]]
    /// What a fixed parameter's entry in `params` points to.
    let placeholder: UnsafeMutablePointer<Double>
    /// Per instance and parameter: the value when fixed for the whole run.
    let paramConstants: [[Double?]]
    /// Per instance and parameter: the quantile function of a drawn one.
    let quantiles: [[QuantileFunction?]]
    /// What the year loop reads of each instance and indicator, copied per
    /// worker: reading them from the plan retained objects that all workers
    /// share, and the threads then fought over their reference counts.
    let instanceSteps: [InstanceStep]
    let instanceNames: [String]
    let bounds: [(min: Double, max: Double)]

    struct InstanceStep {
        let plugin: Int
        let from: Int
        let to: Int
        let isRule: Bool
        let key: UInt64
    }
    let spend: UnsafeMutablePointer<Double>
    let trace: UnsafeMutablePointer<Double>
    let blockDraws: UnsafeMutablePointer<Int>
    let wijkKeys: UnsafeMutablePointer<UInt64>
    let weights: [[Double]]
    let weightTotals: [Double]
    /// Scratch for `recordAndUpdateCity`: the output rows of one indicator.
    let rowPointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>
    /// The wijken simulated, lane k of a block being wijk `simulated[k]`:
    /// every wijk, unless some are the reference's (`Plan.untouched`).
    let simulated: [Int]
    /// With `Plan.untouched`: each wijk's lane (or -1) and, per untouched
    /// wijk, the reference's draws of the row being recorded.
    let otherLanes: UnsafeMutablePointer<Int32>?
    let otherDraws: UnsafeMutablePointer<UnsafePointer<Double>?>?
    private var firstDraw = 0
    /// The lane values of a step's `ctx:spend` calls, when they are kept
    /// (`Plan.spendLanes`) or put together with a kept run's (`UntouchedWijken.recombined`).
    let spendScratch: UnsafeMutablePointer<Double>?
    /// The most `ctx:spend` calls of one step whose lanes are kept; a step with more is run whole.
    static let keptSpendCalls = 8
    /// The `ctx:add` values of a step kept for replay (`AddLanes`), this many calls at most
    /// (the `trend` rule makes one per indicator); a step with more is run again.
    let addScratch: UnsafeMutablePointer<Double>?
    static let keptAddCalls = 16

    init(plan: Plan, blocksPerChunk: Int) throws {
        self.plan = plan
        simulated = plan.untouched?.simulated ?? Array(0..<plan.wijkCount)
        w = simulated.count
        indicators = plan.indicatorCount
        stepBlocks = min(blocksPerChunk, max(1, Engine.lanesPerStep / max(w, 1)))
        let capacity = stepBlocks * w
        self.capacity = capacity
        let key = plan.hosts == nil ? nil : LuaHostPool.key(for: plan, capacity: capacity)
        hostKey = key
        if let pool = plan.hosts, let key, let borrowed = pool.borrow(key) {
            host = borrowed
        } else {
            let made = LuaHost(indicators: plan.city.indicators.map(\.id), attributes: plan.city.attributeNames,
                               wijken: plan.city.wijken, capacity: capacity)
            for descriptor in plan.plugins { try made.loadPlugin(file: descriptor.file, source: descriptor.source) }
            host = made
        }
        func buffer() -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
            p.initialize(repeating: 0, count: capacity)
            return p
        }
        x = (0..<indicators).map { _ in buffer() }
        x0 = (0..<indicators).map { _ in buffer() }
        let stepBlocks = self.stepBlocks
        func blockBuffer() -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: stepBlocks)
            p.initialize(repeating: 0, count: stepBlocks)
            return p
        }
        city = (0..<indicators).map { _ in blockBuffer() }
        adds = (0..<indicators).map { _ in buffer() }
        attributes = plan.city.attributeNames.map { _ in buffer() }
        masks = plan.instances.map { _ in buffer() }
        // a fixed parameter reaches Lua as a uniform vector and its buffer is
        // never read: those share one empty placeholder (they were a third of
        // a worker's lane memory on the benchmark, paged in at start-up)
        let placeholder = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        placeholder.initialize(to: 0)
        self.placeholder = placeholder
        params = plan.instances.map { instance in
            instance.params.map { ChunkWorker.isPerBlock($0) || ChunkWorker.isConstant($0) ? placeholder : buffer() }
        }
        paramBlocks = plan.instances.map { instance in
            instance.params.map { ChunkWorker.isPerBlock($0) ? blockBuffer() : nil }
        }
        instanceSteps = plan.instances.map {
            InstanceStep(plugin: $0.plugin, from: $0.from, to: $0.to, isRule: $0.kind == .rule, key: $0.key)
        }
        instanceNames = plan.instances.map { String(decoding: Array($0.name.utf8), as: UTF8.self) }
        bounds = plan.city.indicators.map { (min: $0.min, max: $0.max) }
        quantiles = plan.instances.map { instance in
            instance.params.map { if case let .distributed(distribution, _) = $0 { return QuantileFunction(distribution) } else { return nil } }
        }
        paramConstants = plan.instances.map { instance in
            instance.params.map { if case let .constant(value) = $0 { return value } else { return nil } }
        }
        spend = .allocate(capacity: stepBlocks)
        trace = .allocate(capacity: stepBlocks)
        blockDraws = .allocate(capacity: stepBlocks)
        wijkKeys = .allocate(capacity: w)
        rowPointers = .allocate(capacity: plan.wijkCount + 1)
        host.coupledWijken = false
        spendScratch = plan.spendLanes != nil || plan.untouched?.kept != nil
            ? .allocate(capacity: ChunkWorker.keptSpendCalls * capacity) : nil
        addScratch = plan.addLanes != nil ? .allocate(capacity: ChunkWorker.keptAddCalls * capacity) : nil
        if let untouched = plan.untouched {
            otherLanes = .allocate(capacity: plan.wijkCount)
            otherLanes!.initialize(from: untouched.lane, count: plan.wijkCount)
            otherDraws = .allocate(capacity: plan.wijkCount)
            otherDraws!.initialize(repeating: nil, count: plan.wijkCount)
        } else {
            otherLanes = nil
            otherDraws = nil
        }
        weights = (0..<indicators).map { plan.city.weights(ofIndicator: $0) }
        weightTotals = weights.map { $0.reduce(0, +) }
        for (lane, wijk) in simulated.enumerated() { wijkKeys[lane] = CounterRandom.key(plan.city.wijken[wijk]) }
        // Attributes, x0 and masks repeat per block: tile them once, each
        // row looked up once (a lookup per lane took milliseconds per worker).
        let simulated = self.simulated
        let w = self.w
        func tile(_ values: [Double], into buffer: UnsafeMutablePointer<Double>) {
            values.withUnsafeBufferPointer { wijken in
                // one block, then copies of it (a division per lane took a percent of a `serve` request)
                for lane in 0..<min(w, capacity) { buffer[lane] = wijken[simulated[lane]] }
                var filled = min(w, capacity)
                while filled < capacity {
                    let n = min(filled, capacity - filled)
                    (buffer + filled).update(from: buffer, count: n)
                    filled += n
                }
            }
        }
        for (a, name) in plan.city.attributeNames.enumerated() { tile(plan.city.attributes[name]!, into: attributes[a]) }
        for i in 0..<indicators { tile(plan.city.initial[i], into: x0[i]) }
        let notStepped = plan.untouched?.notStepped
        for (k, instance) in plan.instances.enumerated() where notStepped?[k] != true { tile(instance.mask, into: masks[k]) }
    }

    deinit {
        if let pool = plan.hosts, let hostKey { pool.giveBack(host, hostKey) }
        for p in x + x0 + city + adds + attributes + masks + params.flatMap({ $0 }) where p != placeholder { p.deallocate() }
        for p in paramBlocks.flatMap({ $0 }) { p?.deallocate() }
        placeholder.deallocate()
        spend.deallocate()
        trace.deallocate()
        blockDraws.deallocate()
        wijkKeys.deallocate()
        rowPointers.deallocate()
        otherLanes?.deallocate()
        otherDraws?.deallocate()
        spendScratch?.deallocate()
        addScratch?.deallocate()
    }

    /// Simulates blocks first..<first+count: trajectories into `target`
    /// (which may be `output` itself), costs into `output`.
    func run(firstBlock: Int, blockCount: Int, recording target: RecordTarget, costs output: ChunkOutput) throws {
        output.firstBlock = firstBlock
        output.blocks = blockCount
        var done = 0
        while done < blockCount {
            let n = min(stepBlocks, blockCount - done)
            try simulate(firstBlock: firstBlock + done, blockCount: n, column: done, recording: target, costs: output)
            done += n
        }
    }

    /// Blocks first..<first+count, written at `column` of the rows.
    private func simulate(firstBlock: Int, blockCount: Int, column: Int, recording target: RecordTarget,
                          costs output: ChunkOutput) throws {
        let lanes = blockCount * w
        firstDraw = firstBlock % plan.draws
        for b in 0..<blockCount { blockDraws[b] = plan.noiseDraw ?? (firstBlock + b) % plan.draws }
        fillParameters(firstBlock: firstBlock, blockCount: blockCount)
        for i in 0..<indicators { x[i].update(from: x0[i], count: lanes) }
        var bindings = StepBindings()
        bindings.lanes = lanes
        bindings.wijkCount = w
        bindings.firstYear = plan.firstYear
        bindings.lastYear = plan.lastYear
        bindings.x = x
        bindings.x0 = x0
        bindings.cityBlocks = city
        bindings.attributes = attributes
        bindings.adds = adds
        bindings.spend = spend
        bindings.seed = plan.seed
        bindings.blockDraws = blockDraws
        bindings.wijkKeys = wijkKeys
        if let traced = plan.trace {
            bindings.trace = trace
            bindings.traceIndicator = traced.indicator
            bindings.traceWijk = traced.wijk
        }
        let contributions = instanceSteps.count * plan.stepCount
        let notStepped = plan.untouched?.notStepped
        recordAndUpdateCity(year: 0, blockCount: blockCount, column: column, into: target)
        // each step's end leaves them 0 again (`stepAndRecord`)
        for i in 0..<indicators { adds[i].update(repeating: 0, count: lanes) }
        for step in 0..<plan.simulatedSteps {
            let year = plan.firstYear + step
            bindings.year = year
            for k in 0..<instanceSteps.count {
                let instance = instanceSteps[k]
                if let notStepped, notStepped[k] {
                    if !takeFromKept(instance: k, step: step, blockCount: blockCount, column: column, costs: output) {
                        // (`UntouchedWijken` checked that every step was kept): else the run is done again whole
                        host.coupledWijken = true
                    }
                    continue
                }
                bindings.mask = masks[k]
                bindings.maskRepeatsPerBlock = true
                bindings.params = params[k]
                bindings.paramBlocks = paramBlocks[k]
                bindings.paramConstants = paramConstants[k]
                bindings.from = instance.from
                bindings.to = instance.to
                bindings.isRule = instance.isRule
                bindings.instanceKey = instance.key
                let keeps = plan.spendLanes != nil && !instance.isRule
                let recombines = plan.untouched?.recombined[k] == true
                bindings.spendCapture = keeps || recombines ? spendScratch : nil
                bindings.spendCaptureStride = capacity
                bindings.spendCaptureLimit = ChunkWorker.keptSpendCalls
                bindings.addCapture = plan.addLanes != nil ? addScratch : nil
                bindings.addCaptureLimit = ChunkWorker.keptAddCalls
                spend.update(repeating: 0, count: blockCount)
                trace.update(repeating: 0, count: blockCount)
                host.bindings = bindings
                try host.step(plugin: instance.plugin, instance: instanceNames[k])
                if keeps, let spendLanes = plan.spendLanes, let spendScratch {
                    spendLanes.record(.init(instance: instanceNames[k], step: step), wijken: host.arena.computedWijken,
                                      calls: host.capturedSpends, captured: spendScratch, stride: capacity,
                                      totals: spend, firstDraw: firstDraw, blocks: blockCount)
                }
                if let addLanes = plan.addLanes, let addScratch {
                    let key = SpendLanes.Key(instance: instanceNames[k], step: step)
                    if host.readsState || host.addsOverflowed {
                        addLanes.refuse(key)
                    } else {
                        addLanes.record(key, wijken: host.arena.computedWijken, indicators: host.capturedAdds, captured: addScratch,
                                        stride: capacity, firstDraw: firstDraw, blocks: blockCount)
                    }
                }
                if recombines { recombineSpend(instance: k, step: step, blockCount: blockCount) }
                (output.costRow(k * plan.stepCount + step) + column).update(from: spend, count: blockCount)
                if plan.trace != nil {
                    (output.costRow(contributions + k * plan.stepCount + step) + column).update(from: trace, count: blockCount)
                }
            }
            try stepAndRecord(year: step + 1, blockCount: blockCount, column: column, into: target)
        }
    }

    /// The end of the step to `year`, one pass per indicator: x = clamp(x +
    /// Σ adds, min, max), the adds back to 0, and as `recordAndUpdateCity`.
    /// (Three passes before: the state of a Groningen plan's ten indicators
    /// no longer fits in the second-level cache, so each pass went to memory.)
    func stepAndRecord(year: Int, blockCount: Int, column: Int, into target: RecordTarget) throws {
        for i in 0..<indicators {
            if let untouched = plan.untouched, untouched.clean[i] {
                takeKeptState(indicator: i, year: year, blockCount: blockCount, column: column, into: target)
                continue
            }
            setRows(indicator: i, year: year, column: column, into: target)
            let state = x[i]
            let finite = weights[i].withUnsafeBufferPointer { weight in
                withOthers { others in
                    wjs_step_and_record(state, adds[i], bounds[i].min, bounds[i].max, w, blockCount, weight.baseAddress!,
                                        weightTotals[i], rowPointers, city[i], others)
                }
            }
            if finite == 0 {
                let indicator = plan.city.indicators[i]
                let lane = (0..<blockCount * w).first { !(state[$0] + 0).isFinite } ?? 0
                let from = plan.firstYear + year - 1
                throw RunFailure("indicator \(indicator.id) became NaN or infinite in wijk \(plan.city.wijken[simulated[lane % w]]) in the step from \(from) to \(from + 1): the adds of the plugins overflowed")
            }
        }
        target.recorded(year: year)
    }

    /// After a step (and at the start): ctx.city for every block, and the
    /// state and the city average of `year` into the target's rows, from
    /// `column` on.
    func recordAndUpdateCity(year: Int, blockCount: Int, column: Int, into target: RecordTarget) {
        for i in 0..<indicators {
            setRows(indicator: i, year: year, column: column, into: target)
            weights[i].withUnsafeBufferPointer { weight in
                withOthers { others in
                    wjs_record_city(x[i], w, blockCount, weight.baseAddress!, weightTotals[i], rowPointers, city[i], others)
                }
            }
        }
        target.recorded(year: year)
    }

    /// A clean indicator's end of the step to `year` (`UntouchedWijken.clean`):
    /// the kept run's state, the same numbers this step would add up to, for
    /// the steps that read it; its rows are not recorded (the cells take the
    /// kept run's statistics, as an untouched wijk's do) but in the end year,
    /// whose rows every wijk's gap reads. Nothing was added to it this year.
    private func takeKeptState(indicator i: Int, year: Int, blockCount: Int, column: Int, into target: RecordTarget) {
        guard let untouched = plan.untouched else { return }
        let years = plan.yearCount
        func kept(_ wijk: Int) -> UnsafeMutablePointer<Double> {
            untouched.reference.row((wijk * indicators + i) * years + year) + firstDraw
        }
        let state = x[i]
        for (lane, wijk) in simulated.enumerated() {
            let from = kept(wijk)
            for b in 0..<blockCount { state[b * w + lane] = from[b] }
        }
        city[i].update(from: kept(plan.wijkCount), count: blockCount)
        guard year == years - 1 else { return }
        for wijk in 0...plan.wijkCount {
            target.row((wijk * indicators + i) * years + year, column: column).update(from: kept(wijk), count: blockCount)
        }
    }

    /// The rows one indicator's `year` is recorded into, one per wijk of
    /// the city and the average. An untouched wijk's are left alone (its
    /// statistics are the reference's) but in the end year, whose rows every
    /// wijk's gap to the city is read from; its values come from the
    /// reference's row.
    private func setRows(indicator i: Int, year: Int, column: Int, into target: RecordTarget) {
        let years = plan.yearCount
        for wijk in 0...plan.wijkCount { rowPointers[wijk] = target.row((wijk * indicators + i) * years + year, column: column) }
        guard let untouched = plan.untouched, let otherDraws else { return }
        for wijk in 0..<plan.wijkCount where untouched.lane[wijk] < 0 {
            otherDraws[wijk] = UnsafePointer(untouched.reference.row((wijk * indicators + i) * years + year) + firstDraw)
            if year < years - 1 { rowPointers[wijk] = nil }
        }
    }

    /// A step that is not run (`UntouchedWijken.notStepped`): the kept run's
    /// adds again where it is replayed (an intervention that reaches no
    /// simulated wijk adds nothing here), and the kept run's spend (a rule
    /// spends nothing). False when the kept run did not keep them.
    private func takeFromKept(instance k: Int, step: Int, blockCount: Int, column: Int, costs output: ChunkOutput) -> Bool {
        guard let untouched = plan.untouched, let kept = untouched.kept else { return false }
        let key = SpendLanes.Key(instance: instanceNames[k], step: step)
        if untouched.replayed[k] {
            guard let added = kept.addLanes.entry(key) else { return false }
            replayAdds(added, blockCount: blockCount)
        }
        let cost = output.costRow(k * plan.stepCount + step) + column
        if instanceSteps[k].isRule {
            cost.update(repeating: 0, count: blockCount)
            return true
        }
        guard let spent = kept.spendLanes.entry(key) else { return false }
        cost.update(from: spent.totals + firstDraw, count: blockCount)
        return true
    }

    /// A replayed step's adds (`UntouchedWijken.replayed`): per call in call
    /// order, the kept value of each simulated wijk the kept step computed,
    /// added to this year's sum as the step's own sink adds it (a lane the
    /// step does not reach gets 0, which leaves a sum that starts at +0 as it is).
    private func replayAdds(_ entry: AddLanes.Entry, blockCount: Int) {
        guard let lane = plan.untouched?.lane, let kept = plan.untouched?.kept else { return }
        let draws = kept.addLanes.draws
        // the kept wijken that this run simulates, and their lanes
        var taken: [Int] = [], lanes: [Int32] = []
        for (j, wijk) in entry.wijken.enumerated() where lane[Int(wijk)] >= 0 {
            taken.append(j)
            lanes.append(lane[Int(wijk)])
        }
        guard !taken.isEmpty else { return }
        let clean = plan.untouched?.clean
        withUnsafeTemporaryAllocation(of: UnsafePointer<Double>?.self, capacity: taken.count) { from in
            // a clean indicator's state is taken from the kept run whole (`stepAndRecord`)
            for (call, values) in entry.calls.enumerated() where clean?[entry.indicators[call]] != true {
                for (t, j) in taken.enumerated() { from[t] = UnsafePointer(values + j * draws + firstDraw) }
                wjs_replay_adds(from.baseAddress!, lanes, taken.count, adds[entry.indicators[call]], w, blockCount)
            }
        }
    }

    /// The spend of an unchanged intervention that also reaches wijken taken
    /// from a kept run: per draw and `ctx:spend` call, the sum over all its
    /// wijken in wijk order, each value this run's where it ran the wijk and
    /// the kept run's elsewhere, as one run over all of them sums it. When
    /// the calls do not match the kept run's, the run is marked coupled and
    /// done again whole.
    private func recombineSpend(instance k: Int, step: Int, blockCount: Int) {
        guard let kept = plan.untouched?.kept, let scratch = spendScratch,
              let entry = kept.spendLanes.entry(.init(instance: instanceNames[k], step: step)),
              entry.calls.count == host.capturedSpends else {
            host.coupledWijken = true
            return
        }
        let fresh = host.arena.computedWijken
        let width = fresh.count, keptWidth = entry.wijken.count
        // per wijk of the kept run's list: where this run's value is (its lane), or -1: the kept value
        var position = [Int](repeating: -1, count: keptWidth)
        for (j, wijk) in entry.wijken.enumerated() {
            if let p = fresh.firstIndex(where: { simulated[Int($0)] == Int(wijk) }) { position[j] = p }
        }
        // wijk by wijk in the kept run's order, every block at once: each
        // block's sum adds the same values in the same order as a whole run
        spend.update(repeating: 0, count: blockCount)
        let sum = UnsafeMutablePointer<Double>.allocate(capacity: blockCount)
        defer { sum.deallocate() }
        for (call, values) in entry.calls.enumerated() {
            sum.update(repeating: 0, count: blockCount)
            for (j, p) in position.enumerated() {
                if p >= 0 {
                    let mine = scratch + call * capacity + p
                    for b in 0..<blockCount { sum[b] += mine[b * width] }
                } else {
                    let theirs = values + j * kept.spendLanes.draws + firstDraw
                    for b in 0..<blockCount { sum[b] += theirs[b] }
                }
            }
            for b in 0..<blockCount { spend[b] += sum[b] }
        }
    }

    /// The untouched wijken for the record kernels (nil: every wijk is simulated).
    private func withOthers<T>(_ body: (UnsafePointer<wjs_other_wijken>?) -> T) -> T {
        guard let otherLanes, let otherDraws else { return body(nil) }
        var others = wjs_other_wijken(wijken: plan.wijkCount, lane: otherLanes, draws: UnsafePointer(otherDraws))
        return withUnsafePointer(to: &others) { body($0) }
    }

    static func isConstant(_ source: ParameterSource) -> Bool {
        if case .constant = source { return true } else { return false }
    }

    /// The same in every wijk of a draw: lent to plugins per block.
    static func isPerBlock(_ source: ParameterSource) -> Bool {
        switch source {
        case .swept: return true
        case let .distributed(distribution, _): return !distribution.perWijk
        default: return false
        }
    }

    func fillParameters(firstBlock: Int, blockCount: Int) {
        let notStepped = plan.untouched?.notStepped
        let sampling = plan.sampling, draws = plan.draws
        for (k, instance) in plan.instances.enumerated() {
            // an instance whose steps are not run (`UntouchedWijken.notStepped`) reads none
            if notStepped?[k] == true { continue }
            for (p, source) in instance.params.enumerated() {
                let out = params[k][p]
                let perBlock = paramBlocks[k][p]
                // the kind of parameter outside the loop over blocks: binding
                // its payload per block retained and released it every time
                switch source {
                case .constant:
                    // a uniform vector in Lua (`paramConstants`): no buffer to fill
                    continue
                case let .swept(values):
                    for b in 0..<blockCount { perBlock![b] = values[(firstBlock + b) / draws] }
                case let .distributed(distribution, key):
                    let quantile = quantiles[k][p]!
                    if distribution.perWijk {
                        for b in 0..<blockCount {
                            let draw = (firstBlock + b) % draws
                            for wijk in 0..<w {
                                out[b * w + wijk] = quantile(Plan.unit(key: key, draw: draw, wijkKey: wijkKeys[wijk], sampling: sampling, draws: draws))
                            }
                        }
                    } else {
                        for b in 0..<blockCount {
                            perBlock![b] = quantile(Plan.unit(key: key, draw: (firstBlock + b) % draws, wijkKey: nil, sampling: sampling, draws: draws))
                        }
                    }
                case let .table(table), let .sampled(table):
                    for b in 0..<blockCount {
                        let draw = (firstBlock + b) % draws
                        for lane in 0..<w { out[b * w + lane] = table.value(draw: draw, wijk: simulated[lane]) }
                    }
                }
            }
        }
    }
}
