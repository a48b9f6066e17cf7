/// Where the gap cells are: enough of the plan to compute, per draw, the gap
/// of each (wijk, indicator) to the city in the end year. Both percentile
/// modes need the gaps per draw: the exact one of every draw at the end, the
/// sketched one of the pilot (for the ranges) and of every piece it counts.
struct GapLayout {
    var wijken: Int
    var indicators: Int
    var years: Int
    var lowerBetter: [Bool]

    init(_ plan: Plan) {
        wijken = plan.wijkCount
        indicators = plan.indicatorCount
        years = plan.yearCount
        lowerBetter = plan.city.indicators.map { $0.polarity == .lowerBetter }
    }

    /// One per (wijk, indicator): gap cell `g` is wijk `g / indicators`, indicator `g % indicators`.
    var gapCells: Int { wijken * indicators }

    /// The gap of gap cell `g` in each of `count` draws (+ = worse than the
    /// city), from the value rows `rows(cell)`.
    func gapRow(_ g: Int, _ rows: (Int) -> UnsafePointer<Double>, count: Int, into out: UnsafeMutablePointer<Double>) {
        let w = g / indicators, i = g % indicators, last = years - 1
        let x = rows((w * indicators + i) * years + last)
        let city = rows((wijken * indicators + i) * years + last)
        let s = lowerBetter[i] ? 1.0 : -1.0
        for d in 0..<count { out[d] = s * (x[d] - city[d]) + 0.0 }
    }

    /// All gap rows, `gapCells` × `count`, for the caller to deallocate.
    func gapRows(_ rows: (Int) -> UnsafePointer<Double>, count: Int) -> UnsafeMutablePointer<Double> {
        let gaps = UnsafeMutablePointer<Double>.allocate(capacity: max(1, gapCells * count))
        for g in 0..<gapCells { gapRow(g, rows, count: count, into: gaps + g * count) }
        return gaps
    }
}
