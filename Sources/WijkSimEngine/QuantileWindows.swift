import CVectorMath
import Foundation

/// Exact percentiles without keeping every draw. A variant's pilot (its
/// first draws) tells, per cell, about where p05, p50 and p95 will lie;
/// around each, an interval reaches `margin` standard deviations of that
/// level's rank in the pilot beyond it. Every draw, the pilot's too, is
/// then counted against the intervals (how many fall below each, how many
/// inside it), and only the values inside are kept. Once every draw is in,
/// each rank the percentiles need lies inside an interval and is selected
/// among the kept values: the same order statistics, so the same bits, as
/// selecting among all draws (`Selection.percentiles`).
///
/// Why: keeping every draw of a 20,000-draw run of the benchmark is 107 MB
/// of fresh memory, and the kernel's zeroing of it was a sixth of the run.
/// The intervals keep about a quarter of the draws.
///
/// A rank outside every interval is possible but not to be expected: the
/// pilot is a random part of the variant's draws (they are independent),
/// so the count of its draws below a level's value over all draws has a
/// standard deviation of at most sqrt(pilot · p · (1 − p)), and an
/// interval six of those wide each side misses about once in 10⁹. When it happens, `percentiles` says so (nil) and
/// the run is made again with every draw kept (`Engine.run`): never a
/// wrong number, only a slower run.
///
/// Neither the chunking nor the thread count changes a result: counts are
/// integers, and the kept values' order does not change an order statistic.
final class QuantileWindows: PilotSummary, @unchecked Sendable {  // unchecked: slot k of `sets` is written by worker k only, read after all are done
    /// Standard deviations of a level's rank in the pilot that an interval
    /// reaches beyond it, each side.
    static let margin = 6.0
    static let levels = [0.05, 0.5, 0.95]

    let cells: Int
    let workers: Int
    private let windows: UnsafeMutablePointer<wjs_windows>
    private let sets: UnsafeMutablePointer<CountSet?>

    /// One worker's counts and kept values of every cell.
    final class CountSet {
        let cells: Int
        let counts: UnsafeMutablePointer<wjs_window_counts>
        /// Values counted per cell, to check that every draw is in.
        let counted: UnsafeMutablePointer<Int>
        /// Per cell, the kept values, how many, and room: first a slice of
        /// `arena`, then (should the worker take more than its share) a
        /// malloc'ed buffer, grown as needed.
        let kept: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
        let keptCount: UnsafeMutablePointer<Int>
        let capacity: UnsafeMutablePointer<Int>
        /// One slice per cell, in huge pages (`LargeBuffer`): a buffer per
        /// cell was thousands of small pages' faults per run.
        private let arena: UnsafeMutablePointer<Double>
        private let arenaCount: Int

        /// `slices[cell]..<slices[cell + 1]` of the arena is `cell`'s.
        init(cells: Int, slices: [Int]) {
            self.cells = cells
            let n = max(1, cells)
            counts = .allocate(capacity: n)
            counts.initialize(repeating: wjs_window_counts(below: (0, 0, 0), inside: (0, 0, 0), at_most_zero: 0,
                                                           minimum: .infinity, maximum: -.infinity), count: n)
            counted = .allocate(capacity: n)
            counted.initialize(repeating: 0, count: n)
            arenaCount = slices[cells]
            arena = LargeBuffer.allocate(arenaCount)
            kept = .allocate(capacity: n)
            for cell in 0..<n { (kept + cell).initialize(to: arena + slices[min(cell, cells)]) }
            keptCount = .allocate(capacity: n)
            keptCount.initialize(repeating: 0, count: n)
            capacity = .allocate(capacity: n)
            for cell in 0..<n { (capacity + cell).initialize(to: cell < cells ? slices[cell + 1] - slices[cell] : 0) }
        }

        deinit {
            for cell in 0..<cells where !inArena(cell) { free(kept[cell]) }
            LargeBuffer.deallocate(arena, count: arenaCount)
            counts.deallocate()
            counted.deallocate()
            kept.deallocate()
            keptCount.deallocate()
            capacity.deallocate()
        }

        private func inArena(_ cell: Int) -> Bool { kept[cell] >= arena && kept[cell] < arena + arenaCount }

        /// Room in `cell` for `n` more values (and the spare writes of `wjs_window_tally`).
        func reserve(_ n: Int, in cell: Int) {
            let needed = keptCount[cell] + n + 8
            guard needed > capacity[cell] else { return }
            let grown = max(needed, 2 * capacity[cell])
            let bytes = grown * MemoryLayout<Double>.stride
            if inArena(cell) {
                let moved = malloc(bytes)!.bindMemory(to: Double.self, capacity: grown)
                moved.update(from: kept[cell], count: keptCount[cell])
                kept[cell] = moved
            } else {
                kept[cell] = realloc(kept[cell], bytes)!.bindMemory(to: Double.self, capacity: grown)
            }
            capacity[cell] = grown
        }
    }

