import CVectorMath
import Foundation

/// Percentiles of many cells without holding their draws: per cell a
/// histogram of `bins` equal bins over the range seen in the first draws
/// (the pilot, widened by 10 % each side), plus counts and exact extremes
/// below and above it. A quantile is read off by interpolating within its
/// bin.
///
/// Error bound: a quantile that falls inside the pilot range is within one
/// bin width, (range)/`bins`, of the exact one; outside it, within the
/// tail's width (min..lo or hi..max).
///
/// Each worker counts into its own set of histograms, made when it first
/// counts, and the sets are added up when a quantile is read: two cores
/// never write the same cache line, and no lock is taken while counting.
/// Counts are integers and extremes are minima and maxima, so the result
/// depends neither on the order draws are counted in nor on who counted them.
final class QuantileSketch: @unchecked Sendable {  // unchecked: slot k of `sets` is written by worker k only, read after all are done
    static let bins = 2048
    let cells: Int
    private let lo: [Double]
    private let hi: [Double]
    private let scale: [Double]
    /// Per worker: its counts, `cells × bins`, and its tails per cell; slot
    /// k is written by worker k only, and read once every worker is done.
    private let sets: UnsafeMutablePointer<CountSet?>
    let workers: Int

    /// One worker's histograms of every cell. Counting goes into 16-bit
    /// bins: per step a worker touches every cell's bins once, so their size
    /// is the memory each step moves (2.8 MB instead of 5.7 on the
    /// benchmark). Before a cell's bins could pass 65,535 they are added to
    /// 64-bit ones, made on the first such spill, and emptied.
    final class CountSet {
        let cells: Int
        let counts: UnsafeMutablePointer<UInt16>
        /// Values counted into `counts` per cell since its last spill.
        let pending: UnsafeMutablePointer<Int>
        /// The 64-bit bins, 11 MB on the benchmark, in huge pages
        /// (`LargeBuffer`): one worker that counts 100,000 draws spills every
        /// cell, and their 2,800 small pages were half of that run's faults.
        private(set) var spilled: UnsafeMutablePointer<UInt64>?
        /// Per cell: counts and extremes outside the bins, and the count of
        /// values ≤ 0 (the gap cells' "closed" count).
        let tails: UnsafeMutablePointer<wjs_tails>

        init(cells: Int) {
            self.cells = cells
            counts = .allocate(capacity: max(1, cells * QuantileSketch.bins))
            counts.initialize(repeating: 0, count: cells * QuantileSketch.bins)
            pending = .allocate(capacity: max(1, cells))
            pending.initialize(repeating: 0, count: cells)
            tails = .allocate(capacity: max(cells, 1))
            tails.initialize(repeating: wjs_tails(below: 0, above: 0, at_most_zero: 0, minimum: .infinity, maximum: -.infinity),
                             count: cells)
        }

        deinit {
            counts.deallocate()
            pending.deallocate()
            if let spilled {
                let count = cells * QuantileSketch.bins
                LargeBuffer.deallocate(UnsafeMutableRawPointer(spilled).bindMemory(to: Double.self, capacity: count), count: count)
            }
            tails.deallocate()
        }

        /// Makes room for `n` more values in `cell` (n ≤ 65,535).
        @inline(__always) func reserve(_ n: Int, in cell: Int) {
            if pending[cell] + n > Int(UInt16.max) { spill(cell) }
            pending[cell] += n
        }

        private func spill(_ cell: Int) {
            if spilled == nil {
                let count = cells * QuantileSketch.bins
                let made = UnsafeMutableRawPointer(LargeBuffer.allocate(count)).bindMemory(to: UInt64.self, capacity: count)
                made.initialize(repeating: 0, count: count)
                spilled = made
            }
            let from = counts + cell * QuantileSketch.bins, to = spilled! + cell * QuantileSketch.bins
            for bin in 0..<QuantileSketch.bins { to[bin] += UInt64(from[bin]) }
            from.update(repeating: 0, count: QuantileSketch.bins)
            pending[cell] = 0
        }

    }

    /// The ranges from `pilot(cell)`, `count` values each; the pilot values
    /// are not counted yet. `workers` is how many may count.
    init(cells: Int, pilot: (Int) -> UnsafePointer<Double>, count: Int, workers: Int) {
        self.cells = cells
        self.workers = max(1, workers)
        var lo = [Double](), hi = [Double](), scale = [Double]()
        for cell in 0..<cells {
            let values = pilot(cell)
            var low = Double.infinity, high = -Double.infinity
            if count > 0 { wjs_min_max(values, count, &low, &high) }
            let margin = Swift.max((high - low) * 0.1, Swift.max(Swift.abs(low), Swift.abs(high), 1) * 1e-9)
            lo.append(low - margin)
            hi.append(high + margin)
            scale.append(Double(QuantileSketch.bins) / (high + margin - (low - margin)))
        }
        self.lo = lo
        self.hi = hi
        self.scale = scale
        sets = .allocate(capacity: self.workers)
        sets.initialize(repeating: nil, count: self.workers)
    }

    deinit {
        sets.deinitialize(count: workers)
        sets.deallocate()
    }

    /// Worker `worker`'s histograms, made on its first count.
    private func set(_ worker: Int) -> CountSet {
        if let existing = sets[worker] { return existing }
        let made = CountSet(cells: cells)
        sets[worker] = made
        return made
    }

    /// Starts loading `worker`'s bins of `cell` into the cache.
    func prefetch(worker: Int, cell: Int) {
        wjs_prefetch_for_write(set(worker).counts + cell * QuantileSketch.bins, QuantileSketch.bins * 2)
    }

