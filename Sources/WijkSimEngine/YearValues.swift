import Dispatch
import WijkSimModel

/// Every draw's value of every wijk (and the city, as wijk `wijkCount`)
/// and indicator in one year: what `sensitivity` analyses, one draw per
/// design point (CONTRACT §12). Rows are `wijk × indicators + indicator`,
/// each holding the draws in draw order.
package final class YearValues: @unchecked Sendable {  // unchecked: workers write disjoint columns of `base`; read after the run
    package let draws: Int
    package let rows: Int
    let base: UnsafeMutablePointer<Double>

    init(rows: Int, draws: Int) {
        self.rows = rows
        self.draws = draws
        base = .allocate(capacity: max(1, rows * draws))
        base.initialize(repeating: 0, count: max(1, rows * draws))
    }

    deinit { base.deallocate() }

    package func row(_ row: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: base + row * draws, count: draws)
    }

    /// Every wijk's value becomes its gap to the city in the same draw
    /// (positive = worse than the city), the city's own rows 0.
    func toGaps(_ plan: Plan) {
        let indicators = plan.indicatorCount, w = plan.wijkCount
        for (i, indicator) in plan.city.indicators.enumerated() {
            let sign: Double = indicator.polarity == .higherBetter ? -1 : 1
            let city = base + (w * indicators + i) * draws
            for wijk in 0..<w {
                let row = base + (wijk * indicators + i) * draws
                for d in 0..<draws { row[d] = sign * (row[d] - city[d]) }
            }
            city.update(repeating: 0, count: draws)
        }
    }
}

/// Where a worker records a chunk when only one year is wanted: that
/// year's rows go straight into the `YearValues` at the chunk's draws, the
/// other years into a scratch slab that is overwritten year after year.
final class YearCapture: RecordTarget {
    let store: YearValues
    let years: Int
    let yearIndex: Int
    let capacityBlocks: Int
    let slab: UnsafeMutablePointer<Double>
    var firstBlock = 0

    init(store: YearValues, years: Int, yearIndex: Int, capacityBlocks: Int) {
        self.store = store
        self.years = years
        self.yearIndex = yearIndex
        self.capacityBlocks = capacityBlocks
        slab = .allocate(capacity: max(1, store.rows * capacityBlocks))
    }

    deinit { slab.deallocate() }

    func row(_ cell: Int, column: Int) -> UnsafeMutablePointer<Double> {
        let row = cell / years
        if cell % years == yearIndex { return store.base + row * store.draws + firstBlock + column }
        return slab + row * capacityBlocks + column
    }

    func recorded(year: Int) {}
}

extension Engine {
    /// Runs every draw of the plan's first variant and keeps the values of
    /// `year` only: no percentiles, no means, no costs. Chunks are handed
    /// out as in `run`, and each draw's lanes are computed alone, so the
    /// values do not depend on the threads or the chunking.
    package static func yearValues(_ plan: Plan, year: Int, threads: Int,
                                   blocksPerChunk chunkBlocks: Int? = nil) throws -> YearValues {
        var plan = plan
        plan.variants = 1
        plan.trace = nil
        let rows = (plan.wijkCount + 1) * plan.indicatorCount
        let store = YearValues(rows: rows, draws: plan.draws)
        let perChunk = chunkBlocks ?? blocksPerChunk(for: plan)
        let schedule = ChunkSchedule(blocks: plan.blockCount, perChunk: perChunk, splitTail: chunkBlocks == nil)
        let yearIndex = year - plan.firstYear
        let frozen = plan
        try ChunkCoordinator.run(frozen, blocksPerChunk: perChunk, chunks: schedule.count, threads: threads) { _, worker, _ in
            let costs = ChunkOutput(capacityBlocks: perChunk, cells: 0,
                                    costCells: frozen.instances.count * frozen.stepCount)
            let capture = YearCapture(store: store, years: frozen.yearCount, yearIndex: yearIndex, capacityBlocks: perChunk)
            return { chunk in
                let (first, count) = schedule.chunk(chunk)
                capture.firstBlock = first
                try worker.run(firstBlock: first, blockCount: count, recording: capture, costs: costs)
            }
        }
        return store
    }
}
