import Dispatch
import Foundation
import WijkSimModel

/// Every draw of a few cells of one variant, as they are simulated: what
/// `monitor` and `learn` (CONTRACT §11) need, without the statistics of
/// every other cell that `Engine.run` computes. Cells are indexed as in
/// `Results` (`(wijk × indicators + indicator) × years + yearIndex`, the city
/// as wijk `wijkCount`).
package struct WatchedDraws: Sendable {
    package let cells: [Int]
    package let draws: Int
    /// `values[k][d]`: cell `cells[k]` in draw d.
    package let values: [[Double]]

    package func values(ofCell cell: Int) -> [Double]? {
        cells.firstIndex(of: cell).map { values[$0] }
    }
}

extension Plan {
    /// The index of a cell in `Results` and `WatchedDraws`.
    package func cell(wijk: Int, indicator: Int, yearIndex: Int) -> Int {
        (wijk * indicatorCount + indicator) * yearCount + yearIndex
    }
}

extension Engine {
    /// Runs the draws of `variant` and keeps only `cells`, each draw's value:
    /// no percentiles, no costs, nothing else kept. Chunks are the same as a
    /// run's and each draw lands in its own column, so the values do not
    /// depend on `threads`.
    package static func watch(_ plan: Plan, variant: Int = 0, cells: [Int], threads: Int,
                              progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> WatchedDraws {
        let watched = Array(Set(cells)).sorted()
        let store = DrawStore(cells: max(watched.count, 1), draws: plan.draws)
        let perChunk = blocksPerChunk(for: plan)
        let schedule = ChunkSchedule(blocks: plan.draws, perChunk: perChunk)
        let firstBlock = variant * plan.draws
        let costCells = plan.instances.count * plan.stepCount * (plan.trace == nil ? 1 : 2)
        let totalCells = (plan.wijkCount + 1) * plan.indicatorCount * plan.yearCount
        var slot = [Int](repeating: -1, count: totalCells)
        for (k, cell) in watched.enumerated() { slot[cell] = k }
        let slots = slot
        try ChunkCoordinator.run(plan, blocksPerChunk: perChunk, chunks: schedule.count, threads: threads,
                                 progress: progress) { _, worker, _ in
            let costs = ChunkOutput(capacityBlocks: perChunk, cells: 0, costCells: costCells)
            let target = WatchTarget(slots: slots, store: store, sinkCapacity: worker.stepBlocks)
            return { chunk in
                let (first, count) = schedule.chunk(chunk)
                target.firstDraw = first
                try worker.run(firstBlock: firstBlock + first, blockCount: count, recording: target, costs: costs)
            }
        }
        let values = watched.indices.map { k in Array(UnsafeBufferPointer(start: store.row(k), count: plan.draws)) }
        return WatchedDraws(cells: watched, draws: plan.draws, values: values)
    }
}

/// Records the watched cells of a chunk into their draws' columns and lets
/// every other row fall into one scratch row that nobody reads.
final class WatchTarget: RecordTarget {
    let slots: [Int]
    let store: DrawStore
    let sink: UnsafeMutablePointer<Double>
    /// The chunk's first draw (its column in the store).
    var firstDraw = 0

    init(slots: [Int], store: DrawStore, sinkCapacity: Int) {
        self.slots = slots
        self.store = store
        sink = .allocate(capacity: max(1, sinkCapacity))
    }

    deinit { sink.deallocate() }

    func row(_ cell: Int, column: Int) -> UnsafeMutablePointer<Double> {
        let k = slots[cell]
        return k < 0 ? sink : store.row(k) + firstDraw + column
    }

    func recorded(year: Int) {}
}
