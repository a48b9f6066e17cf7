import Foundation

/// Reduces the draws of one variant as they arrive from the workers.
/// Runs whose draws fit keep every draw (each piece in its own columns) and
/// get exact percentiles, sums taken in draw order at the end. Larger runs
/// fold pieces in draw order (early ones wait, copied), so sums and each
/// sketch's pilot do not depend on timing, and keep a `QuantileSketch` per
/// cell, so memory does not grow with the number of draws.
final class VariantAccumulator {
    let draws: Int
    let cells: Int
    let costCells: Int
    let exact: Bool
    let lock = NSLock()
    private var nextDraw = 0
    private var pending: [Int: Piece] = [:]
    private var sums: [Double]
    private var costSums: [Double]
    /// Exact mode: every draw, `store[cell × draws + draw]`; sketch mode: the pilot draws.
    private var store: UnsafeMutablePointer<Double>
    private let storeDraws: Int
    /// Exact mode: every draw's costs, `costStore[cell × draws + draw]`.
    private var costStore: UnsafeMutablePointer<Double>
    private var received = 0
    private var sketches: [QuantileSketch] = []

    /// Draws used to set each sketch's range before it starts counting.
    static let pilotDraws = 4096

    struct Piece {
        var firstDraw: Int
        var count: Int
        var values: [Double]
        var costs: [Double]
    }

    init(draws: Int, cells: Int, costCells: Int, exact: Bool, maxPieceDraws: Int) {
        self.draws = draws
        self.cells = cells
        self.costCells = costCells
        self.exact = exact
        sums = [Double](repeating: 0, count: cells)
        costSums = [Double](repeating: 0, count: costCells)
        storeDraws = exact ? draws : min(draws, VariantAccumulator.pilotDraws + maxPieceDraws)
        store = LargeBuffer.allocate(cells * storeDraws)
        costStore = LargeBuffer.allocate(exact ? costCells * draws : 1)
    }

    deinit {
        LargeBuffer.deallocate(store, count: cells * storeDraws)
        LargeBuffer.deallocate(costStore, count: exact ? costCells * draws : 1)
    }

    /// Adds draws firstDraw..<firstDraw+count, read from `output` at block
    /// offset `offset`. Returns true once the last draw is in.
    func add(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int) -> Bool {
        if exact { return addExact(output, offset: offset, firstDraw: firstDraw, count: count) }
        lock.lock(); defer { lock.unlock() }
        if firstDraw != nextDraw {
            var piece = Piece(firstDraw: firstDraw, count: count, values: [], costs: [])
            piece.values.reserveCapacity(cells * count)
            for cell in 0..<cells { piece.values.append(contentsOf: UnsafeBufferPointer(start: output.row(cell) + offset, count: count)) }
            for cell in 0..<costCells { piece.costs.append(contentsOf: UnsafeBufferPointer(start: output.costRow(cell) + offset, count: count)) }
            pending[firstDraw] = piece
            return false
        }
        fold(values: { output.row($0) + offset }, costs: { output.costRow($0) + offset }, count: count)
        while let piece = pending.removeValue(forKey: nextDraw) {
            piece.values.withUnsafeBufferPointer { values in
                piece.costs.withUnsafeBufferPointer { costs in
                    let v = UnsafeMutablePointer(mutating: values.baseAddress!)
                    let c = costs.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                    fold(values: { v + $0 * piece.count }, costs: { c! + $0 * piece.count }, count: piece.count)
                }
            }
        }
        return nextDraw == draws
    }

    /// Exact mode needs no order: each piece lands in its own columns of the
    /// store (no lock), and `finish` sums every row in draw order.
    private func addExact(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int) -> Bool {
        for cell in 0..<cells {
            (store + cell * storeDraws + firstDraw).update(from: output.row(cell) + offset, count: count)
        }
        for cell in 0..<costCells {
            (costStore + cell * draws + firstDraw).update(from: output.costRow(cell) + offset, count: count)
        }
        lock.lock()
        received += count
        let complete = received == draws
        lock.unlock()
        return complete
    }