    /// The intervals from `pilot(cell)`, `count` values each, made here on
    /// this thread (`Builder` shares the work); the pilot's values are not
    /// counted yet. `workers` is how many may count, `draws` how many there
    /// will be (to size the kept values once).
    convenience init(cells: Int, pilot: @escaping (Int) -> UnsafePointer<Double>, count: Int, draws: Int, workers: Int,
                     margin: Double = QuantileWindows.margin) {
        let builder = Builder(cells: cells, pilot: pilot, count: count, draws: draws, workers: workers, margin: margin)
        builder.work()
        self.init(builder)
    }

    /// From a builder that every cell's intervals are made by.
    private init(_ builder: Builder) {
        cells = builder.cells
        workers = builder.workers
        windows = builder.windows
        // room per cell for what the pilot says it keeps of a worker's share
        // of the draws, the pilot (which one worker counts) included, and a
        // fifth more: a cell that outgrows it moves to a buffer of its own
        let share = Double(builder.count) + Double(max(0, builder.draws - builder.count)) / Double(workers)
        var slices = [0]
        for cell in 0..<cells {
            slices.append(slices[cell] + Int(Double(builder.inside[cell]) / Double(max(1, builder.count)) * share * 1.2) + 72)
        }
        self.slices = slices
        sets = .allocate(capacity: workers)
        sets.initialize(repeating: nil, count: workers)
    }

    /// Makes the intervals of every cell, a block of cells at a time, on
    /// every thread that calls `work`: the workers that would wait for the
    /// summary help make it instead (`PilotTally.beginStream`).
    final class Builder: @unchecked Sendable {  // unchecked: `next` and `finished` are touched under `lock`; each block of `windows` and `inside` by the thread that took it
        static let block = 32
        let cells: Int, count: Int, draws: Int, workers: Int
        private let edges: Edges
        private let pilot: (Int) -> UnsafePointer<Double>
        /// Handed to the summary (`make`), which frees it.
        let windows: UnsafeMutablePointer<wjs_windows>
        /// Per cell, the pilot's values inside the kept intervals.
        let inside: UnsafeMutablePointer<Int>
        private let lock = NSLock()
        private var next = 0, finished = 0

        init(cells: Int, pilot: @escaping (Int) -> UnsafePointer<Double>, count: Int, draws: Int, workers: Int, margin: Double) {
            self.cells = cells
            self.count = count
            self.draws = draws
            self.workers = max(1, workers)
            self.pilot = pilot
            edges = Edges(pilot: count, margin: margin)
            windows = .allocate(capacity: max(1, cells))
            inside = .allocate(capacity: max(1, cells))
        }

        deinit { inside.deallocate() }

        /// True while a block is left to take.
        var hasWork: Bool { lock.withLock { next < cells } }

        /// Makes blocks of cells until none is left to take.
        func work() {
            while true {
                let first: Int = lock.withLock {
                    defer { next += Builder.block }
                    return next
                }
                guard first < cells else { return }
                let end = min(cells, first + Builder.block)
                for cell in first..<end { (windows[cell], inside[cell]) = edges.intervals(pilot(cell)) }
                lock.withLock { finished += end - first }
            }
        }

        /// The summary, once every block is made (the last taken may still
        /// be in another thread's hands: a few microseconds).
        func make() -> QuantileWindows {
            while !lock.withLock({ finished == cells }) { sched_yield() }
            return QuantileWindows(self)
        }
    }

    deinit {
        windows.deallocate()
        sets.deinitialize(count: workers)
        sets.deallocate()
    }

    /// Where each cell's kept values start in a worker's arena (and the arena's size at the end).
    private let slices: [Int]

    /// The pilot ranks that bound each level's interval, the same for every
    /// cell: from `margin` standard deviations of the level's rank below it
    /// (less one rank) to as far above it (plus one rank).
    struct Edges {
        let count: Int
        var lower: [Int] = [], upper: [Int] = []
        /// Ascending and distinct: the pilot's order statistics to select.
        var ranks: [Int] = []

        init(pilot m: Int, margin: Double) {
            count = m
            for p in QuantileWindows.levels {
                let center = Double(m - 1) * p, spread = margin * (Double(m) * p * (1 - p)).squareRoot()
                lower.append(max(0, Int((center - spread).rounded(.down)) - 1))
                upper.append(min(m - 1, Int((center + spread).rounded(.up)) + 1))
            }
            ranks = Array(Set(lower + upper)).sorted()
        }

