import Foundation

/// Reduces the draws of one variant as they arrive from the workers, in
/// draw order (pieces that arrive early wait, copied), so that sums and the
/// pilot of a sketch do not depend on timing. Small runs keep every draw
/// and get exact percentiles; large runs keep a `QuantileSketch` per cell,
/// so memory does not grow with the number of draws.
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
        store = .allocate(capacity: max(1, cells * storeDraws))
    }

    deinit { store.deallocate() }

    /// Adds draws firstDraw..<firstDraw+count, read from `output` at block
    /// offset `offset`. Returns the statistics once the last draw is in.
    func add(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int) -> VariantStatistics? {
        lock.lock(); defer { lock.unlock() }
        if firstDraw != nextDraw {
            var piece = Piece(firstDraw: firstDraw, count: count, values: [], costs: [])
            piece.values.reserveCapacity(cells * count)
            for cell in 0..<cells { piece.values.append(contentsOf: UnsafeBufferPointer(start: output.row(cell) + offset, count: count)) }
            for cell in 0..<costCells { piece.costs.append(contentsOf: UnsafeBufferPointer(start: output.costRow(cell) + offset, count: count)) }
            pending[firstDraw] = piece
            return nil
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
        return nextDraw == draws ? finish() : nil
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

    private func finish() -> VariantStatistics {
        let n = Double(draws)
        var statistics: [CellStatistics] = []
        statistics.reserveCapacity(cells)
        for cell in 0..<cells {
            let mean = sums[cell] / n
            if exact {
                let row = store + cell * storeDraws
                if draws == 1 {
                    statistics.append(CellStatistics(mean: mean, p05: row[0], p50: row[0], p95: row[0]))
                } else {
                    let p05 = Selection.quantile(row, count: draws, 0.05)
                    let p50 = Selection.quantile(row, count: draws, 0.5)
                    let p95 = Selection.quantile(row, count: draws, 0.95)
                    statistics.append(CellStatistics(mean: mean, p05: p05, p50: p50, p95: p95))
                }
            } else {
                let sketch = sketches[cell]
                statistics.append(CellStatistics(mean: mean, p05: sketch.quantile(0.05), p50: sketch.quantile(0.5), p95: sketch.quantile(0.95)))
            }
        }
        return VariantStatistics(cells: statistics, costs: costSums.map { $0 / n })
    }
}

/// One variant's statistics over its draws.
struct VariantStatistics {
    var cells: [CellStatistics]
    var costs: [Double]
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
    private(set) var finished: [VariantStatistics?]

    /// Exact percentiles while one variant's draws fit in this many values.
    static let exactValueLimit = 1 << 24

    init(plan: Plan, blocksPerChunk: Int, forceExact: Bool? = nil) {
        self.plan = plan
        cells = (plan.wijkCount + 1) * plan.indicatorCount * plan.yearCount
        costCells = plan.instances.count * plan.stepCount
        exact = forceExact ?? (plan.draws * cells <= Aggregator.exactValueLimit || plan.draws <= VariantAccumulator.pilotDraws)
        maxPieceDraws = blocksPerChunk
        finished = Array(repeating: nil, count: plan.variants)
    }

    func accept(_ output: ChunkOutput) {
        var offset = 0
        while offset < output.blocks {
            let block = output.firstBlock + offset
            let variant = block / plan.draws, draw = block % plan.draws
            let count = min(output.blocks - offset, plan.draws - draw)
            let accumulator = self.accumulator(variant)
            if let statistics = accumulator.add(output, offset: offset, firstDraw: draw, count: count) {
                lock.lock()
                finished[variant] = statistics
                open[variant] = nil
                lock.unlock()
            }
            offset += count
        }
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
