import Foundation

/// Reduces the draws of one variant as they arrive from the workers.
///
/// Means: `DrawOrderSums`, so that neither the thread count nor the
/// chunking changes a bit, and exact and sketched runs have the same means.
///
/// Percentiles: runs whose draws fit keep every draw (each piece in its own
/// columns, no lock) and get exact percentiles. Larger runs keep a
/// `QuantileSketch` per cell, so memory does not grow with the draws: the
/// first `pilotDraws` draws (the pilot) fix its ranges, after which workers
/// count their pieces at once, each into its own histograms. Neither
/// depends on the chunking or the thread count.
///
/// A piece arrives either as a chunk's output, read after the chunk
/// (`add`), or year by year while it is simulated (`beginStream`,
/// `add(year:of:)`, `endStream`): in exact mode and for the pilot into
/// the store, after the pilot into the sketch, which needs its draws to be
/// whole groups of the sums and the sketch to exist (a worker waits for
/// it rather than keep the piece in a copy).
final class VariantAccumulator {
    let draws: Int
    let cells: Int
    let costCells: Int
    let exact: Bool
    let layout: GapLayout
    /// Also signalled when the sketch is made.
    let lock = NSCondition()
    /// Cell sums, then cost sums.
    private let sums: DrawOrderSums
    /// Draws stored or counted so far.
    private var accounted = 0
    /// Exact mode: every draw, `store[cell × draws + draw]`; sketch mode: the pilot draws.
    private var store: UnsafeMutablePointer<Double>
    private let storeDraws: Int
    private let storeCount: Int

    // Sketch mode, before the sketch exists: pieces of the pilot (by first
    // draw) and later pieces that came early, copied.
    private var pilotPieces: [Int: Int] = [:]
    private var pilotEnd = 0
    private var early: [Piece] = []
    private var makingSketch = false
    private var sketch: QuantileSketch?

    /// Draws used to set each sketch's range before it starts counting.
    static let pilotDraws = 4096

    /// This variant's pilot: its first draws, `pilotDraws` of them where it has as many.
    private var pilotLength: Int { min(draws, VariantAccumulator.pilotDraws) }

    struct Piece {
        var count: Int
        var values: [Double]
    }

    /// How many workers may count into the sketch.
    let workers: Int

    init(draws: Int, cells: Int, costCells: Int, exact: Bool, layout: GapLayout, workers: Int) {
        self.workers = workers
        self.draws = draws
        self.cells = cells
        self.costCells = costCells
        self.exact = exact
        self.layout = layout
        sums = DrawOrderSums(rows: cells + costCells, draws: draws)
        storeDraws = exact ? draws : min(draws, VariantAccumulator.pilotDraws)
        storeCount = cells * storeDraws
        store = LargeBuffer.allocate(storeCount)
    }

    /// Sketch mode: the pilot's store is freed once it is counted.
    private var storeFreed = false

    deinit {
        if !storeFreed { LargeBuffer.deallocate(store, count: storeCount) }
    }

    /// Gap cells follow the value cells in the sketch: (wijk, indicator) of the end year.
    private var gapCells: Int { layout.wijken * layout.indicators }

    /// Adds draws firstDraw..<firstDraw+count, read from `output` at block
    /// offset `offset`. Returns true for the call after which every draw is
    /// in (stored, or counted into the sketch).
    func add(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int, worker: Int) -> Bool {
        let cells = self.cells
        let row = { (k: Int) -> UnsafePointer<Double> in
            UnsafePointer(k < cells ? output.row(k) + offset : output.costRow(k - cells) + offset)
        }
        let run = sums.prepare(row, first: firstDraw, count: count)
        var done = count
        if exact {
            for cell in 0..<cells {
                (store + cell * storeDraws + firstDraw).update(from: output.row(cell) + offset, count: count)
            }
        } else {
            lock.lock()
            let ready = sketch
            lock.unlock()
            if let ready {
                tally(into: ready, worker: worker, rows: row, count: count)
            } else {
                done = collect(output, offset: offset, firstDraw: firstDraw, count: count, rows: row, worker: worker)
            }
        }
        lock.lock()
        defer { lock.unlock() }
        sums.commit(run, row, first: firstDraw, count: count)
        accounted += done
        return accounted == draws
    }

