import WijkSimEngine
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// CONTRACT §2: same seed → same numbers whatever the threads or chunking;
/// draw d of two scenarios shares its random numbers per (instance, parameter).
final class RandomnessTests: UncertainScenarioTestCase {
    func testSameSeedGivesIdenticalNumbers() throws {
        XCTAssertEqual(allNumbers(try run(uncertain)), allNumbers(try run(uncertain)))
    }

    func testThreadCountDoesNotChangeAnyNumber() throws {
        let one = allNumbers(try run(uncertain, threads: 1, blocksPerChunk: 16))
        let two = allNumbers(try run(uncertain, threads: 2, blocksPerChunk: 16))
        let four = allNumbers(try run(uncertain, threads: 4, blocksPerChunk: 16))
        XCTAssertEqual(one, two)
        XCTAssertEqual(one, four)
    }

    func testChunkSizeDoesNotChangeAnyNumber() throws {
        let single = allNumbers(try run(uncertain, blocksPerChunk: 1))
        XCTAssertEqual(single, allNumbers(try run(uncertain, blocksPerChunk: 7)))
        XCTAssertEqual(single, allNumbers(try run(uncertain)))
    }

    func testAnotherSeedGivesOtherNumbers() throws {
        XCTAssertNotEqual(allNumbers(try run(uncertain)), allNumbers(try run(uncertain, seed: 8)))
    }

    func testDrawsArePairedAcrossScenariosPerInstanceAndParameter() throws {
        // B adds another uncertain instance before e: e's draws must not move.
        let b = city.scenario("b", """
            draws: 300
            seed: 7
            rules: [{plugin: ruis}]
            interventions:
              - name: anders
                plugin: effect
                wijken: [Zuid]
                params: {delta: {dist: normal, mean: 0, sd: 1, min: -5, max: 5}}
            \(UncertainScenarioTestCase.drawnIntervention)
            """)
        let a = try run(uncertain), other = try run(b)
        for wijk in ["Noord", "Oost"] {
            XCTAssertEqual(series(a, wijk, "armoede"), series(other, wijk, "armoede"))
            XCTAssertEqual(series(a, wijk, "meedoen"), series(other, wijk, "meedoen"))
        }
        XCTAssertEqual(a.costs[0], Array(other.costs[0][5...]))
    }

    func testTriangularDrawsHaveTheirMeanAndStayInRange() throws {
        let results = try run(uncertain, draws: 4000)
        // One step of delta: Noord 20 + delta, E[delta] = (−2 − 1 + 0)/3 = −1.
        XCTAssertEqual(mean(results, "Noord", "armoede", 2021), 19, accuracy: 0.02)
        let cell = results.cell(variant: 0, wijk: 0, indicator: 0, yearIndex: 1)
        XCTAssertGreaterThan(cell.p05, 18)
        XCTAssertLessThan(cell.p95, 20)
        // Triangular quantiles: p05 = a + sqrt(0.05·(b−a)(c−a)) = −2 + sqrt(0.1).
        XCTAssertEqual(cell.p05, 18 + 0.1.squareRoot(), accuracy: 0.03)
    }

    func testPerWijkDrawsDifferBetweenWijkenAndPerDrawValuesDoNot() throws {
        let results = try run(uncertain, draws: 1)
        // delta is per draw: every wijk moved by the same amount.
        let moves = ["Noord", "Oost", "Zuid"].map { mean(results, $0, "armoede", 2021) - mean(results, $0, "armoede", 2020) }
        XCTAssertEqual(moves[0], moves[1], accuracy: 1e-12)
        XCTAssertEqual(moves[0], moves[2], accuracy: 1e-12)
        // cost is per wijk: three different numbers between 10 and 20 summed.
        let spend = results.cost(variant: 0, instance: 1, step: 0)
        XCTAssertGreaterThan(spend, 30)
        XCTAssertLessThan(spend, 60)
    }

    func testTruncationKeepsDrawsInsideMinAndMax() throws {
        let file = city.scenario("trunc", """
            draws: 2000
            interventions:
              - plugin: effect
                wijken: [Noord]
                params: {delta: {dist: normal, mean: 0, sd: 3, min: -1, max: 0.5}}
            """)
        let cell = try run(file).cell(variant: 0, wijk: 0, indicator: 0, yearIndex: 1)
        XCTAssertGreaterThanOrEqual(cell.p05, 19)
        XCTAssertLessThanOrEqual(cell.p95, 20.5)
        XCTAssertGreaterThan(cell.p95, 20.3)
    }