    private func fold(values: (Int) -> UnsafeMutablePointer<Double>, costs: (Int) -> UnsafeMutablePointer<Double>, count: Int) {
        for cell in 0..<cells {
            let row = values(cell)
            var sum = sums[cell]
            for d in 0..<count { sum += row[d] }
            sums[cell] = sum
        }
        for cell in 0..<costCells {
            let row = costs(cell)
            var sum = costSums[cell]
            for d in 0..<count { sum += row[d] }
            costSums[cell] = sum
        }
        if exact || sketches.isEmpty {
            for cell in 0..<cells { (store + cell * storeDraws + nextDraw).update(from: values(cell), count: count) }
        } else {
            for cell in 0..<cells { sketches[cell].add(values(cell), count: count) }
        }
        nextDraw += count
        if !exact, sketches.isEmpty, nextDraw >= min(draws, VariantAccumulator.pilotDraws) {
            sketches = (0..<cells).map { QuantileSketch(pilot: store + $0 * storeDraws, count: nextDraw) }
        }
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
                var sum = 0.0
                for d in 0..<draws { sum += row[d] }
                let p = draws == 1 ? (row[0], row[0], row[0]) : Selection.percentiles(row, count: draws)
                out[cell] = CellStatistics(mean: sum / n, p05: p.0, p50: p.1, p95: p.2)
            } else {
                let sketch = sketches[cell]
                out[cell] = CellStatistics(mean: sums[cell] / n, p05: sketch.quantile(0.05), p50: sketch.quantile(0.5), p95: sketch.quantile(0.95))
            }
            cell += stripes
        }
    }

    /// Mean spend per cost cell over the draws (summed in draw order).
    func meanCosts() -> [Double] {
        if exact {
            for cell in 0..<costCells {
                var sum = 0.0
                for d in 0..<draws { sum += costStore[cell * draws + d] }
                costSums[cell] = sum
            }
        }
        return costSums.map { $0 / Double(draws) }
    }

    /// All statistics, on `stripes` threads.
    func finish(stripes: Int, pairing: Pairing?, keep: ReferenceDraws?, layout: GapLayout) -> VariantStatistics {
        // before the percentiles reorder the rows: the gap in each draw needs the city's draw too
        let gaps = exact ? endGaps(layout) : []
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
    func endGaps(_ layout: GapLayout) -> [GapDrawStatistics] {
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: draws)
        defer { scratch.deallocate() }
        var result: [GapDrawStatistics] = []
        result.reserveCapacity(layout.wijken * layout.indicators)
        let last = layout.years - 1
        for w in 0..<layout.wijken {
            for i in 0..<layout.indicators {
                let x = store + ((w * layout.indicators + i) * layout.years + last) * storeDraws
                let city = store + ((layout.wijken * layout.indicators + i) * layout.years + last) * storeDraws
                let s = layout.lowerBetter[i] ? 1.0 : -1.0
                var closed = 0
                for d in 0..<draws {
                    let gap = s * (x[d] - city[d]) + 0.0
                    scratch[d] = gap
                    closed += gap <= 0 ? 1 : 0
                }
                let p = draws == 1 ? (scratch[0], scratch[0], scratch[0]) : Selection.percentiles(scratch, count: draws)
                result.append(GapDrawStatistics(p05: p.0, p95: p.2, closedShare: Double(closed) / Double(draws)))
            }
        }
        return result
    }
}

/// Where the gap cells are: enough of the plan to compute gaps per draw.
struct GapLayout {
    var wijken: Int
    var indicators: Int
    var years: Int
    var lowerBetter: [Bool]

    init(_ plan: Plan) {
        wijken = plan.wijkCount
        indicators = plan.indicatorCount
        years = plan.yearCount
        lowerBetter = plan.city.indicators.map { $0.polarity == .lowerBetter }
    }
}

/// The gap to the city in the end year over the draws (+ = worse than the
/// city): its p05 and p95, and the share of draws in which it is closed.
public struct GapDrawStatistics: Equatable {
    public var p05: Double
    public var p95: Double
    public var closedShare: Double
}

