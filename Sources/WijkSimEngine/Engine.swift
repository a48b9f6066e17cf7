import Dispatch
import Foundation
import WijkSimModel

/// Runs a plan over all its lanes: chunks of whole (variant, draw) blocks
/// are handed out in order to `threads` workers, each with its own Lua
/// state. The chunk size is fixed by the plan, never by the thread count,
/// and results are reduced in block order, so any `--threads` gives
/// byte-identical output.
package enum Engine {
    /// Up to this many lanes per Lua step: Lua's cost per call (about a
    /// microsecond) is spread over thousands of lanes; measured best between
    /// 4,096 and 16,384 lanes on the benchmark.
    package static let lanesPerStep = 8192

    /// Up to this many lanes per chunk, the unit workers take and the
    /// aggregation folds: one Lua step's worth. Chunks of up to 65,536 lanes
    /// were measured too; they only moved more output through memory.
    package static let maxLanesPerChunk = 8192

    /// Depends on the plan only (never on the thread count): half the
    /// plan's blocks, of 1,024 to `maxLanesPerChunk` lanes; a multiple of
    /// `DrawOrderSums.group` blocks where that is possible, so that a
    /// chunk's draws are whole groups and no group is split between two
    /// chunks. Every chunk costs one Lua call per instance and year, and on
    /// a Groningen programme (23 instances, most reaching 5 to 8 of 18
    /// wijken) those calls were a third of a 1,000-draw run when chunks were
    /// 64 blocks (about 16 chunks): 448 blocks (three chunks) took a `serve`
    /// request from 126 to 70 ms of CPU together with the rest of issue 19's
    /// work. Larger runs meet the lane cap first, as before; a small run
    /// keeps only two or three threads busy on a larger machine, where it
    /// takes tens of milliseconds anyway.
    package static func blocksPerChunk(for plan: Plan) -> Int {
        let w = max(plan.wijkCount, 1)
        let most = max(1, maxLanesPerChunk / w)
        let blocks = min(most, max(max(1, 1024 / w), plan.blockCount / 2))
        let group = DrawOrderSums.group
        if blocks >= group { return blocks / group * group }
        // up to one whole group where a step holds it: chunks that split
        // groups keep their edge draws in copies until the neighbour arrives
        // (62-block chunks made that a tenth of a 1,000-draw run of 18 wijken)
        return most >= group ? group : blocks
    }

    /// A run of some wijken only (`Plan.untouched`): a `serve` request, on a
    /// thread of its own when others wait. Its chunks count the lanes it
    /// simulates, not the city's, and there are as many as threads where the
    /// lane cap allows: each chunk costs a Lua call per instance and year,
    /// and a Groningen programme's request re-runs 5 to 13 of 18 wijken, so
    /// `blocksPerChunk(for:)` would cut it into three chunks of a few
    /// thousand lanes. Sums and percentiles do not depend on the chunking.
    static func blocksPerChunk(simulating wijken: Int, of plan: Plan, threads: Int) -> Int {
        let group = DrawOrderSums.group
        let most = max(1, maxLanesPerChunk / max(wijken, 1))
        let share = (plan.blockCount + max(threads, 1) - 1) / max(threads, 1)
        let whole = (share + group - 1) / group * group
        if whole <= most { return whole }
        return most >= group ? most / group * group : most
    }

    /// `blocksPerChunk`, `exactPercentiles` and `percentiles` are for tests:
    /// the chunking does not matter, the sketch agrees with exact
    /// percentiles, and exact windows give the bits of every draw stored.
    /// `exactPercentiles` true stores every draw, false sketches;
    /// `percentiles` names the method outright. `keepPercentiles` false:
    /// the results keep only the means (`CellTable`), for a caller that
    /// reads nothing else (the terminal summary of a sweep).
    package static func run(_ plan: Plan, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           blocksPerChunk chunkBlocks: Int? = nil,
                           exactPercentiles: Bool? = nil,
                           percentiles: PercentileMethod? = nil,
                           keepPercentiles: Bool = true,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Results {
        let method = percentiles ?? exactPercentiles.map { $0 ? .stored : .sketched }
        return try run(plan, threads: threads, blocksPerChunk: chunkBlocks, method: method,
                       pairing: nil, keepPercentiles: keepPercentiles, progress: progress).results
    }

    /// `coupled`: some step read `ctx.city` or a rule spent (`UntouchedWijken`).
    /// `method` nil: the engine's choice (`Aggregator.method`).
    static func run(_ plan: Plan, threads: Int, blocksPerChunk chunkBlocks: Int?, method: PercentileMethod?,
                    pairing: Pairing?, keepPercentiles: Bool = true,
                    progress: (@Sendable (Int, Int) -> Void)?) throws -> (results: Results, kept: DrawStore?, differences: [[DifferenceStatistics]], coupled: Bool) {
        // untouched wijken are read back from the rows: those of an exact, compared run's draw store
        precondition(plan.untouched == nil || (pairing?.reference != nil && method == .stored),
                     "untouched wijken only in an exact compared run")
        let perChunk = chunkBlocks ?? (plan.untouched.map { blocksPerChunk(simulating: $0.simulated.count, of: plan, threads: threads) }
            ?? blocksPerChunk(for: plan))
        let coupled = Flag()
        let aggregator = Aggregator(plan: plan, blocksPerChunk: perChunk, threads: threads, method: method,
                                    pairing: pairing, keepsPercentiles: keepPercentiles)
        let schedule = ChunkSchedule(blocks: plan.blockCount, perChunk: perChunk, splitTail: chunkBlocks == nil,
                                     cuts: chunkBlocks == nil ? aggregator.chunkCuts : [])
        try ChunkCoordinator.run(plan, blocksPerChunk: perChunk, chunks: schedule.count, threads: threads,
                                 progress: progress) { index, worker, coordinator in
            let output = ChunkOutput(capacityBlocks: perChunk, cells: aggregator.cells, costCells: aggregator.costCells)
            let stream = YearStream(years: plan.yearCount, rowsPerYear: (plan.wijkCount + 1) * plan.indicatorCount,
                                    capacityBlocks: min(perChunk, worker.stepBlocks))
            return { chunk in
                let (first, count) = schedule.chunk(chunk)
                if aggregator.beginStream(firstBlock: first, blocks: count, worker: index, into: stream,
                                          cancelled: { coordinator.hasFailed }) {
                    try worker.run(firstBlock: first, blockCount: count, recording: stream, costs: output)
                    aggregator.endStream(stream, costs: output, moreChunks: coordinator.hasMore)
                } else {
                    try worker.run(firstBlock: first, blockCount: count, recording: output, costs: output)
                    aggregator.accept(output, worker: index, moreChunks: coordinator.hasMore)
                }
                if worker.host.coupledWijken { coupled.set() }
            }
        }
        aggregator.finishDeferred()
        if aggregator.missedWindows {
            // a rank outside its window (about once in 10⁹ intervals): the same run, every draw stored
            return try run(plan, threads: threads, blocksPerChunk: chunkBlocks, method: .stored, pairing: pairing,
                           keepPercentiles: keepPercentiles, progress: progress)
        }
        let variants = aggregator.finished.map { $0! }
        return (Results(plan: plan, cells: aggregator.table, variants: variants, exactPercentiles: aggregator.exact), aggregator.kept,
                variants.map(\.differences), coupled.isSet)
    }
}

/// Set by any worker thread, read after they are done.
final class Flag: @unchecked Sendable {  // unchecked: `value` is only touched under `lock`
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Hands out chunk indices in order and keeps the error of the lowest
/// failing chunk: every lower chunk was claimed earlier and runs to its end,
/// so the error reported does not depend on timing.
final class ChunkCoordinator: @unchecked Sendable {  // unchecked: every var is only touched under `lock`
    private let lock = NSLock()
    private var nextChunk = 0
    private var done = 0
    private var failed: (chunk: Int, error: Error)?
    let chunkCount: Int

    init(chunkCount: Int) { self.chunkCount = chunkCount }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard failed == nil, nextChunk < chunkCount else { return nil }
        nextChunk += 1
        return nextChunk - 1
    }

    var hasFailed: Bool {
        lock.lock(); defer { lock.unlock() }
        return failed != nil
    }

    var hasMore: Bool {
        lock.lock(); defer { lock.unlock() }
        return failed == nil && nextChunk < chunkCount
    }

    func finished() -> Int? {
        lock.lock(); defer { lock.unlock() }
        done += 1
        return done
    }

    func fail(chunk: Int, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        if failed == nil || chunk < failed!.chunk { failed = (chunk, error) }
    }

    var firstError: Error? {
        lock.lock(); defer { lock.unlock() }
        return failed?.error
    }

    /// The worker pool every pass of the engine shares (`run`, `watch`,
    /// `yearValues`): one worker per thread, at most one per chunk, each with
    /// its own Lua state, taking chunks in order until none is left or one
    /// fails. `prepare` makes what a worker keeps between its chunks and
    /// returns how it runs one; the error of the lowest failing chunk is thrown.
    static func run(_ plan: Plan, blocksPerChunk: Int, chunks: Int, threads: Int,
                    progress: (@Sendable (Int, Int) -> Void)? = nil,
                    _ prepare: @Sendable (_ index: Int, _ worker: ChunkWorker, _ coordinator: ChunkCoordinator) -> (Int) throws -> Void) throws {
        let coordinator = ChunkCoordinator(chunkCount: chunks)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, chunks))) { index in
            let worker: ChunkWorker
            do {
                worker = try ChunkWorker(plan: plan, blocksPerChunk: blocksPerChunk)
            } catch {
                coordinator.fail(chunk: -1, error)
                return
            }
            let runChunk = prepare(index, worker, coordinator)
            while let chunk = coordinator.next() {
                do {
                    try runChunk(chunk)
                } catch {
                    coordinator.fail(chunk: chunk, error)
                    return
                }
                if let done = coordinator.finished(), let progress { progress(done, chunks) }
            }
        }
        if let error = coordinator.firstError { throw error }
    }
}