    func testDistributionQuantilesMatchClosedForms() {
        let triangular = Distribution(shape: .triangular(low: 0, mode: 1, high: 4))
        XCTAssertEqual(triangular.quantile(0.25), 1, accuracy: 1e-12)   // F(1) = 1/4
        let uniform = Distribution(shape: .uniform(low: 2, high: 6), min: 3)
        XCTAssertEqual(uniform.quantile(0.5), 4.5, accuracy: 1e-12)
        let normal = Distribution(shape: .normal(mean: 10, sd: 2))
        XCTAssertEqual(normal.quantile(0.975), 10 + 2 * 1.959963984540054, accuracy: 1e-9)
        let lognormal = Distribution(shape: .lognormal(mean: 2, sdLog: 0.5))
        // median = exp(μ) with μ = ln(mean) − σ²/2
        XCTAssertEqual(lognormal.quantile(0.5), 2 * exp(-0.125), accuracy: 1e-12)
        XCTAssertEqual(CounterRandom.normalQuantile(0.5), 0)
        XCTAssertEqual(CounterRandom.normalQuantile(1e-10), -6.361340902404056, accuracy: 1e-9)
    }
}

/// Percentiles: exact when the draws fit, a sketch with a bound when not.
final class PercentileTests: EngineTestCase {
    func testSketchAgreesWithExactPercentilesWithinOneBinWidth() throws {
        let file = normalEffectScenario("veel", draws: 20000)
        let exact = try run(file, threads: 2, exactPercentiles: true)
        let sketch = try run(file, threads: 2, exactPercentiles: false)
        XCTAssertTrue(exact.exactPercentiles)
        XCTAssertFalse(sketch.exactPercentiles)
        var compared = 0
        for (e, s) in zip(exact.trajectories[0], sketch.trajectories[0]) {
            XCTAssertEqual(e.mean, s.mean)
            // Pilot range after t steps of N(−1, 1) per step spans about ±4.5·sqrt(t):
            // a bin is at most (range · 1.2) / 2048 wide.
            let bound = max(1e-9, (e.p95 - e.p05) * 3 * 1.2 / 2048)
            XCTAssertEqual(e.p05, s.p05, accuracy: bound)
            XCTAssertEqual(e.p50, s.p50, accuracy: bound)
            XCTAssertEqual(e.p95, s.p95, accuracy: bound)
            compared += 1
        }
        XCTAssertEqual(compared, 4 * 2 * 6)
        // the end-year gap to the city per draw: sketched too, the share closed is a count in both
        for wijk in 0..<exact.plan.wijkCount {
            for indicator in 0..<exact.plan.indicatorCount {
                let e = try XCTUnwrap(exact.endGap(variant: 0, wijk: wijk, indicator: indicator))
                let s = try XCTUnwrap(sketch.endGap(variant: 0, wijk: wijk, indicator: indicator))
                XCTAssertEqual(e.closedShare, s.closedShare)
                let bound = max(1e-9, (e.p95 - e.p05) * 3 * 1.2 / 2048)
                XCTAssertEqual(e.p05, s.p05, accuracy: bound)
                XCTAssertEqual(e.p95, s.p95, accuracy: bound)
            }
        }
    }