    /// What completing the pilot leaves to count: the pilot draws in the
    /// store and the pieces that came early.
    struct PilotWork {
        var sketch: QuantileSketch
        var draws: Int
        var early: [Piece]
    }

    /// Before the sketch exists: the piece's pilot draws go into the store,
    /// the rest into a copy that waits; both copies are made outside the
    /// lock (pieces own their draws). The worker whose piece completes the
    /// first `pilotDraws` draws (whatever the pieces) makes the sketch, also
    /// outside the lock, and counts what was collected. Returns the draws
    /// this call counted.
    private func collect(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int,
                         rows: (Int) -> UnsafePointer<Double>, worker: Int) -> Int {
        let inPilot = max(0, min(count, pilotLength - firstDraw))
        for cell in 0..<(inPilot > 0 ? cells : 0) {
            (store + cell * storeDraws + firstDraw).update(from: output.row(cell) + offset, count: inPilot)
        }
        var rest: Piece?
        if inPilot < count {
            let n = count - inPilot
            var piece = Piece(count: n, values: [])
            piece.values.reserveCapacity(cells * n)
            for cell in 0..<cells {
                piece.values.append(contentsOf: UnsafeBufferPointer(start: output.row(cell) + offset + inPilot, count: n))
            }
            rest = piece
        }
        lock.lock()
        if let ready = sketch {
            // made while this piece was copied; a piece with pilot draws cannot get here,
            // since the sketch waits for every pilot draw
            lock.unlock()
            tally(into: ready, worker: worker, rows: rows, count: count)
            return count
        }
        if let rest { early.append(rest) }
        let completes = registerPilot(firstDraw: firstDraw, count: inPilot)
        lock.unlock()
        guard completes else { return 0 }   // counted by the worker that completes the pilot
        return makeSketch(worker: worker)
    }

    /// Notes that pilot draws firstDraw..<firstDraw+count are in the store
    /// (none when count is 0). True for the one call after which every pilot
    /// draw is in: its caller makes the sketch. Called under `lock`.
    private func registerPilot(firstDraw: Int, count: Int) -> Bool {
        if count > 0 {
            pilotPieces[firstDraw] = count
            while let n = pilotPieces[pilotEnd] { pilotEnd += n }
        }
        let completes = pilotEnd >= pilotLength && !makingSketch
        if completes { makingSketch = true }
        return completes
    }

    /// Called once, by the worker whose piece completed the pilot: sets the
    /// sketch's ranges from the pilot in the store, makes the sketch known
    /// (workers waiting for it go on), then counts the pilot and the pieces
    /// that came early into `worker`'s histograms. Returns the draws counted.
    private func makeSketch(worker: Int) -> Int {
        let pilot = store, stride = storeDraws, n = pilotLength
        let pilotGaps = gapRows({ UnsafePointer(pilot + $0 * stride) }, count: n)
        defer { pilotGaps.deallocate() }
        let made = QuantileSketch(cells: cells + gapCells, pilot: {
            $0 < self.cells ? UnsafePointer(pilot + $0 * stride) : UnsafePointer(pilotGaps + ($0 - self.cells) * n)
        }, count: n, workers: workers)
        lock.lock()
        sketch = made
        let waiting = early
        early = []
        lock.broadcast()
        lock.unlock()
        return countCollected(PilotWork(sketch: made, draws: n, early: waiting), worker: worker)
    }

