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
/// tail's width (min..lo or hi..max). Counts are integers, so the sketch
/// does not depend on the order draws are added in, and several workers
/// count at once: the cells are split into groups with a lock each.
final class QuantileSketch: @unchecked Sendable {
    static let bins = 2048
    let cells: Int
    private let lo: [Double]
    private let hi: [Double]
    private let scale: [Double]
    private let counts: UnsafeMutablePointer<UInt32>
    /// Per cell: counts and extremes outside the bins, and the count of
    /// values ≤ 0 (the gap cells' "closed" count).
    private let tails: UnsafeMutablePointer<wjs_tails>
    private let groupLocks: [NSLock]
    static let cellsPerGroup = 32

    /// The ranges from `pilot(cell)`, `count` values each; the pilot values are not counted yet.
    init(cells: Int, pilot: (Int) -> UnsafePointer<Double>, count: Int) {
        self.cells = cells
        var lo = [Double](), hi = [Double](), scale = [Double]()
        for cell in 0..<cells {
            let values = pilot(cell)
            var low = Double.infinity, high = -Double.infinity
            for i in 0..<count { low = Swift.min(low, values[i]); high = Swift.max(high, values[i]) }
            let margin = Swift.max((high - low) * 0.1, Swift.max(Swift.abs(low), Swift.abs(high), 1) * 1e-9)
            lo.append(low - margin)
            hi.append(high + margin)
            scale.append(Double(QuantileSketch.bins) / (high + margin - (low - margin)))
        }
        self.lo = lo
        self.hi = hi
        self.scale = scale
        counts = .allocate(capacity: cells * QuantileSketch.bins)
        counts.initialize(repeating: 0, count: cells * QuantileSketch.bins)
        tails = .allocate(capacity: max(cells, 1))
        tails.initialize(repeating: wjs_tails(below: 0, above: 0, at_most_zero: 0, minimum: .infinity, maximum: -.infinity),
                         count: cells)
        groupLocks = (0..<(cells + QuantileSketch.cellsPerGroup - 1) / QuantileSketch.cellsPerGroup).map { _ in NSLock() }
    }

    deinit {
        counts.deallocate()
        tails.deallocate()
    }

    /// Counts `count` values of every cell (`values(cell)`). A group whose
    /// lock another worker holds is skipped and taken later, so that two
    /// workers never wait in step behind each other; `first` is where to start.
    func add(_ values: (Int) -> UnsafePointer<Double>, count: Int, startingGroup first: Int = 0) {
        let groups = groupLocks.count
        var pending = (0..<groups).map { (first + $0) % groups }
        while !pending.isEmpty {
            var busy: [Int] = []
            for group in pending {
                guard groupLocks[group].try() else { busy.append(group); continue }
                addGroup(group, values, count: count)
                groupLocks[group].unlock()
            }
            if busy.count == pending.count, let group = busy.first {
                // every group left is busy: wait for one rather than spin
                groupLocks[group].lock()
                addGroup(group, values, count: count)
                groupLocks[group].unlock()
                busy.removeFirst()
            }
            pending = busy
        }
    }

    private func addGroup(_ group: Int, _ values: (Int) -> UnsafePointer<Double>, count: Int) {
        let end = Swift.min(cells, (group + 1) * QuantileSketch.cellsPerGroup)
        for cell in group * QuantileSketch.cellsPerGroup..<end { add(cell: cell, values(cell), count: count) }
    }

    /// The caller holds the cell's group (or is alone).
    private func add(cell: Int, _ values: UnsafePointer<Double>, count: Int) {
        wjs_histogram(values, count, lo[cell], scale[cell], counts + cell * QuantileSketch.bins,
                      Int32(QuantileSketch.bins), tails + cell)
    }

    /// Values counted in `cell` (every worker done).
    func countAtMostZero(_ cell: Int) -> Int { tails[cell].at_most_zero }

    /// The p-quantiles of `cell` (linear interpolation between the closest
    /// ranks) over its `total` values, every draw: the ranks needed are found
    /// in one pass over the bins (a variant's last cells are finished while
    /// the other workers wait).
    func quantiles(_ cell: Int, _ ps: [Double], total: Int) -> [Double] {
        let wanted = ps.map { p -> (lower: Int, fraction: Double) in
            let h = Double(total - 1) * p
            let lower = Int(h.rounded(.down))
            return (lower, h - Double(lower))
        }
        let ranks = Array(Set(wanted.flatMap { [$0.lower, Swift.min($0.lower + 1, total - 1)] })).sorted()
        var values: [Int: Double] = [:]
        let lo = self.lo[cell], hi = self.hi[cell], tail = tails[cell]
        let width = (hi - lo) / Double(QuantileSketch.bins)
        let bins = counts + cell * QuantileSketch.bins
        var next = 0
        /// The ranks that fall among `count` values from `start` over `span`, after `seen` smaller ones.
        func take(seen: Int, count: Int, start: Double, span: Double) {
            while next < ranks.count, ranks[next] < seen + count {
                values[ranks[next]] = start + (Double(ranks[next] - seen) + 0.5) / Double(count) * span
                next += 1
            }
        }
        if tail.below > 0 { take(seen: 0, count: tail.below, start: tail.minimum, span: lo - tail.minimum) }
        var seen = tail.below
        var bin = 0
        while bin < QuantileSketch.bins, next < ranks.count {
            let c = Int(bins[bin])
            if c > 0 {
                take(seen: seen, count: c, start: lo + Double(bin) * width, span: width)
                seen += c
            }
            bin += 1
        }
        take(seen: seen, count: Swift.max(tail.above, 1), start: hi, span: tail.maximum - hi)
        return wanted.map { w in
            let a = values[w.lower]!
            guard w.fraction > 0 else { return a }
            return a + w.fraction * (values[Swift.min(w.lower + 1, total - 1)]! - a)
        }
    }
}
