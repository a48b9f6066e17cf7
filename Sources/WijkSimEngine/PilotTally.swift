import Foundation

/// Percentiles from a pilot, for variants with many draws: the first
/// `pilotDraws` draws (the pilot, in draw order whatever the chunking) make
/// a `PilotSummary` per cell (and per end-year gap), into which every draw
/// is then counted, so that memory does not grow as keeping every draw
/// would: `QuantileWindows` (exact percentiles, about a quarter of the
/// draws kept) where those fit, a `QuantileSketch` (bounded error, memory
/// flat) above.
/// Once the summary exists, workers count their pieces at once, each into
/// its own part. Neither depends on the chunking or the thread count.
///
/// Until the summary exists, pilot draws go into a `DrawStore` and later
/// pieces that come as a chunk's output wait in copies; a streamed piece
/// after the pilot waits for the summary instead (`beginStream`). The worker
/// whose piece completes the pilot makes the summary (windows with the
/// help of the workers that wait) and counts all of that.
final class PilotTally: VariantTally {
    /// What the pilot makes.
    enum Kind {
        /// `QuantileWindows` with intervals `margin` standard deviations wide.
        case windows(margin: Double)
        case sketch

        /// Draws used to make each summary before it starts counting.
        var pilotDraws: Int {
            switch self {
            case .windows: PilotTally.windowsPilotDraws
            case .sketch: PilotTally.sketchPilotDraws
            }
        }
    }

    /// The sketch's ranges need the extremes: a larger pilot.
    static let sketchPilotDraws = 4096
    /// Windows need only ranks near the percentiles, and the other workers
    /// wait while they are made: a smaller one.
    static let windowsPilotDraws = 2048

    let kind: Kind

    let draws: Int
    let cells: Int
    let layout: GapLayout
    /// How many workers may count into the summary.
    let workers: Int
    /// This variant's pilot: its first draws, `pilotDraws` of them where it has as many.
    private let pilotLength: Int
    private let sums: VariantSums

    /// Guards `pilot` (the reference, not its values), `progress`, `early`,
    /// `summary` and `building`; signalled when either of the last two is
    /// set. Values are copied and counted outside it.
    private let lock = NSCondition()
    /// The pilot's draws, each piece writing its own columns; dropped once
    /// the summary has counted them (tens of MB that nothing reads any more,
    /// freed then rather than when the variant is done).
    private var pilot: DrawStore?
    private var progress: PilotProgress
    /// Pieces after the pilot that came as a chunk's output before the summary, copied.
    private var early: [EarlyPiece] = []
    private var summary: (any PilotSummary)?
    /// While the pilot's windows are made: where waiting workers help.
    private var building: QuantileWindows.Builder?
    /// Set by `finish` when the summary could not tell a percentile (`QuantileWindows`).
    private(set) var missed = false
    /// Where `finish` writes the cells' statistics: the variant's row of the run's `CellTable`.
    private let row: CellTable.Row

    struct EarlyPiece {
        var count: Int
        var values: [Double]
    }

    init(draws: Int, cells: Int, costCells: Int, layout: GapLayout, workers: Int, statistics row: CellTable.Row,
         kind: Kind = .sketch) {
        self.row = row
        self.kind = kind
        self.draws = draws
        self.cells = cells
        self.layout = layout
        self.workers = workers
        pilotLength = min(draws, kind.pilotDraws)
        sums = VariantSums(draws: draws, cells: cells, costCells: costCells)
        pilot = DrawStore(cells: cells, draws: pilotLength)
        progress = PilotProgress(length: pilotLength)
    }

    // MARK: Pieces read from a chunk's output

    func add(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int, worker: Int) -> Bool {
        let run = sums.prepare(output, offset: offset, firstDraw: firstDraw, count: count)
        lock.lock()
        let ready = summary, pilot = self.pilot
        lock.unlock()
        let counted: Int
        if let ready {
            tally(output, offset: offset, count: count, into: ready, worker: worker)
            counted = count
        } else {
            // no summary yet, so the pilot is still there
            counted = collect(output, offset: offset, firstDraw: firstDraw, count: count, pilot: pilot!, worker: worker)
        }
        return sums.commit(run, output, offset: offset, firstDraw: firstDraw, count: count, counted: counted)
    }

