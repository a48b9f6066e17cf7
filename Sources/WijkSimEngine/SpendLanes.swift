import Foundation

/// A run's spends lane by lane, kept so that a later run that re-runs only
/// some wijken can put each instance's spend together again: a spend is one
/// sum over the instance's wijken per `ctx:spend` call, and the wijken not
/// re-run give their share from here. Per (instance, step): the wijken the
/// step's program computed, in wijk order, and per call the value of each
/// of them in each draw, wijk by wijk (`[j × draws + draw]`): a later run
/// reads only the wijken it takes over, each a contiguous run of draws
/// (draw by draw, it read a cache line for one or two values).
final class SpendLanes: @unchecked Sendable {  // unchecked: `entries` is only touched under `lock`; workers write disjoint draws of an entry
    struct Key: Hashable {
        var instance: String
        var step: Int
    }

    struct Entry {
        var wijken: [Int32]
        var calls: [UnsafeMutablePointer<Double>]
        /// Per draw, the step's spend: what a run that takes every wijk of
        /// the instance from the kept run spends (`UntouchedWijken.keptWhole`).
        var totals: UnsafeMutablePointer<Double>
    }

    let draws: Int
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var mismatched = false
    /// Two chunks of one step made a different number of calls or computed
    /// other wijken: the lanes cannot be put together again.
    var isInconsistent: Bool { lock.withLock { mismatched } }

    init(draws: Int) { self.draws = draws }

    deinit {
        for entry in entries.values {
            for call in entry.calls { call.deallocate() }
            entry.totals.deallocate()
        }
    }

    /// Draws firstDraw..<firstDraw+blocks of `calls` captured calls, each
    /// `stride` doubles apart, `wijken.count` values a block, and of the
    /// step's spend per draw (`totals`).
    func record(_ key: Key, wijken: [Int32], calls: Int, captured: UnsafePointer<Double>, stride: Int,
                totals: UnsafePointer<Double>, firstDraw: Int, blocks: Int) {
        let width = wijken.count
        let entry: Entry? = lock.withLock {
            if let found = entries[key] {
                guard found.calls.count == calls, found.wijken == wijken else { mismatched = true; return nil }
                return found
            }
            let totals = UnsafeMutablePointer<Double>.allocate(capacity: draws)
            totals.initialize(repeating: 0, count: draws)
            let made = Entry(wijken: wijken, calls: (0..<calls).map { _ in WijkColumns.allocate(draws: draws, wijken: width) },
                             totals: totals)
            entries[key] = made
            return made
        }
        guard let entry else { return }
        WijkColumns.store(captured, stride: stride, into: entry.calls, wijken: width, draws: draws, firstDraw: firstDraw, blocks: blocks)
        (entry.totals + firstDraw).update(from: totals, count: blocks)
    }

    func entry(_ key: Key) -> Entry? { lock.withLock { entries[key] } }
}

/// A kept step's values per call, as a later run reads them: wijk by wijk
/// (`[j × draws + draw]`), from a capture made block by block
/// (`[b × width + j]`, `stride` doubles per call; `wjs_sink.capture`).
enum WijkColumns {
    static func allocate(draws: Int, wijken: Int) -> UnsafeMutablePointer<Double> {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: max(1, draws * wijken))
        p.initialize(repeating: 0, count: max(1, draws * wijken))
        return p
    }

    /// Draws firstDraw..<firstDraw+blocks of each call.
    static func store(_ captured: UnsafePointer<Double>, stride: Int, into calls: [UnsafeMutablePointer<Double>], wijken width: Int,
                      draws: Int, firstDraw: Int, blocks: Int) {
        for (s, call) in calls.enumerated() {
            let from = captured + s * stride
            for j in 0..<width {
                let to = call + j * draws + firstDraw
                for b in 0..<blocks { to[b] = from[b * width + j] }
            }
        }
    }
}

/// A run of a scenario kept whole for later runs of the same scenario with
/// other settings, which take from it the wijken their changes do not reach
/// (`UntouchedWijken.init(plan:kept:)`): every draw of every cell, its
/// statistics and paired differences, and its spends lane by lane. One variant.
/// A class: a plan that takes wijken from it holds it (`Plan.untouched`).
package final class KeptRun: Sendable {
    let plan: Plan
    let draws: DrawStore
    let cells: [CellStatistics]
    let differences: [DifferenceStatistics]
    let spendLanes: SpendLanes
    let addLanes: AddLanes
    /// No step read `ctx.city` and no rule spent.
    package let independent: Bool
    /// Whether `other`'s cells are this run's cells, in the same order, with
    /// as many draws, and paired with the same reference (the session's for
    /// these draws and seed).
    func laysOutCells(as other: Plan) -> Bool {
        other.variants == 1 && plan.variants == 1 && other.draws == plan.draws && other.seed == plan.seed && other.city == plan.city
            && other.firstYear == plan.firstYear && other.yearCount == plan.yearCount
    }
    package var seed: UInt64 { plan.seed }
    package var drawCount: Int { plan.draws }

    init(plan: Plan, draws: DrawStore, cells: [CellStatistics], differences: [DifferenceStatistics], spendLanes: SpendLanes,
         addLanes: AddLanes, independent: Bool) {
        self.plan = plan; self.draws = draws; self.cells = cells; self.differences = differences
        self.spendLanes = spendLanes; self.addLanes = addLanes; self.independent = independent
    }
}
