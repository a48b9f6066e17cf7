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
    func total(_ cell: Int) -> Int {
        var sum = tails[cell].below + tails[cell].above
        let bins = counts + cell * QuantileSketch.bins
        for b in 0..<QuantileSketch.bins { sum += Int(bins[b]) }
        return sum
    }

    func countAtMostZero(_ cell: Int) -> Int { tails[cell].at_most_zero }

    /// The estimate of the r-th smallest value (0-based) of `cell`.
    func orderStatistic(_ cell: Int, _ r: Int) -> Double {
        var seen = 0
        func within(_ start: Double, _ width: Double, _ count: Int) -> Double {
            start + (Double(r - seen) + 0.5) / Double(count) * width
        }
        let lo = self.lo[cell], hi = self.hi[cell], tail = tails[cell]
        if r < tail.below { return within(tail.minimum, lo - tail.minimum, tail.below) }
        seen = tail.below
        let width = (hi - lo) / Double(QuantileSketch.bins)
        let bins = counts + cell * QuantileSketch.bins
        for bin in 0..<QuantileSketch.bins where bins[bin] > 0 {
            let c = Int(bins[bin])
            if r < seen + c { return within(lo + Double(bin) * width, width, c) }
            seen += c
        }
        return within(hi, tail.maximum - hi, Swift.max(tail.above, 1))
    }

    func quantile(_ cell: Int, _ p: Double) -> Double {
        let h = Double(total(cell) - 1) * p
        let lower = Int(h.rounded(.down))
        let a = orderStatistic(cell, lower)
        guard h > Double(lower) else { return a }
        return a + (h - Double(lower)) * (orderStatistic(cell, lower + 1) - a)
    }
}