    /// Before the summary exists: the piece's pilot draws go into the store,
    /// the rest into a copy that waits; both copies are made outside the
    /// lock (pieces own their draws). The worker whose piece completes the
    /// pilot makes the summary and counts what was collected. Returns the
    /// draws this call counted.
    private func collect(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int, pilot: DrawStore,
                         worker: Int) -> Int {
        let inPilot = max(0, min(count, pilotLength - firstDraw))
        if inPilot > 0 { pilot.copy(output, offset: offset, firstDraw: firstDraw, count: inPilot) }
        var rest: EarlyPiece?
        if inPilot < count {
            let n = count - inPilot
            var piece = EarlyPiece(count: n, values: [])
            piece.values.reserveCapacity(cells * n)
            for cell in 0..<cells {
                piece.values.append(contentsOf: UnsafeBufferPointer(start: output.row(cell) + offset + inPilot, count: n))
            }
            rest = piece
        }
        lock.lock()
        if let ready = summary {
            // made while this piece was copied; a piece with pilot draws cannot get here,
            // since the summary waits for every pilot draw
            lock.unlock()
            tally(output, offset: offset, count: count, into: ready, worker: worker)
            return count
        }
        if let rest { early.append(rest) }
        let completes = progress.register(firstDraw: firstDraw, count: inPilot)
        lock.unlock()
        return completes ? makeSummary(worker: worker) : 0
    }

    // MARK: Pieces recorded year by year

    /// A piece of the pilot records into the store; one after it waits
    /// until the summary exists: chunks are handed out in order, so the
    /// pilot's pieces are being simulated by other workers (or failed,
    /// which `cancelled` tells). Keeping the piece in a copy until then
    /// instead was fresh memory and a second pass over it, for work that a
    /// second worker only does because it is there. Nil (read after its
    /// chunk) for a piece with draws both of the pilot and after it, one
    /// whose draws after the pilot split a group of the sums (their values
    /// are gone by the commit), or when the run was cancelled.
    func beginStream(firstDraw: Int, count: Int, worker: Int, cancelled: () -> Bool) -> StreamedPiece? {
        let run = sums.makeRun(firstDraw: firstDraw, count: count)
        if firstDraw + count <= pilotLength {
            lock.lock()
            let pilot = self.pilot!   // dropped only once this piece, too, is in
            lock.unlock()
            return StreamedPiece(tally: self, firstDraw: firstDraw, count: count, worker: worker, run: run,
                                 store: pilot.columns(from: firstDraw), summary: nil)
        }
        guard firstDraw >= pilotLength, sums.isWhole(firstDraw: firstDraw, count: count) else { return nil }
        lock.lock()
        while summary == nil, !cancelled() {
            if let building, building.hasWork {
                // the windows are being made: make some of them rather than wait
                lock.unlock()
                building.work()
                lock.lock()
            } else {
                _ = lock.wait(until: Date(timeIntervalSinceNow: 0.002))
            }
        }
        let ready = summary
        lock.unlock()
        guard let ready else { return nil }
        return StreamedPiece(tally: self, firstDraw: firstDraw, count: count, worker: worker, run: run,
                             store: nil, summary: ready)
    }

    /// The year's group sums and, after the pilot, its counts (and in the
    /// end year the gaps' counts), while the rows are in the core's cache.
    func add(year: Int, of stream: YearStream) {
        let piece = stream.piece!
        let years = layout.years
        let yearCells = stride(from: year, to: cells, by: years)
        // a cell's bins were last counted into a chunk ago and have left the
        // core's cache since (2.8 MB of them per worker on the benchmark):
        // each cell's are asked for while the one before is counted (4 % of
        // a run on one thread, measured)
        piece.summary?.prefetch(worker: piece.worker, cell: year)
        sums.sum(yearCells, of: stream)
        guard let summary = piece.summary else { return }
        for cell in yearCells {
            if cell + years < cells { summary.prefetch(worker: piece.worker, cell: cell + years) }
            summary.add(worker: piece.worker, cell: cell, stream.row(cell), count: piece.count)
        }
        guard year == years - 1 else { return }
        tallyGaps(into: summary, worker: piece.worker, rows: { UnsafePointer(stream.row($0)) }, count: piece.count,
                  scratch: stream.scratch)
    }

    func endStream(_ piece: StreamedPiece, costs output: ChunkOutput) -> Bool {
        guard piece.store != nil else { return sums.commit(piece, costs: output, counted: piece.count) }
        // a piece of the pilot: counted with the rest of it, by the worker that completes it
        let completedBySums = sums.commit(piece, costs: output, counted: 0)
        lock.lock()
        let completes = progress.register(firstDraw: piece.firstDraw, count: piece.count)
        lock.unlock()
        guard completes else { return completedBySums }
        return sums.count(makeSummary(worker: piece.worker)) || completedBySums
    }

    // MARK: The pilot and the summary

    /// Called once, by the worker whose piece completed the pilot: makes
    /// the summary (workers waiting for it go on), counts the pilot and the
    /// pieces that came early into `worker`'s histograms. Returns the draws
    /// counted.
    private func makeSummary(worker: Int) -> Int {
        let (made, waiting) = makeSummaryFromPilot(worker: worker)
        var total = pilotLength
        for piece in waiting {
            piece.values.withUnsafeBufferPointer { values in
                tally(rows: { values.baseAddress! + $0 * piece.count }, count: piece.count, into: made, worker: worker)
            }
            total += piece.count
        }
        return total
    }