        /// The intervals of one cell's pilot values `a`: from the pilot's
        /// order statistic at each lower edge rank to the one at the upper
        /// edge rank, open at an end the pilot reaches, merged where they
        /// meet. `inside`: about how many of the pilot's values they keep.
        ///
        /// Selected exactly (`Selection.bucketOrderStatistics`, which leaves
        /// the pilot as it is): edges at the bounds of buckets over the
        /// pilot's range were cheaper, but a long tail makes those buckets
        /// wide, and the base workload then kept a third of its draws, in
        /// some cells all of them.
        func intervals(_ a: UnsafePointer<Double>) -> (wjs_windows, inside: Int) {
            var w = wjs_windows(lo: (.infinity, .infinity, .infinity), hi: (-.infinity, -.infinity, -.infinity),
                                count: 0, keep: (0, 0, 0))
            guard count > 0 else { return (w, 0) }
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: ranks.count) { values in
                ranks.withUnsafeBufferPointer { ranks in
                    withUnsafeTemporaryAllocation(of: (UnsafePointer<Double>, Int).self, capacity: 1) { segments in
                        segments[0] = (a, count)
                        var low = 0.0, high = 0.0
                        wjs_min_max(a, count, &low, &high)
                        Selection.bucketOrderStatistics(UnsafeBufferPointer(segments), within: low...high, ranks: ranks,
                                                        into: values)
                    }
                }
                func value(_ rank: Int) -> Double { values[ranks.firstIndex(of: rank)!] }
                var inside = 0
                withUnsafeMutableBytes(of: &w.lo) { lo in
                    withUnsafeMutableBytes(of: &w.hi) { hi in
                        withUnsafeMutableBytes(of: &w.keep) { keep in
                            let lo = lo.bindMemory(to: Double.self), hi = hi.bindMemory(to: Double.self)
                            let keep = keep.bindMemory(to: Int32.self)
                            var n = 0
                            for j in 0..<lower.count {
                                let a = lower[j] == 0 ? -Double.infinity : value(lower[j])
                                let b = upper[j] == count - 1 ? Double.infinity : value(upper[j])
                                if n > 0, a <= hi[n - 1] {
                                    hi[n - 1] = max(hi[n - 1], b)
                                } else {
                                    lo[n] = a
                                    hi[n] = b
                                    n += 1
                                }
                            }
                            for j in 0..<n { keep[j] = lo[j] < hi[j] ? 1 : 0 }
                            w.count = Int32(n)
                        }
                    }
                }
                // the pilot's values the intervals keep (ties at an edge included), counted by the kernel
                withUnsafeTemporaryAllocation(of: Double.self, capacity: count + 8) { scratch in
                    var counts = wjs_window_counts(below: (0, 0, 0), inside: (0, 0, 0), at_most_zero: 0,
                                                   minimum: .infinity, maximum: -.infinity)
                    inside = wjs_window_tally(a, count, &w, &counts, scratch.baseAddress!)
                }
                return (w, inside)
            }
        }
    }

    /// Worker `worker`'s counts, made on its first count.
    private func set(_ worker: Int) -> CountSet {
        if let existing = sets[worker] { return existing }
        let made = CountSet(cells: cells, slices: slices)
        sets[worker] = made
        return made
    }

    func prefetch(worker: Int, cell: Int) {}

    /// Counted in pieces that fit the room left, however many values each
    /// keeps: a piece of the pilot (2,048 values) could all be kept, and
    /// making room for that moved nearly every cell out of its slice.
    func add(worker: Int, cell: Int, _ values: UnsafePointer<Double>, count: Int) {
        let set = self.set(worker)
        let keeps = windows[cell].keep != (0, 0, 0)
        var done = 0
        while done < count {
            var n = count - done
            if keeps {
                let room = set.capacity[cell] - set.keptCount[cell] - 8
                if room < min(n, 256) { set.reserve(min(n, 256), in: cell) }
                n = min(n, set.capacity[cell] - set.keptCount[cell] - 8)
            }
            set.keptCount[cell] += wjs_window_tally(values + done, n, windows + cell, set.counts + cell,
                                                    set.kept[cell] + set.keptCount[cell])
            done += n
        }
        set.counted[cell] += count
    }

    /// The sets some worker counted into.
    private var counted: [CountSet] { (0..<workers).compactMap { sets[$0] } }

    /// The counts of `cell` over every worker.
    private func counts(_ cell: Int, _ sets: [CountSet]) -> wjs_window_counts {
        var total = wjs_window_counts(below: (0, 0, 0), inside: (0, 0, 0), at_most_zero: 0, minimum: .infinity, maximum: -.infinity)
        for set in sets {
            let c = set.counts[cell]
            total.below = (total.below.0 + c.below.0, total.below.1 + c.below.1, total.below.2 + c.below.2)
            total.inside = (total.inside.0 + c.inside.0, total.inside.1 + c.inside.1, total.inside.2 + c.inside.2)
            total.at_most_zero += c.at_most_zero
            total.minimum = min(total.minimum, c.minimum)
            total.maximum = max(total.maximum, c.maximum)
        }
        return total
    }

    func countAtMostZero(_ cell: Int) -> Int { counts(cell, counted).at_most_zero }

    func percentiles(_ cell: Int, total: Int) -> (p05: Double, p50: Double, p95: Double)? {
        let sets = counted
        guard sets.reduce(0, { $0 + $1.counted[cell] }) == total else { return nil }
        let c = counts(cell, sets)
        guard c.maximum > c.minimum, (c.maximum - c.minimum).isFinite else {
            // as `Selection.bucketOrderStatistics` answers for a row without a finite spread
            return Selection.percentiles(count: total) { _, values in
                values.update(repeating: c.minimum)
                return true
            }
        }
        let w = windows[cell]
        let count = Int(w.count)
        let below = Three(c.below), inside = Three(c.inside), keep = Three(w.keep), lo = Three(w.lo), hi = Three(w.hi)
        // kept values before interval j: those of the kept intervals below it
        var keptBefore = Three((0, 0, 0)), keptTotal = 0
        // where the kept values lie: from the first kept interval's start to the last's end
        var first = Double.infinity, last = -Double.infinity
        for j in 0..<count {
            keptBefore[j] = keptTotal
            guard keep[j] != 0 else { continue }
            keptTotal += inside[j]
            first = min(first, max(lo[j], c.minimum))
            last = min(hi[j], c.maximum)
        }
        guard sets.reduce(0, { $0 + $1.keptCount[cell] }) == keptTotal else { return nil }
        let range = first <= last ? first...last : c.minimum...c.maximum
        return Selection.percentiles(count: total) { ranks, values in
            // each rank's interval; ranks in a kept one become ranks among the kept values
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * ranks.count) { scratch in
                let mapped = scratch.baseAddress!, slot = mapped + ranks.count
                var m = 0
                for (r, k) in ranks.enumerated() {
                    guard let j = (0..<count).first(where: { below[$0] <= k && k < below[$0] + inside[$0] }) else { return false }
                    if keep[j] == 0 {
                        values[r] = lo[j]
                        slot[r] = -1
                    } else {
                        mapped[m] = k - below[j] + keptBefore[j]
                        slot[r] = m
                        m += 1
                    }
                }
                guard m > 0 else { return true }
                withUnsafeTemporaryAllocation(of: Double.self, capacity: m) { found in
                    select(UnsafeBufferPointer(start: mapped, count: m), of: cell, sets, count: keptTotal, within: range, into: found)
                    for r in 0..<ranks.count where slot[r] >= 0 { values[r] = found[slot[r]] }
                }
                return true
            }
        }
    }

    /// The order statistics `ranks` of `cell`'s `count` kept values, which
    /// lie within `range`, over every worker's values where they are.
    private func select(_ ranks: UnsafeBufferPointer<Int>, of cell: Int, _ sets: [CountSet], count: Int,
                        within range: ClosedRange<Double>, into found: UnsafeMutableBufferPointer<Double>) {
        let parts = sets.filter { $0.keptCount[cell] > 0 }
        if count < 512 {
            // few: one row, as `Selection.percentiles` takes a row this short
            withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, count)) { row in
                var filled = 0
                for set in parts {
                    (row.baseAddress! + filled).update(from: set.kept[cell], count: set.keptCount[cell])
                    filled += set.keptCount[cell]
                }
                Selection.smallOrderStatistics(row.baseAddress!, count: count, ranks: ranks, into: found)
            }
            return
        }
        withUnsafeTemporaryAllocation(of: (UnsafePointer<Double>, Int).self, capacity: parts.count) { segments in
            for (k, set) in parts.enumerated() { segments[k] = (UnsafePointer(set.kept[cell]), set.keptCount[cell]) }
            Selection.bucketOrderStatistics(UnsafeBufferPointer(segments), within: range, ranks: ranks, into: found)
        }
    }
}

/// Three values of a C struct's fixed array, read (and written) by index
/// without an array on the heap: this runs for every cell.
private struct Three<T> {
    var values: (T, T, T)
    init(_ values: (T, T, T)) { self.values = values }
    subscript(_ j: Int) -> T {
        get { j == 0 ? values.0 : j == 1 ? values.1 : values.2 }
        set {
            switch j {
            case 0: values.0 = newValue
            case 1: values.1 = newValue
            default: values.2 = newValue
            }
        }
    }
}