/// One variant's statistics over its draws.
struct VariantStatistics {
    var cells: [CellStatistics]
    var costs: [Double]
    /// Per cell, against the reference draws; empty when not paired.
    var differences: [DifferenceStatistics] = []
    /// Per (wijk, indicator), the end-year gap over draws; empty for sketched runs.
    var endGaps: [GapDrawStatistics] = []
}

/// Routes each chunk's blocks to their variants' accumulators and keeps the
/// finished statistics. Only a few variants are open at a time (chunks are
/// handed out in variant order), so memory is bounded by those.
final class Aggregator: @unchecked Sendable {
    let plan: Plan
    let cells: Int
    let costCells: Int
    let exact: Bool
    let maxPieceDraws: Int
    private let lock = NSLock()
    private var open: [Int: VariantAccumulator] = [:]
    private var deferred: [Int] = []
    private(set) var finished: [VariantStatistics?]

    /// Exact percentiles while one variant's draws fit in this many values
    /// (768 MiB); beyond it a `QuantileSketch` per cell keeps memory flat.
    static let exactValueLimit = 96 << 20

    let threads: Int

    /// Set when this run is compared with a reference, or is the reference.
    let pairing: Pairing?
    /// The reference's draws of variant 0, kept when `pairing.keepVariantZero`.
    let kept: ReferenceDraws?

    init(plan: Plan, blocksPerChunk: Int, threads: Int, forceExact: Bool? = nil, pairing: Pairing? = nil) {
        self.plan = plan
        self.threads = threads
        self.pairing = pairing
        cells = (plan.wijkCount + 1) * plan.indicatorCount * plan.yearCount
        // costs per instance and step, then (for explain) contributions per instance and step
        costCells = plan.instances.count * plan.stepCount * (plan.trace == nil ? 1 : 2)
        exact = pairing != nil || (forceExact ?? (plan.draws * cells <= Aggregator.exactValueLimit || plan.draws <= VariantAccumulator.pilotDraws))
        maxPieceDraws = blocksPerChunk
        kept = pairing?.keepVariantZero == true ? ReferenceDraws(draws: plan.draws, cells: cells) : nil
        finished = Array(repeating: nil, count: plan.variants)
    }

    /// Folds a chunk into its variants. A variant that completes while
    /// chunks remain is finished here (the other workers are busy anyway);
    /// one that completes at the end waits for `finishDeferred`, which
    /// spreads its cells over all threads.
    func accept(_ output: ChunkOutput, moreChunks: Bool) {
        var offset = 0
        while offset < output.blocks {
            let block = output.firstBlock + offset
            let variant = block / plan.draws, draw = block % plan.draws
            let count = min(output.blocks - offset, plan.draws - draw)
            let accumulator = self.accumulator(variant)
            if accumulator.add(output, offset: offset, firstDraw: draw, count: count) {
                if moreChunks || threads == 1 {
                    let statistics = accumulator.finish(stripes: 1, pairing: pairing, keep: variant == 0 ? kept : nil, layout: GapLayout(plan))
                    lock.lock()
                    finished[variant] = statistics
                    open[variant] = nil
                    lock.unlock()
                } else {
                    lock.lock()
                    deferred.append(variant)
                    lock.unlock()
                }
            }
            offset += count
        }
    }

    /// Finishes the variants that completed last, their cells split over threads.
    func finishDeferred() {
        for variant in deferred.sorted() {
            guard let accumulator = open[variant] else { continue }
            let stripes = min(threads, max(1, cells / 64))
            finished[variant] = accumulator.finish(stripes: stripes, pairing: pairing, keep: variant == 0 ? kept : nil, layout: GapLayout(plan))
            open[variant] = nil
        }
        deferred = []
    }

    private func accumulator(_ variant: Int) -> VariantAccumulator {
        lock.lock(); defer { lock.unlock() }
        if let existing = open[variant] { return existing }
        let created = VariantAccumulator(draws: plan.draws, cells: cells, costCells: costCells, exact: exact,
                                         maxPieceDraws: maxPieceDraws)
        open[variant] = created
        return created
    }
}