    /// Counts the pilot and the early pieces, and frees the store: no piece
    /// writes it once the sketch exists, nor does `finish` read it.
    private func countCollected(_ work: PilotWork, worker: Int) -> Int {
        let pilot = store, stride = storeDraws
        tally(into: work.sketch, worker: worker, rows: { UnsafePointer(pilot + $0 * stride) }, count: work.draws)
        // tens of MB that nothing reads any more; freed now rather than
        // when the variant is done, which may be the end of the run
        LargeBuffer.deallocate(store, count: storeCount)
        storeFreed = true
        var total = work.draws
        for piece in work.early {
            piece.values.withUnsafeBufferPointer { values in
                tally(into: work.sketch, worker: worker, rows: { values.baseAddress! + $0 * piece.count }, count: piece.count)
            }
            total += piece.count
        }
        return total
    }

    /// Counts one piece's values and its end-year gaps into `worker`'s histograms.
    private func tally(into sketch: QuantileSketch, worker: Int, rows: (Int) -> UnsafePointer<Double>, count: Int) {
        for cell in 0..<cells { sketch.add(worker: worker, cell: cell, rows(cell), count: count) }
        let gap = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
        defer { gap.deallocate() }
        tallyGaps(into: sketch, worker: worker, rows: rows, count: count, scratch: gap)
    }

    /// Counts the end-year gaps of `count` draws into the gap cells, one gap
    /// row at a time in `scratch`, each counted before the next is made (a
    /// buffer for all of them was a fresh mmap, and its page faults, per piece).
    private func tallyGaps(into sketch: QuantileSketch, worker: Int, rows: (Int) -> UnsafePointer<Double>, count: Int,
                           scratch: UnsafeMutablePointer<Double>) {
        for g in 0..<gapCells {
            gapRow(g, rows, count: count, into: scratch)
            sketch.add(worker: worker, cell: cells + g, scratch, count: count)
        }
    }

    // MARK: Pieces recorded year by year

    /// A piece a `YearStream` records: its draws, the worker, the group sums
    /// filled year by year, and (exact mode) where in the store it goes.
    final class StreamedPiece {
        let accumulator: VariantAccumulator
        let firstDraw: Int
        let count: Int
        let worker: Int
        var run: DrawOrderSums.Run
        /// Exact mode: row `cell` is `base + cell × stride`, the store itself.
        let store: (base: UnsafeMutablePointer<Double>, stride: Int)?
        let sketch: QuantileSketch?

        init(accumulator: VariantAccumulator, firstDraw: Int, count: Int, worker: Int, run: DrawOrderSums.Run,
             store: (base: UnsafeMutablePointer<Double>, stride: Int)?, sketch: QuantileSketch?) {
            self.accumulator = accumulator
            self.firstDraw = firstDraw
            self.count = count
            self.worker = worker
            self.run = run
            self.store = store
            self.sketch = sketch
        }
    }

    /// A piece for a `YearStream`, or nil when it must come as a chunk's
    /// output: in sketch mode when it holds draws both of the pilot and
    /// after it, or when draws after the pilot split a group of the sums
    /// (their values are gone by `commit`), or when the run was `cancelled`
    /// while it waited for the sketch.
    ///
    /// A piece after the pilot waits until the sketch exists: chunks are
    /// handed out in order, so the pilot's pieces are being simulated by
    /// other workers (or failed, which `cancelled` tells). Keeping the piece
    /// in a copy until then instead was fresh memory and a second pass over
    /// it, for work that a second worker only does because it is there.
    func beginStream(firstDraw: Int, count: Int, worker: Int, cancelled: () -> Bool) -> StreamedPiece? {
        let run = sums.makeRun(first: firstDraw, count: count)
        if exact || firstDraw + count <= pilotLength {
            return StreamedPiece(accumulator: self, firstDraw: firstDraw, count: count, worker: worker, run: run,
                                 store: (store + firstDraw, storeDraws), sketch: nil)
        }
        guard firstDraw >= pilotLength, sums.isWhole(first: firstDraw, count: count) else { return nil }
        lock.lock()
        while sketch == nil, !cancelled() { _ = lock.wait(until: Date(timeIntervalSinceNow: 0.002)) }
        let ready = sketch
        lock.unlock()
        guard let ready else { return nil }
        return StreamedPiece(accumulator: self, firstDraw: firstDraw, count: count, worker: worker, run: run,
                             store: nil, sketch: ready)
    }

