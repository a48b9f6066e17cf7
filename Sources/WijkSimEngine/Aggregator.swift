import Foundation

/// Routes each chunk's blocks to their variants' tallies and keeps the
/// finished statistics. Only a few variants are open at a time (chunks are
/// handed out in variant order), so memory is bounded by those.
final class Aggregator: @unchecked Sendable {  // unchecked: `open`, `deferred`, `finished` are touched under `lock` while workers run, and by `finishDeferred` after them
    let plan: Plan
    let cells: Int
    let costCells: Int
    let method: PercentileMethod
    var exact: Bool { method != .sketched }
    let layout: GapLayout
    private let lock = NSLock()
    private var open: [Int: any VariantTally] = [:]
    private var deferred: [Int] = []
    private(set) var finished: [VariantStatistics?]
    /// Every variant's cell statistics, which each tally writes in place.
    let table: CellTable

    /// Exact percentiles while one variant's draws fit in this many values
    /// (128 MiB); beyond it a `QuantileSketch` per cell keeps memory flat.
    static let exactValueLimit = 16 << 20

    /// From this many draws on, exact percentiles come from windows around
    /// a pilot's (`QuantileWindows`) instead of every draw stored: below it,
    /// the pilot would be most of the draws anyway.
    static let windowedDraws = 2 * PilotTally.windowsPilotDraws + 1

    let threads: Int

    /// Set when this run is compared with a reference, or is the reference.
    let pairing: Pairing?
    /// The reference's draws of variant 0, kept when `pairing.keepVariantZero`.
    let kept: DrawStore?

    /// `keepsPercentiles` false: only the means are kept (`CellTable`).
    init(plan: Plan, blocksPerChunk: Int, threads: Int, method: PercentileMethod? = nil, pairing: Pairing? = nil,
         keepsPercentiles: Bool = true) {
        self.plan = plan
        self.threads = threads
        self.pairing = pairing
        cells = (plan.wijkCount + 1) * plan.indicatorCount * plan.yearCount
        // costs per instance and step, then (for explain) contributions per instance and step
        costCells = plan.instances.count * plan.stepCount * (plan.trace == nil ? 1 : 2)
        // paired runs need every draw: their differences are taken draw by draw
        self.method = pairing != nil ? .stored : method ?? Aggregator.method(draws: plan.draws, cells: cells)
        layout = GapLayout(plan)
        kept = pairing?.keepVariantZero == true ? DrawStore(cells: cells, draws: plan.draws) : nil
        finished = Array(repeating: nil, count: plan.variants)
        table = CellTable(variants: plan.variants, cells: cells, keepsPercentiles: keepsPercentiles || pairing != nil)
    }

    /// Folds a chunk into its variants. A variant that completes while
    /// chunks remain is finished here (the other workers are busy anyway);
    /// one that completes at the end waits for `finishDeferred`, which
    /// spreads its cells over all threads.
    func accept(_ output: ChunkOutput, worker: Int, moreChunks: Bool) {
        var offset = 0
        while offset < output.blocks {
            let block = output.firstBlock + offset
            let variant = block / plan.draws, draw = block % plan.draws
            let count = min(output.blocks - offset, plan.draws - draw)
            let tally = self.tally(variant)
            if draw == 0, let exact = tally as? ExactTally, exact.takesWhole {
                // whole variants of a few draws (a sweep's): their cells in one pass over the rows
                let variants = (output.blocks - offset) / plan.draws
                if variants > 0 {
                    table.write(variants: variant..<(variant + variants)) {
                        ExactTally.wholeStatistics(variants: variants, draws: plan.draws, cells: cells, output, offset: offset,
                                                   into: $0)
                    }
                    for v in variant..<(variant + variants) {
                        let tally = v == variant ? exact : self.tally(v) as! ExactTally
                        if tally.addWhole(output, offset: offset + (v - variant) * plan.draws) {
                            completed(v, tally, moreChunks: moreChunks)
                        }
                    }
                    offset += variants * plan.draws
                    continue
                }
            }
            if tally.add(output, offset: offset, firstDraw: draw, count: count, worker: worker) {
                completed(variant, tally, moreChunks: moreChunks)
            }
            offset += count
        }
    }

