import Foundation
import WijkSimModel

/// One uncertain parameter (per wijk for a `per_wijk` one) before and after
/// the observations.
package struct LearnedParameter: Sendable {
    package var instance: String
    package var param: String
    /// Set for a `per_wijk` parameter: this row is that wijk's value.
    package var wijk: String?
    /// True when the instance acts on the wijk (always for a shared value).
    package var targeted: Bool
    /// The value in each draw of the run.
    package var values: [Double]
    package var prior: Band
    package var posterior: Band

    package var column: String { SampleColumn.name(instance: instance, param: param, wijk: wijk) }

    /// How much narrower the p05–p95 band became (0: not at all, 1: to a point).
    package var narrowing: Double {
        let before = prior.p95 - prior.p05
        return before > 0 ? 1 - (posterior.p95 - posterior.p05) / before : 0
    }
}

/// `learn` (CONTRACT §11): likelihood weighting of the prior draws. One run
/// keeps each draw's value of every observed cell (`Engine.watch`); the
/// parameters of draw d are recomputed from their sources as the engine drew
/// them; draw d's weight is Π N(observed | simulated_d, sd). The posterior
/// sample resamples the draws by weight with counter-based random numbers,
/// so it depends on the seed only.
package struct Learning: Sendable {
    package let plan: Plan
    package let observations: [Observation]
    /// Normalised: they sum to 1.
    package let weights: [Double]
    /// Kish's effective sample size, (Σw)² / Σw².
    package let effectiveDraws: Double
    package let parameters: [LearnedParameter]
    /// Per observed series: the band before (prior) and after (weighted).
    package let series: [(prior: ObservedSeries, posterior: ObservedSeries)]
    /// The draws the posterior sample takes, in its row order.
    package let resampled: [Int]

    /// Below this many effective draws the posterior is too rough to trust.
    package static let lowEffectiveDraws = 200.0
    /// What a rerun should aim for.
    package static let wantedEffectiveDraws = 1000.0

    package static func run(_ plan: Plan, observations: [Observation], threads: Int,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Learning {
        var plan = plan
        plan.variants = 1
        // nothing after the last observation changes a weight: stop there
        let lastObserved = observations.map(\.year).max() ?? plan.firstYear
        plan.stopYear = lastObserved
        let years = lastObserved - plan.firstYear + 1
        let keys = Monitoring.seriesKeys(observations)
        let cells = keys.flatMap { key in (0..<years).map { plan.cell(wijk: key.wijk, indicator: key.indicator, yearIndex: $0) } }
        let watched = try Engine.watch(plan, cells: cells, threads: threads, progress: progress)
        let draws = plan.draws
        // log-likelihood per draw, then weights scaled by the largest
        var logLikelihood = [Double](repeating: 0, count: draws)
        for o in observations {
            let values = watched.values(ofCell: plan.cell(wijk: o.wijk, indicator: o.indicator, yearIndex: o.year - plan.firstYear))!
            let scale = 1 / o.sd
            for d in 0..<draws {
                let z = (o.value - values[d]) * scale
                logLikelihood[d] -= 0.5 * z * z
            }
        }
        let top = logLikelihood.max() ?? 0
        var weights = logLikelihood.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        for d in 0..<draws { weights[d] /= total }
        let effective = 1 / weights.reduce(0) { $0 + $1 * $1 }

        var parameters: [LearnedParameter] = []
        let wijkKeys = plan.city.wijken.map(CounterRandom.key)
        for (k, instance) in plan.instances.enumerated() {
            let descriptor = plan.plugins[instance.plugin]
            for (p, source) in instance.params.enumerated() where source.isUncertain {
                let wijken: [Int?] = source.perWijk ? plan.city.wijken.indices.map { $0 } : [nil]
                for w in wijken {
                    let values = (0..<draws).map { source.value(variant: 0, draw: $0, wijk: w ?? 0, wijkKey: wijkKeys[w ?? 0], sampling: plan.sampling, draws: plan.draws) }
                    let order = values.indices.sorted { values[$0] < values[$1] }
                    parameters.append(LearnedParameter(
                        instance: plan.instances[k].name, param: descriptor.params[p].name,
                        wijk: w.map { plan.city.wijken[$0] }, targeted: w.map { instance.mask[$0] != 0 } ?? true,
                        values: values, prior: Band(values), posterior: Band(values, weights: weights, order: order)))
                }
            }
        }
        let series = keys.map { key -> (prior: ObservedSeries, posterior: ObservedSeries) in
            let observed = observations.filter { $0.wijk == key.wijk && $0.indicator == key.indicator }.sorted { $0.year < $1.year }
            let rows = (0..<years).map { watched.values(ofCell: plan.cell(wijk: key.wijk, indicator: key.indicator, yearIndex: $0))! }
            return (ObservedSeries(wijk: key.wijk, indicator: key.indicator, observations: observed, band: rows.map { Band($0) }),
                    ObservedSeries(wijk: key.wijk, indicator: key.indicator, observations: observed, band: rows.map { Band($0, weights: weights) }))
        }
        return Learning(plan: plan, observations: observations, weights: weights, effectiveDraws: effective,
                        parameters: parameters, series: series,
                        resampled: resample(weights, rows: draws, seed: plan.seed))
    }

    /// `rows` draws taken with probability equal to their weight, each row
    /// with its own counter-based uniform number: the same seed gives the
    /// same sample, and any first n rows are a sample by themselves.
    static func resample(_ weights: [Double], rows: Int, seed: UInt64) -> [Int] {
        var cumulative = [Double](repeating: 0, count: weights.count)
        var sum = 0.0
        for (d, w) in weights.enumerated() { sum += w; cumulative[d] = sum }
        let key = CounterRandom.combine(seed, CounterRandom.key("learn.resample"))
        return (0..<rows).map { r in
            let u = CounterRandom.unit(CounterRandom.combine(key, UInt64(r))) * sum
            var low = 0, high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] > u { high = middle } else { low = middle + 1 }
            }
            // a draw of weight 0 is never taken: step to the next with weight
            var d = low
            while d < weights.count - 1 && weights[d] == 0 { d += 1 }
            return d
        }
    }

    /// Draws a rerun would need for `wantedEffectiveDraws`, if the share of
    /// effective draws stays what it is.
    package var drawsNeeded: Int {
        let share = max(effectiveDraws / Double(plan.draws), 1e-9)
        let needed = (Learning.wantedEffectiveDraws / share).rounded(.up)
        return needed > 100_000_000 ? 100_000_000 : Int(needed)
    }

    package var isLow: Bool { effectiveDraws < Learning.lowEffectiveDraws }
}