    /// Counts `count` values of one cell for `worker`.
    func add(worker: Int, cell: Int, _ values: UnsafePointer<Double>, count: Int) {
        add(cell: cell, values, count: count, into: set(worker))
    }

    private func add(cell: Int, _ values: UnsafePointer<Double>, count: Int, into set: CountSet) {
        var done = 0
        while done < count {
            let n = Swift.min(count - done, 1 << 15)
            set.reserve(n, in: cell)
            wjs_histogram(values + done, n, lo[cell], scale[cell], set.counts + cell * QuantileSketch.bins,
                          Int32(QuantileSketch.bins), set.tails + cell)
            done += n
        }
    }

    /// The sets some worker counted into.
    private var counted: [CountSet] { (0..<workers).compactMap { sets[$0] } }

    /// The tails of `cell` over every worker.
    private func tails(_ cell: Int, _ counted: [CountSet]) -> wjs_tails {
        var total = wjs_tails(below: 0, above: 0, at_most_zero: 0, minimum: .infinity, maximum: -.infinity)
        for set in counted {
            let t = set.tails[cell]
            total.below += t.below
            total.above += t.above
            total.at_most_zero += t.at_most_zero
            total.minimum = Swift.min(total.minimum, t.minimum)
            total.maximum = Swift.max(total.maximum, t.maximum)
        }
        return total
    }

    /// Values ≤ 0 counted in `cell` (every worker done).
    func countAtMostZero(_ cell: Int) -> Int { tails(cell, counted).at_most_zero }

    /// The p-quantiles of `cell` (`ps` ascending; linear interpolation
    /// between the closest ranks) over its `total` values, every draw
    /// (every worker done). The bins are read a block at a time: a block
    /// holding no rank needed is skipped on its sum, so a cell costs about
    /// one pass of vector adds over its bins, not a walk bin by bin (the
    /// last variant's cells are read while the other workers wait).
    func quantiles(_ cell: Int, _ ps: [Double], total: Int) -> [Double] {
        precondition(zip(ps, ps.dropFirst()).allSatisfy { $0 <= $1 }, "quantiles: ps ascending")
        let counted = self.counted
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * ps.count) { ranks in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * ps.count) { values in
                // ranks[2k] and ranks[2k + 1] bracket ps[k]; ascending, as ps are
                for (k, p) in ps.enumerated() {
                    let lower = Int((Double(total - 1) * p).rounded(.down))
                    ranks[2 * k] = lower
                    ranks[2 * k + 1] = Swift.min(lower + 1, total - 1)
                }
                values.initialize(repeating: 0)
                find(ranks: UnsafeBufferPointer(ranks), cell: cell, sets: counted, tail: tails(cell, counted), into: values)
                return ps.enumerated().map { k, p in
                    let h = Double(total - 1) * p
                    let fraction = h - Double(ranks[2 * k])
                    let a = values[2 * k]
                    return fraction > 0 ? a + fraction * (values[2 * k + 1] - a) : a
                }
            }
        }
    }

    static let block = 64

    /// The values of the (ascending) `ranks`: within a bin or a tail, the
    /// values are taken as evenly spread.
    private func find(ranks: UnsafeBufferPointer<Int>, cell: Int, sets: [CountSet], tail: wjs_tails,
                      into values: UnsafeMutableBufferPointer<Double>) {
        let lo = self.lo[cell], hi = self.hi[cell]
        let width = (hi - lo) / Double(QuantileSketch.bins)
        let offset = cell * QuantileSketch.bins
        // each set's bins of this cell: the 16-bit ones, and the spilled ones where there are any
        withUnsafeTemporaryAllocation(of: UnsafePointer<UInt16>.self, capacity: sets.count) { narrow in
        withUnsafeTemporaryAllocation(of: UnsafePointer<UInt64>.self, capacity: sets.count) { wide in
        var wideCount = 0
        for (k, set) in sets.enumerated() {
            narrow[k] = UnsafePointer(set.counts + offset)
            if let spilled = set.spilled {
                wide[wideCount] = UnsafePointer(spilled + offset)
                wideCount += 1
            }
        }
        func count(_ first: Int, _ n: Int) -> Int {
            var sum = 0
            for s in 0..<narrow.count {
                let bins = narrow[s] + first
                for k in 0..<n { sum &+= Int(bins[k]) }
            }
            for s in 0..<wideCount {
                let bins = wide[s] + first
                for k in 0..<n { sum &+= Int(bins[k]) }
            }
            return sum
        }
        var next = 0
        /// The ranks that fall among `count` values from `start` over `span`, after `seen` smaller ones.
        func take(seen: Int, count: Int, start: Double, span: Double) {
            while next < ranks.count, ranks[next] < seen + count {
                values[next] = start + (Double(ranks[next] - seen) + 0.5) / Double(count) * span
                next += 1
            }
        }
        if tail.below > 0 { take(seen: 0, count: tail.below, start: tail.minimum, span: lo - tail.minimum) }
        var seen = tail.below
        var first = 0
        while first < QuantileSketch.bins, next < ranks.count {
            let n = Swift.min(QuantileSketch.block, QuantileSketch.bins - first)
            let inBlock = count(first, n)
            if ranks[next] < seen + inBlock {
                for bin in first..<(first + n) where next < ranks.count {
                    let c = count(bin, 1)
                    if c > 0, ranks[next] < seen + c {
                        take(seen: seen, count: c, start: lo + Double(bin) * width, span: width)
                    }
                    seen += c
                }
            } else {
                seen += inBlock
            }
            first += n
        }
        take(seen: seen, count: Swift.max(tail.above, 1), start: hi, span: tail.maximum - hi)
        }
        }
    }
}