    /// The rows of `year` are in `stream`: their group sums, and in sketch
    /// mode their counts (and in the end year the gaps' counts).
    func add(year: Int, of stream: YearStream) {
        let piece = stream.piece!
        let years = layout.years, count = piece.count
        let yearCells = stride(from: year, to: cells, by: years)
        // a cell's bins were last counted into a chunk ago and have left the
        // core's cache since (2.8 MB of them per worker on the benchmark):
        // each cell's are asked for while the one before is counted (4 % of
        // a run on one thread, measured)
        piece.sketch?.prefetch(worker: piece.worker, cell: year)
        sums.sum(rows: yearCells, { UnsafePointer(stream.row($0)) }, into: &piece.run, first: piece.firstDraw)
        guard let sketch = piece.sketch else { return }
        for cell in yearCells {
            if cell + years < cells { sketch.prefetch(worker: piece.worker, cell: cell + years) }
            sketch.add(worker: piece.worker, cell: cell, stream.row(cell), count: count)
        }
        guard year == years - 1 else { return }
        tallyGaps(into: sketch, worker: piece.worker, rows: { UnsafePointer(stream.row($0)) }, count: count,
                  scratch: stream.scratch)
    }

    /// Adds the piece's costs (from `output`) and commits its sums. Returns
    /// true when every draw is in.
    func endStream(_ piece: StreamedPiece, costs output: ChunkOutput) -> Bool {
        let cells = self.cells
        sums.sum(rows: cells..<(cells + costCells), { UnsafePointer(output.costRow($0 - cells)) }, into: &piece.run,
                 first: piece.firstDraw)
        // only pieces in the store (exact, or of the pilot) can split a group
        let row = { (k: Int) -> UnsafePointer<Double> in
            k < cells ? UnsafePointer(piece.store!.base + k * piece.store!.stride) : UnsafePointer(output.costRow(k - cells))
        }
        lock.lock()
        sums.commit(piece.run, row, first: piece.firstDraw, count: piece.count)
        var counted = piece.count
        if !exact, piece.store != nil {
            // a piece of the pilot: counted with the rest of it, by the worker that completes it
            let completes = registerPilot(firstDraw: piece.firstDraw, count: piece.count)
            lock.unlock()
            counted = completes ? makeSketch(worker: piece.worker) : 0
            lock.lock()
        }
        defer { lock.unlock() }
        accounted += counted
        return accounted == draws
    }

    /// The gap to the city in the end year of gap cell `g` (wijk × indicators
    /// + indicator), per draw (+ = worse than the city).
    private func gapRow(_ g: Int, _ rows: (Int) -> UnsafePointer<Double>, count: Int, into out: UnsafeMutablePointer<Double>) {
        let w = g / layout.indicators, i = g % layout.indicators, last = layout.years - 1
        let x = rows((w * layout.indicators + i) * layout.years + last)
        let city = rows((layout.wijken * layout.indicators + i) * layout.years + last)
        let s = layout.lowerBetter[i] ? 1.0 : -1.0
        for d in 0..<count { out[d] = s * (x[d] - city[d]) + 0.0 }
    }

    /// All gap rows, `gapCells` × `count` (for the pilot and exact runs).
    private func gapRows(_ rows: (Int) -> UnsafePointer<Double>, count: Int) -> UnsafeMutablePointer<Double> {
        let gaps = UnsafeMutablePointer<Double>.allocate(capacity: max(1, gapCells * count))
        for g in 0..<gapCells { gapRow(g, rows, count: count, into: gaps + g * count) }
        return gaps
    }

