import Dispatch
import Foundation
import WijkSimModel

/// `wijksim sensitivity` (CONTRACT §12): which uncertain parameter drives
/// which outcome. The factors are the plan's distributed parameters; a
/// design puts each evaluation at a point of the unit hypercube, each
/// factor's coordinate is mapped through its distribution's quantile
/// function (truncation included) and handed to the engine as a per-draw
/// table (`ParameterSource.table`): one evaluation is one draw, and all of
/// them run in one engine run. Every draw takes draw 0's `sim.normal()` and
/// `sim.uniform()` (`Plan.noiseDraw`), so only the parameters differ.
package enum SensitivityMethod: String, Sendable, CaseIterable {
    case sobol, morris

    package var defaultSamples: Int { self == .sobol ? 1024 : 100 }
}

/// One factor: a distributed parameter of one instance (a `per_wijk` one
/// too, then with the same quantile in every wijk of an evaluation).
package struct SensitivityFactor: Equatable, Sendable {
    package var instance: Int
    package var parameter: Int
    package var name: String
    package var distribution: Distribution
}

/// Where each evaluation lies in the unit hypercube, and how to read the
/// outputs back into indices.
package struct SensitivityDesign: Sendable {
    package let method: SensitivityMethod
    package let factors: [SensitivityFactor]
    /// N: base samples (sobol) or trajectories (morris).
    package let samples: Int
    /// `points[evaluation][factor]`, each in (0, 1).
    package let points: [[Double]]
    /// Morris: per trajectory and step, the factor moved and the signed
    /// change of its coordinate.
    package let moves: [[(factor: Int, delta: Double)]]
    let seed: UInt64

    package var evaluations: Int { points.count }

    /// The factors of a plan: its distributed parameters, in instance and
    /// parameter order.
    package static func factors(of plan: Plan) -> [SensitivityFactor] {
        var factors: [SensitivityFactor] = []
        for (k, instance) in plan.instances.enumerated() {
            let descriptor = plan.plugins[instance.plugin]
            for (p, source) in instance.params.enumerated() {
                if case let .distributed(distribution, _) = source {
                    factors.append(SensitivityFactor(instance: k, parameter: p, name: "\(instance.name).\(descriptor.params[p].name)",
                                                     distribution: distribution))
                }
            }
        }
        return factors
    }

    /// Saltelli's scheme: base matrices A (Sobol' dimensions 1…k) and B
    /// (k+1…2k) from points 1…N of the sequence (point 0, the origin, is
    /// skipped: a normal's quantile there is −∞); per base sample j the
    /// evaluations A_j, AB^1_j … AB^k_j (A_j with column i from B_j), B_j:
    /// N(k+2) in all. Points on a cell's lower edge are nudged half a cell of
    /// 2^-32 inward, so no coordinate is exactly 0.
    package static func sobol(factors: [SensitivityFactor], samples: Int, seed: UInt64) -> SensitivityDesign {
        let k = factors.count
        precondition(k >= 1 && 2 * k <= SobolSequence.maxDimensions)
        let sequence = SobolSequence(dimensions: 2 * k)
        var points: [[Double]] = []
        points.reserveCapacity(samples * (k + 2))
        for j in 0..<samples {
            let x = sequence.point(j + 1).map { Swift.max($0, 0x1.0p-33) }
            let a = Array(x[0..<k]), b = Array(x[k..<2 * k])
            points.append(a)
            for i in 0..<k {
                var ab = a
                ab[i] = b[i]
                points.append(ab)
            }
            points.append(b)
        }
        return SensitivityDesign(method: .sobol, factors: factors, samples: samples, points: points, moves: [], seed: seed)
    }

    /// Morris's trajectories on a 4-level grid: the levels are the centres
    /// of the four quartiles of each distribution, u ∈ {1/8, 3/8, 5/8, 7/8}
    /// (the ends 0 and 1 would be ±∞ for a normal), and a step moves one
    /// factor by two levels, Δu = ±1/2, so each trajectory's k+1 points
    /// move every factor once, in a random order. Start levels, directions
    /// and orders come from the counter RNG keyed by the seed: N(k+1)
    /// evaluations.
    package static func morris(factors: [SensitivityFactor], trajectories: Int, seed: UInt64) -> SensitivityDesign {
        let k = factors.count
        precondition(k >= 1)
        let key = CounterRandom.combine(seed, CounterRandom.key("morris"))
        var points: [[Double]] = []
        var moves: [[(factor: Int, delta: Double)]] = []
        for t in 0..<trajectories {
            let trajectoryKey = CounterRandom.combine(key, UInt64(t))
            var counter: UInt64 = 0
            func next() -> UInt64 { counter += 1; return CounterRandom.combine(trajectoryKey, counter) }
            var levels = [Int](repeating: 0, count: k)
            var directions = [Int](repeating: 1, count: k)
            for i in 0..<k {
                let up = next() & 1 == 0
                directions[i] = up ? 1 : -1
                levels[i] = Int(next() & 1) + (up ? 0 : 2)
            }
            var order = Array(0..<k)
            for i in stride(from: k - 1, to: 0, by: -1) {
                order.swapAt(i, Int(next() % UInt64(i + 1)))
            }
            func coordinates() -> [Double] { levels.map { (Double($0) + 0.5) / 4 } }
            points.append(coordinates())
            var steps: [(factor: Int, delta: Double)] = []
            for i in order {
                levels[i] += 2 * directions[i]
                points.append(coordinates())
                steps.append((i, Double(directions[i]) * 0.5))
            }
            moves.append(steps)
        }
        return SensitivityDesign(method: .morris, factors: factors, samples: trajectories, points: points, moves: moves, seed: seed)
    }

    /// The plan that runs every evaluation as one draw: the factors as
    /// per-draw tables of their quantiles, the first variant's swept values
    /// fixed, draw 0's random numbers everywhere.
    package func plan(from base: Plan) -> Plan {
        var plan = base
        plan.draws = evaluations
        plan.scenario.draws = evaluations
        plan.variants = 1
        plan.noiseDraw = 0
        plan.sampling = .random
        plan.trace = nil
        for k in plan.instances.indices {
            for p in plan.instances[k].params.indices {
                if case let .swept(values) = plan.instances[k].params[p] {
                    plan.instances[k].params[p] = .constant(values[0])
                }
            }
        }
        for (f, factor) in factors.enumerated() {
            let values = points.map { factor.distribution.quantile($0[f]) }
            plan.instances[factor.instance].params[factor.parameter] = .table(ParameterTable(values: values))
        }
        return plan
    }
}

