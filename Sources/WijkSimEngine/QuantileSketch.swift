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
    private var below: [Int]
    private var above: [Int]
    private var minimum: [Double]
    private var maximum: [Double]
    /// Per cell: draws whose value was ≤ 0 (the gap cells' "closed" count).
    private var atMostZero: [Int]
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
        below = [Int](repeating: 0, count: cells)
        above = below
        atMostZero = below
        minimum = [Double](repeating: .infinity, count: cells)
        maximum = [Double](repeating: -.infinity, count: cells)
        groupLocks = (0..<(cells + QuantileSketch.cellsPerGroup - 1) / QuantileSketch.cellsPerGroup).map { _ in NSLock() }
    }

    deinit { counts.deallocate() }

    /// Counts `count` values of every cell (`values(cell)`); `first` spreads
    /// workers over the groups so that they rarely wait for each other.
    func add(_ values: (Int) -> UnsafePointer<Double>, count: Int, startingGroup first: Int = 0) {
        let groups = groupLocks.count
        for k in 0..<groups {
            let group = (first + k) % groups
            groupLocks[group].lock()
            let end = Swift.min(cells, (group + 1) * QuantileSketch.cellsPerGroup)
            for cell in group * QuantileSketch.cellsPerGroup..<end { add(cell: cell, values(cell), count: count) }
            groupLocks[group].unlock()
        }
    }

    /// The caller holds the cell's group (or is alone).
    private func add(cell: Int, _ values: UnsafePointer<Double>, count: Int) {
        let bins = counts + cell * QuantileSketch.bins
        let lo = self.lo[cell], scale = self.scale[cell], top = Double(QuantileSketch.bins)
        var low = 0, high = 0, zero = 0
        var smallest = minimum[cell], largest = maximum[cell]
        for i in 0..<count {
            let v = values[i]
            zero &+= v <= 0 ? 1 : 0
            let x = (v - lo) * scale
            if x < 0 {
                low &+= 1
                smallest = Swift.min(smallest, v)
            } else if x >= top {
                high &+= 1
                largest = Swift.max(largest, v)
            } else {
                bins[Int(x)] &+= 1
            }
        }
        below[cell] += low
        above[cell] += high
        atMostZero[cell] += zero
        minimum[cell] = smallest
        maximum[cell] = largest
    }

    /// Values counted in `cell` (every worker done).
    func total(_ cell: Int) -> Int {
        var sum = below[cell] + above[cell]
        let bins = counts + cell * QuantileSketch.bins
        for b in 0..<QuantileSketch.bins { sum += Int(bins[b]) }
        return sum
    }

    func countAtMostZero(_ cell: Int) -> Int { atMostZero[cell] }

    /// The estimate of the r-th smallest value (0-based) of `cell`.
    func orderStatistic(_ cell: Int, _ r: Int) -> Double {
        var seen = 0
        func within(_ start: Double, _ width: Double, _ count: Int) -> Double {
            start + (Double(r - seen) + 0.5) / Double(count) * width
        }
        let lo = self.lo[cell], hi = self.hi[cell]
        if r < below[cell] { return within(minimum[cell], lo - minimum[cell], below[cell]) }
        seen = below[cell]
        let width = (hi - lo) / Double(QuantileSketch.bins)
        let bins = counts + cell * QuantileSketch.bins
        for bin in 0..<QuantileSketch.bins where bins[bin] > 0 {
            let c = Int(bins[bin])
            if r < seen + c { return within(lo + Double(bin) * width, width, c) }
            seen += c
        }
        return within(hi, maximum[cell] - hi, Swift.max(above[cell], 1))
    }

    func quantile(_ cell: Int, _ p: Double) -> Double {
        let h = Double(total(cell) - 1) * p
        let lower = Int(h.rounded(.down))
        let a = orderStatistic(cell, lower)
        guard h > Double(lower) else { return a }
        return a + (h - Double(lower)) * (orderStatistic(cell, lower + 1) - a)
    }
}