    /// Sets `stream` to record blocks first..<first+count straight into
    /// their variant, when they are one variant's and it can take them that
    /// way; false when they must come as a chunk's output (`accept`).
    /// `cancelled` ends a wait for the variant's pilot summary (a failed run).
    func beginStream(firstBlock: Int, blocks: Int, worker: Int, into stream: YearStream,
                     cancelled: () -> Bool) -> Bool {
        let variant = firstBlock / plan.draws, draw = firstBlock % plan.draws
        guard draw + blocks <= plan.draws, blocks <= stream.capacityBlocks,
              let piece = tally(variant).beginStream(firstDraw: draw, count: blocks, worker: worker,
                                                           cancelled: cancelled) else { return false }
        stream.begin(piece)
        return true
    }

    /// Commits what `stream` recorded, its costs from `costs`.
    func endStream(_ stream: YearStream, costs: ChunkOutput, moreChunks: Bool) {
        let piece = stream.end()
        if piece.tally.endStream(piece, costs: costs) {
            completed(costs.firstBlock / plan.draws, piece.tally, moreChunks: moreChunks)
        }
    }

    private func completed(_ variant: Int, _ tally: any VariantTally, moreChunks: Bool) {
        if moreChunks || threads == 1 {
            let statistics = tally.finish(stripes: 1, pairing: pairing, keep: variant == 0 ? kept : nil)
            lock.lock()
            if tally.missed { missed = true }
            finished[variant] = statistics
            open[variant] = nil
            lock.unlock()
        } else {
            lock.lock()
            deferred.append(variant)
            lock.unlock()
        }
    }

    /// Finishes the variants that completed last, their cells split over threads.
    func finishDeferred() {
        for variant in deferred.sorted() {
            guard let tally = open[variant] else { continue }
            let stripes = min(threads, max(1, cells / 64))
            finished[variant] = tally.finish(stripes: stripes, pairing: pairing, keep: variant == 0 ? kept : nil)
            if tally.missed { missed = true }
            open[variant] = nil
        }
        deferred = []
    }

    /// Blocks at which a chunk should begin: each variant's first draw and,
    /// when percentiles come from a pilot, its first draw after the pilot,
    /// so that a chunk lies inside a variant and inside or outside its pilot
    /// and can be streamed (`beginStream`).
    var chunkCuts: [Int] {
        guard method != .stored else { return [] }
        let pilot = method == .sketched ? PilotTally.sketchPilotDraws : PilotTally.windowsPilotDraws
        return (0..<plan.variants).flatMap { [$0 * plan.draws, $0 * plan.draws + pilot] }
    }

    /// Every draw stored while that is little more than the pilot would
    /// keep; exact windows while every draw would fit; a sketch above.
    static func method(draws: Int, cells: Int) -> PercentileMethod {
        if draws <= PilotTally.sketchPilotDraws { return .stored }
        guard draws * cells <= exactValueLimit else { return .sketched }
        return draws >= windowedDraws ? .windowed(margin: QuantileWindows.margin) : .stored
    }

    /// True when a variant's windows missed a rank its percentiles need
    /// (`QuantileWindows`): its statistics are not to be used, and the run
    /// is made again with every draw stored.
    var missedWindows: Bool {
        lock.lock(); defer { lock.unlock() }
        return missed
    }
    private var missed = false

    /// The variant's tally, made on its first piece, by the run's method.
    private func tally(_ variant: Int) -> any VariantTally {
        lock.lock(); defer { lock.unlock() }
        if let existing = open[variant] { return existing }
        let created: any VariantTally = switch method {
        case .stored:
            ExactTally(draws: plan.draws, cells: cells, costCells: costCells, layout: layout, statistics: table.row(variant),
                       paired: pairing != nil, untouched: pairing?.untouched)
        case .windowed(let margin):
            PilotTally(draws: plan.draws, cells: cells, costCells: costCells, layout: layout, workers: threads,
                       statistics: table.row(variant), kind: .windows(margin: margin))
        case .sketched:
            PilotTally(draws: plan.draws, cells: cells, costCells: costCells, layout: layout, workers: threads,
                       statistics: table.row(variant), kind: .sketch)
        }
        open[variant] = created
        return created
    }
}

/// How a run finds its percentiles. Every method gives the same means;
/// `stored` and `windowed` the same exact percentiles.
package enum PercentileMethod: Equatable, Sendable {
    /// Every draw kept (`ExactTally`): small runs, and paired ones.
    case stored
    /// Exact, from intervals around a pilot's percentiles `margin` standard
    /// deviations wide (`QuantileWindows`): most of the draws are not kept.
    case windowed(margin: Double)
    /// Within a stated bound, memory flat (`QuantileSketch`).
    case sketched
}