/// A factor's indices for one output: S1, its half interval, ST, its half
/// interval (sobol); or mu*, its half interval, sigma, and mu (morris).
package struct FactorIndices: Equatable, Sendable {
    package var first: Double
    package var firstConf: Double
    package var second: Double
    package var secondConf: Double

    package static let zero = FactorIndices(first: 0, firstConf: 0, second: 0, secondConf: 0)

    package init(first: Double, firstConf: Double, second: Double, secondConf: Double) {
        self.first = first; self.firstConf = firstConf; self.second = second; self.secondConf = secondConf
    }

    /// Sobol'.
    package var s1: Double { first }
    package var s1Conf: Double { firstConf }
    package var st: Double { second }
    package var stConf: Double { secondConf }
    /// Morris.
    package var muStar: Double { first }
    package var muStarConf: Double { firstConf }
    package var sigma: Double { second }
}

/// The indices of every factor for every wijk (and the city, as wijk
/// `wijkCount`) and indicator in one year.
package struct SensitivityResults: Sendable {
    package let design: SensitivityDesign
    /// The plan that ran the evaluations (its draws are the evaluations).
    package let plan: Plan
    package let year: Int
    /// The outputs are the gaps to the city rather than the values.
    package let gaps: Bool
    /// `indices[wijk × indicators + indicator][factor]`.
    package let indices: [[FactorIndices]]
    /// The variance of the output over the base samples (sobol) or all
    /// points (morris), per row: 0 where nothing moves it.
    package let variance: [Double]
    package let seconds: Double

    package var method: SensitivityMethod { design.method }
    package var factors: [SensitivityFactor] { design.factors }

    package func indices(wijk: Int, indicator: Int) -> [FactorIndices] {
        indices[wijk * plan.indicatorCount + indicator]
    }

    /// The wijken that an intervention targets, in data order.
    package var focusWijken: [Int] {
        (0..<plan.wijkCount).filter { w in plan.instances.contains { $0.kind == .intervention && $0.mask[w] != 0 } }
    }
}