    /// Makes the summary from the pilot, makes it known and
    /// takes the early pieces, counts the pilot and drops the store: no
    /// piece writes it once the summary exists, nor does `finish` read it.
    private func makeSummaryFromPilot(worker: Int) -> (any PilotSummary, early: [EarlyPiece]) {
        lock.lock()
        let pilot = self.pilot!
        lock.unlock()
        let n = pilotLength, cells = self.cells
        let pilotGaps = layout.gapRows({ UnsafePointer(pilot.row($0)) }, count: n)
        defer { pilotGaps.deallocate() }
        let rows = { $0 < cells ? UnsafePointer(pilot.row($0)) : UnsafePointer(pilotGaps + ($0 - cells) * n) }
        let made: any PilotSummary
        switch kind {
        case .windows(let margin):
            // workers that wait for the summary take blocks of cells too (`beginStream`)
            let builder = QuantileWindows.Builder(cells: cells + layout.gapCells, pilot: rows, count: n, draws: draws,
                                                  workers: workers, margin: margin)
            lock.lock()
            building = builder
            lock.broadcast()
            lock.unlock()
            builder.work()
            made = builder.make()
        case .sketch:
            made = QuantileSketch(cells: cells + layout.gapCells, pilot: rows, count: n, workers: workers)
        }
        lock.lock()
        building = nil
        summary = made
        self.pilot = nil
        let waiting = early
        early = []
        lock.broadcast()
        lock.unlock()
        tally(rows: { UnsafePointer(pilot.row($0)) }, count: n, into: made, worker: worker)
        return (made, waiting)
    }

    // MARK: Counting into the summary

    /// Counts a chunk's piece into `worker`'s histograms.
    private func tally(_ output: ChunkOutput, offset: Int, count: Int, into summary: any PilotSummary, worker: Int) {
        self.tally(rows: { UnsafePointer(output.row($0) + offset) }, count: count, into: summary, worker: worker)
    }

    /// Counts one piece's values and its end-year gaps into `worker`'s histograms.
    private func tally(rows: (Int) -> UnsafePointer<Double>, count: Int, into summary: any PilotSummary, worker: Int) {
        for cell in 0..<cells { summary.add(worker: worker, cell: cell, rows(cell), count: count) }
        let gap = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
        defer { gap.deallocate() }
        tallyGaps(into: summary, worker: worker, rows: rows, count: count, scratch: gap)
    }

    /// Counts the end-year gaps of `count` draws into the gap cells, one gap
    /// row at a time in `scratch`, each counted before the next is made (a
    /// buffer for all of them was a fresh mmap, and its page faults, per piece).
    private func tallyGaps(into summary: any PilotSummary, worker: Int, rows: (Int) -> UnsafePointer<Double>, count: Int,
                           scratch: UnsafeMutablePointer<Double>) {
        for g in 0..<layout.gapCells {
            layout.gapRow(g, rows, count: count, into: scratch)
            summary.add(worker: worker, cell: cells + g, scratch, count: count)
        }
    }

    // MARK: Statistics

    func finish(stripes: Int, pairing: Pairing?, keep: DrawStore?) -> VariantStatistics {
        precondition(pairing == nil && keep == nil, "paired runs keep their draws: every draw stored")
        lock.lock()
        let summary = self.summary!   // every draw is in, so the pilot was counted
        lock.unlock()
        let told = Flag()
        row.write { out in
            cellStatistics(into: out, stripes: stripes) { stripe, out in
                for cell in stride(from: stripe, to: cells, by: stripes) {
                    guard let p = summary.percentiles(cell, total: draws) else {
                        told.set()
                        continue
                    }
                    out[cell] = CellStatistics(mean: sums.mean(cell), p05: p.p05, p50: p.p50, p95: p.p95)
                }
            }
        }
        let gaps = endGaps(summary)
        missed = told.isSet || gaps == nil
        return VariantStatistics(costs: sums.meanCosts(), endGaps: gaps ?? [])
    }

    /// The end-year gaps from the gap cells' summaries (nil when one could
    /// not tell them); the share closed is exact (a count).
    private func endGaps(_ summary: any PilotSummary) -> [GapDrawStatistics]? {
        var gaps: [GapDrawStatistics] = []
        for g in 0..<layout.gapCells {
            guard let p = summary.percentiles(cells + g, total: draws) else { return nil }
            gaps.append(GapDrawStatistics(p05: p.p05, p95: p.p95,
                                          closedShare: Double(summary.countAtMostZero(cells + g)) / Double(draws)))
        }
        return gaps
    }
}
