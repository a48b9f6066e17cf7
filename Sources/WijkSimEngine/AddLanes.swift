import Foundation

/// A kept run's `ctx:add` values lane by lane, for the steps that did not
/// read the state (`LuaHost.readsState`): such a step's adds are a function
/// of its instance, year and lanes alone, so a later run of the same
/// scenario with other settings adds them again from here instead of
/// running the step, in each of its re-run wijken (`UntouchedWijken.replayed`).
/// On a Groningen programme the `trend` rule and most interventions are such
/// steps; running them was most of a `serve` request's step programs and
/// Lua calls. Per (instance, step): the wijken the step's program computed,
/// in wijk order, and per call its indicator and the value of each of those
/// wijken in each draw, wijk by wijk (`[j × draws + draw]`).
final class AddLanes: @unchecked Sendable {  // unchecked: `entries` is only touched under `lock`; workers write disjoint draws of an entry
    struct Entry {
        var wijken: [Int32]
        var indicators: [Int]
        var calls: [UnsafeMutablePointer<Double>]
    }

    let draws: Int
    /// The most bytes of lanes kept; steps past it are not kept (and run again).
    let budget: Int
    private let lock = NSLock()
    private var entries: [SpendLanes.Key: Entry] = [:]
    /// Steps that read the state in some chunk, or whose chunks disagreed: never replayed.
    private var refused: Set<SpendLanes.Key> = []
    private var held = 0

    init(draws: Int, budget: Int = 256 << 20) {
        self.draws = draws
        self.budget = budget
    }

    deinit {
        for entry in entries.values { for call in entry.calls { call.deallocate() } }
    }

    /// The step `key` cannot be replayed (it read the state, or made more adds than are captured).
    /// (Its lanes, if some chunk kept them, stay until the run is freed:
    /// another worker may still be writing them.)
    func refuse(_ key: SpendLanes.Key) {
        _ = lock.withLock { refused.insert(key) }
    }

    /// Draws firstDraw..<firstDraw+blocks of the step's captured adds (to
    /// `indicators`, in call order), each `stride` doubles apart,
    /// `wijken.count` values a block.
    func record(_ key: SpendLanes.Key, wijken: [Int32], indicators: [Int], captured: UnsafePointer<Double>, stride: Int,
                firstDraw: Int, blocks: Int) {
        let width = wijken.count
        let entry: Entry? = lock.withLock {
            guard !refused.contains(key) else { return nil }
            if let found = entries[key] {
                guard found.indicators == indicators, found.wijken == wijken else {
                    refused.insert(key)
                    return nil
                }
                return found
            }
            let bytes = indicators.count * draws * width * MemoryLayout<Double>.stride
            guard held + bytes <= budget else { refused.insert(key); return nil }
            held += bytes
            let made = Entry(wijken: wijken, indicators: indicators,
                             calls: indicators.map { _ in WijkColumns.allocate(draws: draws, wijken: width) })
            entries[key] = made
            return made
        }
        guard let entry else { return }
        WijkColumns.store(captured, stride: stride, into: entry.calls, wijken: width, draws: draws, firstDraw: firstDraw, blocks: blocks)
    }

    /// The kept adds of step `key`, if every chunk of the kept run could keep them.
    func entry(_ key: SpendLanes.Key) -> Entry? {
        lock.withLock { refused.contains(key) ? nil : entries[key] }
    }
}