package enum Sensitivity {
    /// Bootstrap resamples for the intervals (as SALib's defaults).
    static let sobolResamples = 100
    static let morrisResamples = 1000
    /// z for a 95 % interval: the intervals are ± z × the bootstrap's sd.
    static let z = 1.959963984540054

    /// Runs the design's evaluations in one engine run and computes the
    /// indices of the values, or with `gaps` of the gaps to the city
    /// (x − city for lower_better, city − x for higher_better; the city's
    /// own rows are then 0).
    package static func run(_ design: SensitivityDesign, base: Plan, year: Int, gaps: Bool = false, threads: Int) throws -> SensitivityResults {
        let start = Date()
        let plan = design.plan(from: base)
        let values = try Engine.yearValues(plan, year: year, threads: threads)
        if gaps { values.toGaps(plan) }
        let indices = analyse(design, values: values, threads: threads)
        return SensitivityResults(design: design, plan: plan, year: year, gaps: gaps, indices: indices.indices,
                                  variance: indices.variance, seconds: Date().timeIntervalSince(start))
    }

    /// The indices of every row of `values` (one column per evaluation).
    package static func analyse(_ design: SensitivityDesign, values: YearValues, threads: Int) -> (indices: [[FactorIndices]], variance: [Double]) {
        let rows = values.rows
        let resampleKey = CounterRandom.combine(design.seed, CounterRandom.key("bootstrap"))
        let units = design.samples
        let resamples = design.method == .sobol ? sobolResamples : morrisResamples
        // the same resampled base samples (or trajectories) for every row
        var picks = [Int](repeating: 0, count: resamples * units)
        for r in 0..<resamples {
            let key = CounterRandom.combine(resampleKey, UInt64(r))
            for j in 0..<units { picks[r * units + j] = Int(CounterRandom.unit(CounterRandom.combine(key, UInt64(j))) * Double(units)) }
        }
        let chosen = picks
        let out = RowResults(rows: rows)
        let stripes = Swift.max(1, Swift.min(threads, rows))
        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
            for row in stride(from: stripe, to: rows, by: stripes) {
                let y = values.row(row)
                let result = design.method == .sobol
                    ? sobolRow(y, design: design, picks: chosen, resamples: resamples)
                    : morrisRow(y, design: design, picks: chosen, resamples: resamples)
                out.set(row, result)
            }
        }
        return (out.indices, out.variance)
    }

    /// Saltelli (2010) for S1, Jansen (1999) for ST, the variance of A and B
    /// together (Saltelli et al. 2010, Table 2; as SALib):
    ///   S1_i = mean_j((f(B_j) − f₀)·(f(AB^i_j) − f(A_j))) / V
    ///   ST_i = mean_j((f(A_j) − f(AB^i_j))²) / (2V)
    /// with f₀ the mean of the A and B outputs of the sample: centring does
    /// not change what S1 estimates (the mean of AB − A is 0), but keeps an
    /// indicator's level (say 30 %) out of its sampling error, which
    /// otherwise made the intervals wider than the indices.
    static func sobolRow(_ y: UnsafeBufferPointer<Double>, design: SensitivityDesign, picks: [Int], resamples: Int)
        -> (indices: [FactorIndices], variance: Double) {
        let k = design.factors.count, n = design.samples, stride = k + 2
        let all = Array(0..<n)
        func moments(_ sample: ArraySlice<Int>) -> (mean: Double, variance: Double) {
            let shift = y[0]   // about a shift, so that large levels do not cancel
            var sum = 0.0, sumSquares = 0.0
            for j in sample {
                let a = y[j * stride] - shift, b = y[j * stride + k + 1] - shift
                sum += a + b
                sumSquares += a * a + b * b
            }
            let count = 2 * Double(sample.count)
            let mean = sum / count
            return (mean + shift, Swift.max(0, sumSquares / count - mean * mean))
        }
        func estimate(_ sample: ArraySlice<Int>, factor i: Int, mean: Double) -> (Double, Double) {
            var first = 0.0, total = 0.0
            for j in sample {
                let a = y[j * stride], ab = y[j * stride + 1 + i], b = y[j * stride + k + 1]
                first += (b - mean) * (ab - a)
                total += (a - ab) * (a - ab)
            }
            let count = Double(sample.count)
            return (first / count, total / (2 * count))
        }
        let (mean, variance) = moments(all[...])
        guard variance > negligible(y) else { return (Array(repeating: .zero, count: k), 0) }
        let resampled = (0..<resamples).map { r in moments(picks[(r * n)..<((r + 1) * n)]) }
        var result: [FactorIndices] = []
        for i in 0..<k {
            let (first, total) = estimate(all[...], factor: i, mean: mean)
            var s1s: [Double] = [], sts: [Double] = []
            for r in 0..<resamples where resampled[r].variance > 0 {
                let (f, t) = estimate(picks[(r * n)..<((r + 1) * n)], factor: i, mean: resampled[r].mean)
                s1s.append(f / resampled[r].variance)
                sts.append(t / resampled[r].variance)
            }
            result.append(FactorIndices(first: first / variance, firstConf: z * sd(s1s), second: total / variance, secondConf: z * sd(sts)))
        }
        return (result, variance)
    }

    /// Elementary effects per unit of the hypercube, EE = Δf / Δu; mu* the
    /// mean of |EE|, sigma their sd (n − 1), mu*'s interval by bootstrap
    /// over the trajectories.
    static func morrisRow(_ y: UnsafeBufferPointer<Double>, design: SensitivityDesign, picks: [Int], resamples: Int)
        -> (indices: [FactorIndices], variance: Double) {
        let k = design.factors.count, n = design.samples
        var effects = [[Double]](repeating: [Double](repeating: 0, count: n), count: k)
        for t in 0..<n {
            let base = t * (k + 1)
            for (s, move) in design.moves[t].enumerated() {
                effects[move.factor][t] = (y[base + s + 1] - y[base + s]) / move.delta
            }
        }
        var mean = 0.0
        for value in y { mean += value - y[0] }
        mean /= Double(y.count)
        var variance = 0.0
        for value in y { variance += (value - y[0] - mean) * (value - y[0] - mean) }
        variance /= Double(y.count)
        guard variance > negligible(y) else { return (Array(repeating: .zero, count: k), 0) }
        let result = effects.map { ee -> FactorIndices in
            let muStar = ee.reduce(0) { $0 + abs($1) } / Double(n)
            var boot: [Double] = []
            boot.reserveCapacity(resamples)
            for r in 0..<resamples {
                var sum = 0.0
                for j in picks[(r * n)..<((r + 1) * n)] { sum += abs(ee[j]) }
                boot.append(sum / Double(n))
            }
            let mu = ee.reduce(0, +) / Double(n)
            return FactorIndices(first: muStar, firstConf: z * sd(boot), second: sd(ee), secondConf: mu)
        }
        return (result, variance)
    }

    /// A variance this small is rounding, not an effect: the output does not move.
    static func negligible(_ y: UnsafeBufferPointer<Double>) -> Double {
        let scale = y.reduce(0) { Swift.max($0, abs($1)) }
        return (scale * 1e-12) * (scale * 1e-12)
    }

    static func sd(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}

/// Rows computed on several threads, each row written once.
private final class RowResults: @unchecked Sendable {  // unchecked: each row is set by one thread, read after all
    var indices: [[FactorIndices]]
    var variance: [Double]
    let lock = NSLock()

    init(rows: Int) {
        indices = Array(repeating: [], count: rows)
        variance = Array(repeating: 0, count: rows)
    }

    func set(_ row: Int, _ result: (indices: [FactorIndices], variance: Double)) {
        lock.lock(); defer { lock.unlock() }
        indices[row] = result.indices
        variance[row] = result.variance
    }
}