    func testSketchedRunsDoNotDependOnThreadsOrChunks() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let file = city.scenario("veel", """
            draws: 9000
            interventions: [{plugin: effect, params: {delta: {dist: uniform, low: -2, high: 1}}}]
            """)
        let one = try run(file, threads: 1, blocksPerChunk: 700, exactPercentiles: false)
        let two = try run(file, threads: 2, blocksPerChunk: 700, exactPercentiles: false)
        let otherChunks = try run(file, threads: 2, blocksPerChunk: 333, exactPercentiles: false)
        // chunks of whole 64-draw groups are counted year by year as they are
        // simulated (`YearStream`), the others after the chunk: the same bits
        let streamed = try run(file, threads: 2, blocksPerChunk: 640, exactPercentiles: false)
        let streamedAlone = try run(file, threads: 1, blocksPerChunk: 128, exactPercentiles: false)
        // the engine's own chunks begin at the pilot's end: the pilot is
        // recorded into its store, and a worker that takes a chunk after it
        // waits for the sketch instead of copying the chunk
        let cut = try run(file, threads: 2, exactPercentiles: false)
        let cutAlone = try run(file, threads: 1, exactPercentiles: false)
        XCTAssertFalse(one.exactPercentiles)
        XCTAssertEqual(one.trajectories[0], cut.trajectories[0])
        XCTAssertEqual(one.endGaps[0], cut.endGaps[0])
        XCTAssertEqual(one.costs[0], cut.costs[0])
        XCTAssertEqual(one.trajectories[0], cutAlone.trajectories[0])
        XCTAssertEqual(one.endGaps[0], cutAlone.endGaps[0])
        XCTAssertEqual(one.trajectories[0], two.trajectories[0])
        XCTAssertEqual(one.trajectories[0], otherChunks.trajectories[0])
        XCTAssertEqual(one.endGaps[0], otherChunks.endGaps[0])
        XCTAssertEqual(one.trajectories[0], streamed.trajectories[0])
        XCTAssertEqual(one.endGaps[0], streamed.endGaps[0])
        XCTAssertEqual(one.trajectories[0], streamedAlone.trajectories[0])
        XCTAssertEqual(one.costs[0], streamedAlone.costs[0])
    }

    /// A worker counts into 16-bit bins and moves them into wider ones
    /// before one could overflow: 70,000 draws on one thread pass 65,535 in
    /// every cell, and a bin as full as that must still count right.
    func testSketchCountsPastSixteenBitsInOneWorker() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let file = city.scenario("veel", """
            draws: 70000
            interventions: [{plugin: effect, params: {delta: {dist: uniform, low: -2, high: 1}}}]
            """)
        let exact = try run(file, threads: 1, exactPercentiles: true)
        let sketch = try run(file, threads: 1, exactPercentiles: false)
        let split = try run(file, threads: 2, blocksPerChunk: 3000, exactPercentiles: false)
        XCTAssertFalse(sketch.exactPercentiles)
        XCTAssertEqual(sketch.trajectories[0], split.trajectories[0])
        XCTAssertEqual(sketch.endGaps[0], split.endGaps[0])
        for (e, s) in zip(exact.trajectories[0], sketch.trajectories[0]) {
            XCTAssertEqual(e.mean, s.mean)
            // a uniform step: the pilot's range is the whole range, a bin 1.2 × range / 2048 wide
            let bound = max(1e-9, (e.p95 - e.p05) / 0.9 * 1.2 / 2048)
            XCTAssertEqual(e.p05, s.p05, accuracy: bound)
            XCTAssertEqual(e.p50, s.p50, accuracy: bound)
            XCTAssertEqual(e.p95, s.p95, accuracy: bound)
        }
        for wijk in 0..<exact.plan.wijkCount {
            for indicator in 0..<exact.plan.indicatorCount {
                let e = try XCTUnwrap(exact.endGap(variant: 0, wijk: wijk, indicator: indicator))
                let s = try XCTUnwrap(sketch.endGap(variant: 0, wijk: wijk, indicator: indicator))
                XCTAssertEqual(e.closedShare, s.closedShare)
            }
        }
    }

    func testSelectionQuantileEqualsTheSortedDefinition() {
        var values = (0..<1001).map { Double(($0 * 7919) % 1001) / 10 }
        let sorted = values.sorted()
        for p in [0.05, 0.5, 0.95, 0.123] {
            let expected = Results.quantile(sorted, p)
            let got = values.withUnsafeMutableBufferPointer { Selection.quantile($0.baseAddress!, count: 1001, p) }
            XCTAssertEqual(got, expected, accuracy: 1e-12)
        }
    }
}

final class SelectionTests: XCTestCase {
    func testThreePercentilesAtOnceEqualTheSortedDefinition() {
        // 65–511: ranks selected one after another among what is left
        for n in [1, 2, 3, 7, 20, 21, 65, 81, 100, 200, 201, 511, 512, 1001, 4096] {
            // n > 997 repeats values: ties must not upset the selection
            var values = (0..<n).map { Double(($0 * 7919 + 13) % 997) / 7 }
            let sorted = values.sorted()
            let got = values.withUnsafeMutableBufferPointer { Selection.percentiles($0.baseAddress!, count: n) }
            XCTAssertEqual(got.p05, Results.quantile(sorted, 0.05), accuracy: 1e-12, "n = \(n)")
            XCTAssertEqual(got.p50, Results.quantile(sorted, 0.5), accuracy: 1e-12, "n = \(n)")
            XCTAssertEqual(got.p95, Results.quantile(sorted, 0.95), accuracy: 1e-12, "n = \(n)")
        }
    }
}

/// The end-year gap over draws: spread and the share of draws closed.
final class EndGapTests: EngineTestCase {
    func testShareOfDrawsClosedFollowsTheDistribution() throws {
        // Noord armoede 20, city 8 (households 100 of 1000): one step of
        // delta ~ U(−20, 0) in Noord only; gap(2021) = 20 + δ − (8 + 0.1 δ) = 12 + 0.9 δ,
        // closed (≤ 0) when δ ≤ −13.33…: probability (20 − 13.33)/20 = 1/3.
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -20, max: 5))
        let file = city.scenario("s", """
            years: {from: 2020, to: 2021}
            draws: 6000
            interventions: [{plugin: effect, wijken: [Noord], params: {delta: {dist: uniform, low: -20, high: 0}}}]
            """, header: false)
        let body = "name: s\ndata: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}\n" + (try String(contentsOfFile: file, encoding: .utf8))
        try body.write(toFile: file, atomically: true, encoding: .utf8)
        let results = try run(file, threads: 2)
        let gap = try XCTUnwrap(results.endGap(variant: 0, wijk: 0, indicator: 0))
        XCTAssertEqual(gap.closedShare, 1.0 / 3, accuracy: 0.02)
        XCTAssertEqual(gap.p05, 12 + 0.9 * -19, accuracy: 0.2)
        XCTAssertEqual(gap.p95, 12 + 0.9 * -1, accuracy: 0.2)
    }
}
