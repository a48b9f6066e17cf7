/// Percentiles of one cell without holding its draws: a histogram of
/// `bins` equal bins over the range seen in the first draws (the pilot,
/// widened by 10 % each side), plus counts and exact extremes below and
/// above it. A quantile is read off by interpolating within its bin.
///
/// Error bound: a quantile that falls inside the pilot range is within one
/// bin width, (range)/`bins`, of the exact one; outside it, within the
/// tail's width (gmin..lo or hi..gmax). Counts are integers, so the sketch
/// does not depend on the order draws are added in.
struct QuantileSketch {
    static let bins = 2048
    let lo: Double
    let hi: Double
    let scale: Double
    var counts: [UInt32]
    var below = 0, above = 0
    var minimum = Double.infinity, maximum = -Double.infinity

    init(pilot values: UnsafeMutablePointer<Double>, count: Int) {
        var low = Double.infinity, high = -Double.infinity
        for i in 0..<count { low = min(low, values[i]); high = max(high, values[i]) }
        let margin = max((high - low) * 0.1, max(abs(low), abs(high), 1) * 1e-9)
        lo = low - margin
        hi = high + margin
        scale = Double(QuantileSketch.bins) / (hi - lo)
        counts = [UInt32](repeating: 0, count: QuantileSketch.bins)
        add(values, count: count)
    }

    mutating func add(_ values: UnsafeMutablePointer<Double>, count: Int) {
        counts.withUnsafeMutableBufferPointer { bins in
            for i in 0..<count {
                let v = values[i]
                if v < minimum { minimum = v }
                if v > maximum { maximum = v }
                if v < lo { below += 1 } else if v >= hi { above += 1 } else {
                    bins[min(Int((v - lo) * scale), QuantileSketch.bins - 1)] += 1
                }
            }
        }
    }

    var total: Int { below + above + counts.reduce(0) { $0 + Int($1) } }

    /// The estimate of the r-th smallest value (0-based).
    func orderStatistic(_ r: Int) -> Double {
        var seen = 0
        func within(_ start: Double, _ width: Double, _ count: Int) -> Double {
            start + (Double(r - seen) + 0.5) / Double(count) * width
        }
        if r < below { return within(minimum, lo - minimum, below) }
        seen = below
        let width = (hi - lo) / Double(QuantileSketch.bins)
        for (bin, c) in counts.enumerated() where c > 0 {
            if r < seen + Int(c) { return within(lo + Double(bin) * width, width, Int(c)) }
            seen += Int(c)
        }
        return within(hi, maximum - hi, max(above, 1))
    }

    func quantile(_ p: Double) -> Double {
        let h = Double(total - 1) * p
        let lower = Int(h.rounded(.down))
        let a = orderStatistic(lower)
        guard h > Double(lower) else { return a }
        return a + (h - Double(lower)) * (orderStatistic(lower + 1) - a)
    }
}