    /// Means and percentiles of every `stripes`-th cell from `stripe` on,
    /// into `out` (and, when paired, differences into `differences`, and the
    /// draws into `keep`); stripes may run on different threads at once.
    func finish(stripe: Int, of stripes: Int, into out: UnsafeMutablePointer<CellStatistics>,
                pairing: Pairing? = nil, differences: UnsafeMutablePointer<DifferenceStatistics>? = nil,
                keep: ReferenceDraws? = nil) {
        let n = Double(draws)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: pairing?.reference == nil ? 1 : draws)
        defer { scratch.deallocate() }
        var cell = stripe
        while cell < cells {
            if exact {
                let row = store + cell * storeDraws
                if let keep { keep.row(cell).update(from: row, count: draws) }
                if let pairing, pairing.reference != nil, let differences {
                    differences[cell] = pairing.difference(cell: cell, row: row, draws: draws, scratch: scratch)
                }
                let p = draws == 1 ? (row[0], row[0], row[0]) : Selection.percentiles(row, count: draws)
                out[cell] = CellStatistics(mean: sums.totals[cell] / n, p05: p.0, p50: p.1, p95: p.2)
            } else if let sketch {
                let q = sketch.quantiles(cell, [0.05, 0.5, 0.95], total: draws)
                out[cell] = CellStatistics(mean: sums.totals[cell] / n, p05: q[0], p50: q[1], p95: q[2])
            }
            cell += stripes
        }
    }

    /// Mean spend per cost cell over the draws.
    func meanCosts() -> [Double] {
        sums.totals[cells...].map { $0 / Double(draws) }
    }

    /// All statistics, on `stripes` threads.
    func finish(stripes: Int, pairing: Pairing?, keep: ReferenceDraws?) -> VariantStatistics {
        // before the percentiles reorder the rows: the gap in each draw needs the city's draw too
        let gaps = exact ? endGaps() : sketchedEndGaps()
        var statistics = [CellStatistics](repeating: CellStatistics(mean: 0, p05: 0, p50: 0, p95: 0), count: cells)
        var differences = [DifferenceStatistics](repeating: .zero, count: pairing?.reference == nil ? 0 : cells)
        statistics.withUnsafeMutableBufferPointer { out in
            differences.withUnsafeMutableBufferPointer { diff in
                let out = out.baseAddress!, diff = diff.baseAddress
                if stripes == 1 {
                    finish(stripe: 0, of: 1, into: out, pairing: pairing, differences: diff, keep: keep)
                } else {
                    DispatchQueue.concurrentPerform(iterations: stripes) {
                        self.finish(stripe: $0, of: stripes, into: out, pairing: pairing, differences: diff, keep: keep)
                    }
                }
            }
        }
        return VariantStatistics(cells: statistics, costs: meanCosts(), differences: differences, endGaps: gaps)
    }

    /// Per (wijk, indicator): the spread over draws of the gap to the city in
    /// the end year, and the share of draws in which it is closed (≤ 0).
    func endGaps() -> [GapDrawStatistics] {
        let rows = store, stride = storeDraws
        let gaps = gapRows({ UnsafePointer(rows + $0 * stride) }, count: draws)
        defer { gaps.deallocate() }
        return (0..<gapCells).map { g in
            let row = gaps + g * draws
            var closed = 0
            for d in 0..<draws { closed += row[d] <= 0 ? 1 : 0 }
            let p = draws == 1 ? (row[0], row[0], row[0]) : Selection.percentiles(row, count: draws)
            return GapDrawStatistics(p05: p.0, p95: p.2, closedShare: Double(closed) / Double(draws))
        }
    }

    /// The same from the gap cells' sketches; the share closed is exact (a count).
    func sketchedEndGaps() -> [GapDrawStatistics] {
        guard let sketch else { return [] }
        return (0..<gapCells).map { g in
            let q = sketch.quantiles(cells + g, [0.05, 0.95], total: draws)
            return GapDrawStatistics(p05: q[0], p95: q[1],
                                     closedShare: Double(sketch.countAtMostZero(cells + g)) / Double(draws))
        }
    }
}
