import WijkSimModel

/// Over the draws: the mean and the p05, p50, p95 of one cell, or of a
/// series' cells year by year.
package struct Band: Equatable, Sendable {
    package var mean: Double
    package var p05: Double
    package var p50: Double
    package var p95: Double

    /// Unweighted: percentiles as `Results` computes them (NumPy's linear).
    package init(_ values: [Double]) {
        var copy = values
        mean = values.reduce(0, +) / Double(max(values.count, 1))
        if copy.count == 1 {
            (p05, p50, p95) = (copy[0], copy[0], copy[0])
        } else {
            let p = copy.withUnsafeMutableBufferPointer { Selection.percentiles($0.baseAddress!, count: $0.count) }
            (p05, p50, p95) = p
        }
    }

    /// Weighted by `weights` (summing to 1): the weighted mean, and the
    /// smallest value whose cumulative weight reaches p.
    package init(_ values: [Double], weights: [Double], order: [Int]? = nil) {
        let sorted = order ?? values.indices.sorted { values[$0] < values[$1] }
        var sum = 0.0
        for (v, w) in zip(values, weights) { sum += v * w }
        mean = sum
        var result = [Double](repeating: values[sorted.last!], count: 3)
        let targets = [0.05, 0.5, 0.95]
        var cumulative = 0.0, t = 0
        for i in sorted {
            cumulative += weights[i]
            while t < 3, cumulative >= targets[t] * (1 - 1e-12) {
                result[t] = values[i]
                t += 1
            }
            if t == 3 { break }
        }
        (p05, p50, p95) = (result[0], result[1], result[2])
    }

    package init(mean: Double, p05: Double, p50: Double, p95: Double) {
        self.mean = mean; self.p05 = p05; self.p50 = p50; self.p95 = p95
    }
}

/// The observed series of one wijk (or the city) and indicator: its
/// observations and the predicted band in every year.
package struct ObservedSeries: Sendable {
    package var wijk: Int
    package var indicator: Int
    package var observations: [Observation]
    /// One per year from..to.
    package var band: [Band]
}

/// One observation set against the predicted band (CONTRACT §11, monitor.csv).
package struct MonitorRow: Sendable {
    package enum Direction: String, Sendable { case better, worse }

    package var observation: Observation
    package var band: Band
    /// Outside [p05, p95]: better or worse than predicted, by polarity.
    package var direction: Direction?
    package var outside: Bool { direction != nil }

    package init(observation: Observation, band: Band, polarity: Polarity) {
        self.observation = observation
        self.band = band
        let value = observation.value
        // rounding in the data (a start-year observation equals a band of zero width) is not news
        let slack = 1e-9 * max(1, abs(value))
        if value < band.p05 - slack {
            direction = polarity == .lowerBetter ? .better : .worse
        } else if value > band.p95 + slack {
            direction = polarity == .lowerBetter ? .worse : .better
        } else {
            direction = nil
        }
    }
}

/// `monitor` (CONTRACT §11): one run of the scenario's variant, every
/// observation against its cell's band, and the whole series of every
/// observed wijk and indicator for the charts.
package struct Monitoring: Sendable {
    package let plan: Plan
    package let variant: Int
    package let rows: [MonitorRow]
    package let series: [ObservedSeries]

    package static func run(_ plan: Plan, variant: Int = 0, observations: [Observation], threads: Int,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Monitoring {
        let keys = seriesKeys(observations)
        let cells = keys.flatMap { key in (0..<plan.yearCount).map { plan.cell(wijk: key.wijk, indicator: key.indicator, yearIndex: $0) } }
        let watched = try Engine.watch(plan, variant: variant, cells: cells, threads: threads, progress: progress)
        let series = keys.map { key in
            ObservedSeries(wijk: key.wijk, indicator: key.indicator,
                           observations: observations.filter { $0.wijk == key.wijk && $0.indicator == key.indicator }.sorted { $0.year < $1.year },
                           band: (0..<plan.yearCount).map { Band(watched.values(ofCell: plan.cell(wijk: key.wijk, indicator: key.indicator, yearIndex: $0))!) })
        }
        let rows = observations.map { o in
            let s = series.first { $0.wijk == o.wijk && $0.indicator == o.indicator }!
            return MonitorRow(observation: o, band: s.band[o.year - plan.firstYear], polarity: plan.city.indicators[o.indicator].polarity)
        }
        return Monitoring(plan: plan, variant: variant, rows: rows, series: series)
    }

    /// The observed (wijk, indicator) pairs in data order, the city last.
    static func seriesKeys(_ observations: [Observation]) -> [(wijk: Int, indicator: Int)] {
        var keys: [(wijk: Int, indicator: Int)] = []
        for o in observations where !keys.contains(where: { $0.wijk == o.wijk && $0.indicator == o.indicator }) {
            keys.append((o.wijk, o.indicator))
        }
        return keys.sorted { ($0.wijk, $0.indicator) < ($1.wijk, $1.indicator) }
    }

    /// Rows in the order people read them: per wijk (data order, the city
    /// last), per indicator, per year.
    package var orderedRows: [MonitorRow] {
        rows.sorted { ($0.observation.wijk, $0.observation.indicator, $0.observation.year) < ($1.observation.wijk, $1.observation.indicator, $1.observation.year) }
    }
}
