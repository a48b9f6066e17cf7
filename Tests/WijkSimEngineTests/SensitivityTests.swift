import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// CONTRACT §12: Sobol' and Morris indices against a test function whose
/// indices are known; the Sobol' sequence against known points.
final class SensitivityTests: EngineTestCase {
    /// The test function, one step from 2020 to 2021 in every wijk:
    ///
    ///     f = 2a + b + 4ac + 0·d + 0.5·sim.normal()
    ///
    /// with a, b, c, d ~ U(0, 1) independent. With a = 1/2 + α, c = 1/2 + γ
    /// (α, γ ~ U(−1/2, 1/2), variance 1/12):
    ///
    ///     f = const + 4α + β + 2γ + 4αγ
    ///
    /// so V_a = 16/12, V_b = 1/12, V_c = 4/12, V_ac = 16 · (1/12)² = 1/9,
    /// V = 21/12 + 1/9 = 67/36, and
    ///
    ///     S1_a = 48/67 ≈ 0.716   ST_a = 52/67 ≈ 0.776
    ///     S1_b =  3/67 ≈ 0.045   ST_b =  3/67 ≈ 0.045
    ///     S1_c = 12/67 ≈ 0.179   ST_c = 16/67 ≈ 0.239
    ///     S1_d = ST_d = 0        (d has no effect)
    ///
    /// The noise term is the same in every evaluation (draw 0's numbers), so
    /// it adds nothing to the variance.
    ///
    /// Morris on the grid u ∈ {1/8, 3/8, 5/8, 7/8}, steps Δu = ±1/2: f is
    /// linear in each factor alone, so EE_a = 2 + 4c, EE_b = 1, EE_c = 4a,
    /// EE_d = 0 exactly; over levels equally likely, mean(c) = 1/2, so
    /// mu*_a = 4, mu*_b = 1, mu*_c = 2, mu*_d = 0, sigma_b = sigma_d = 0 and
    /// sigma_a = 4 · sd(levels) = 4 · √(5/64) ≈ 1.118 (sigma_c alike).
    static let analyticS1 = [48.0 / 67, 3.0 / 67, 12.0 / 67, 0]
    static let analyticST = [52.0 / 67, 3.0 / 67, 16.0 / 67, 0]
    static let analyticMuStar = [4.0, 1, 2, 0]

    override func setUp() {
        super.setUp()
        city.plugin("testfunctie", """
            return {id = "testfunctie", writes = {"meedoen"},
              params = {a = {default = 0.5, min = 0, max = 1}, b = {default = 0.5, min = 0, max = 1},
                        c = {default = 0.5, min = 0, max = 1}, d = {default = 0.5, min = 0, max = 1}},
              step = function(ctx, p)
                ctx:add("meedoen", 2 * p.a + p.b + 4 * p.a * p.c + 0 * p.d + 0.5 * sim.normal())
              end}
            """)
    }

    var testFunction: String {
        city.scenario("testfunctie", """
            name: testfunctie
            years: {from: 2020, to: 2021}
            data: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}
            seed: 5
            interventions:
              - plugin: testfunctie
                wijken: [Noord]
                params:
                  a: {dist: uniform, low: 0, high: 1}
                  b: {dist: uniform, low: 0, high: 1}
                  c: {dist: uniform, low: 0, high: 1}
                  d: {dist: uniform, low: 0, high: 1}
            """, header: false)
    }

    func sensitivity(_ method: SensitivityMethod, samples: Int, threads: Int = 1) throws -> SensitivityResults {
        let loaded = try ScenarioLoader.load(testFunction)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
        let factors = SensitivityDesign.factors(of: plan)
        XCTAssertEqual(factors.map(\.name), ["testfunctie.a", "testfunctie.b", "testfunctie.c", "testfunctie.d"])
        let design = method == .sobol
            ? SensitivityDesign.sobol(factors: factors, samples: samples, seed: plan.seed)
            : SensitivityDesign.morris(factors: factors, trajectories: samples, seed: plan.seed)
        return try Sensitivity.run(design, base: plan, year: 2021, threads: threads)
    }

    func testSobolSequenceMatchesKnownPoints() {
        // Gray-code order, unscrambled; SciPy's qmc.Sobol(d, scramble=False) gives the same points
        let sequence = SobolSequence(dimensions: 128)
        let first3 = (0..<8).map { Array(sequence.point($0).prefix(3)) }
        XCTAssertEqual(first3, [[0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
                                [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375]])
        XCTAssertEqual((1...8).map { sequence.point($0)[63] }, [0.5, 0.75, 0.25, 0.125, 0.625, 0.875, 0.375, 0.6875])
        XCTAssertEqual((1...8).map { sequence.point($0)[127] }, [0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, 0.0625])
        // a (0, m, s)-net: the first 2^m points put one point in each 1/2^m interval of every coordinate
        for d in [0, 1, 17, 127] {
            let sorted = (0..<1024).map { sequence.point($0)[d] }.sorted()
            XCTAssertEqual(sorted, (0..<1024).map { Double($0) / 1024 }, "dimension \(d + 1)")
        }
    }

    func testSobolIndicesOfTheTestFunctionMatchTheAnalyticOnes() throws {
        let results = try sensitivity(.sobol, samples: 1024)
        XCTAssertEqual(results.design.evaluations, 1024 * 6)
        let noord = results.indices(wijk: 0, indicator: results.plan.city.indicatorIndex("meedoen")!)
        for f in 0..<4 {
            let x = noord[f]
            // within the bootstrap interval, or 0.02 where the interval is tighter than the quasi-random error
            XCTAssertEqual(x.s1, Self.analyticS1[f], accuracy: max(x.s1Conf, 0.02), "S1 of \(results.factors[f].name): \(x)")
            XCTAssertEqual(x.st, Self.analyticST[f], accuracy: max(x.stConf, 0.02), "ST of \(results.factors[f].name): \(x)")
            XCTAssertLessThan(x.s1Conf, 0.1)
        }
        // no effect: A and AB^d give the same output, so both are 0 exactly
        XCTAssertEqual(noord[3].s1, 0)
        XCTAssertEqual(noord[3].st, 0)
        // wijken the plugin does not reach, and an indicator nothing moves: no variance, all 0
        XCTAssertEqual(results.indices(wijk: 1, indicator: 1), Array(repeating: .zero, count: 4))
        XCTAssertEqual(results.indices(wijk: 0, indicator: 0), Array(repeating: .zero, count: 4))
        print("sobol N=1024:", (0..<4).map { "\(results.factors[$0].name) S1 \(noord[$0].s1) ± \(noord[$0].s1Conf) ST \(noord[$0].st) ± \(noord[$0].stConf)" })
    }

    func testMorrisOfTheTestFunctionMatchesTheAnalyticEffects() throws {
        let results = try sensitivity(.morris, samples: 100)
        XCTAssertEqual(results.design.evaluations, 100 * 5)
        let noord = results.indices(wijk: 0, indicator: results.plan.city.indicatorIndex("meedoen")!)
        for f in 0..<4 {
            XCTAssertEqual(noord[f].muStar, Self.analyticMuStar[f], accuracy: max(noord[f].muStarConf, 0.05), "\(results.factors[f].name): \(noord[f])")
        }
        XCTAssertEqual(noord[1].muStar, 1, accuracy: 1e-9)
        XCTAssertEqual(noord[1].sigma, 0, accuracy: 1e-9)
        XCTAssertEqual(noord[3].muStar, 0)
        XCTAssertEqual(noord[3].sigma, 0)
        XCTAssertEqual(noord[0].sigma, 4 * (5.0 / 64).squareRoot(), accuracy: 0.25)
        print("morris N=100:", (0..<4).map { "\(results.factors[$0].name) mu* \(noord[$0].muStar) ± \(noord[$0].muStarConf) sigma \(noord[$0].sigma)" })
    }

    func testIndicesDoNotDependOnThreadsAndFollowTheSeed() throws {
        let one = try sensitivity(.sobol, samples: 256, threads: 1)
        let two = try sensitivity(.sobol, samples: 256, threads: 2)
        XCTAssertEqual(one.indices, two.indices)
        let morrisOne = try sensitivity(.morris, samples: 40, threads: 1)
        let morrisTwo = try sensitivity(.morris, samples: 40, threads: 2)
        XCTAssertEqual(morrisOne.indices, morrisTwo.indices)
    }
}

/// CONTRACT §2 `sampling: lhs`: one draw per 1/N stratum, paired, and
/// independent of threads and chunks.
final class LatinHypercubeTests: EngineTestCase {
    override func setUp() {
        super.setUp()
        // adds p.u to armoede in the first step only: the 2021 value minus the 2020 one is the draw
        city.plugin("echo", """
            return {id = "echo", writes = {"armoede"},
              params = {u = {default = 0.5, min = 0, max = 1}},
              step = function(ctx, p)
                if ctx.year == ctx.first_year then ctx:add("armoede", p.u) end
              end}
            """)
    }

    func scenario(_ sampling: String, draws: Int = 1000, perWijk: Bool = false, extra: String = "") -> String {
        city.scenario("lhs-\(sampling)\(perWijk)\(extra.isEmpty ? "" : "x")", """
            draws: \(draws)
            seed: 11
            sampling: \(sampling)
            interventions:\(extra)
              - name: e
                plugin: echo
                wijken: all
                params: {u: {dist: uniform, low: 0, high: 1\(perWijk ? ", per_wijk: true" : "")}}
            """)
    }

    /// The values of u per draw in wijk `wijk` (0 Noord, 1 Oost, 2 Zuid).
    func draws(_ file: String, wijk: Int = 0, threads: Int = 1, blocksPerChunk: Int? = nil) throws -> [Double] {
        let loaded = try ScenarioLoader.load(file)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
        let values = try Engine.yearValues(plan, year: 2021, threads: threads, blocksPerChunk: blocksPerChunk)
        let start = plan.city.initial[0][wijk]
        return values.row(wijk * plan.indicatorCount).map { $0 - start }
    }

    func testEveryStratumHoldsExactlyOneDraw() throws {
        let n = 1000
        let lhs = try draws(scenario("lhs")).sorted()
        for (k, u) in lhs.enumerated() {
            XCTAssertTrue(u >= Double(k) / Double(n) - 1e-12 && u <= Double(k + 1) / Double(n) + 1e-12, "stratum \(k): \(u)")
        }
        let random = try draws(scenario("random")).sorted()
        let misplaced = random.enumerated().filter { k, u in u < Double(k) / Double(n) || u > Double(k + 1) / Double(n) }.count
        XCTAssertGreaterThan(misplaced, n / 2, "random draws are not stratified")
        let q = [0.05, 0.25, 0.5, 0.75, 0.95]
        func quantile(_ sorted: [Double], _ p: Double) -> Double {
            let h = p * Double(sorted.count - 1), lo = Int(h)
            return sorted[lo] + (h - Double(lo)) * (sorted[min(lo + 1, sorted.count - 1)] - sorted[lo])
        }
        print("uniform(0,1) at 1,000 draws, quantiles", q, "lhs:", q.map { quantile(lhs, $0) }, "random:", q.map { quantile(random, $0) })
        for p in q { XCTAssertEqual(quantile(lhs, p), p, accuracy: 0.001) }
    }

    func testPerWijkParametersAreStratifiedPerWijkIndependently() throws {
        let file = scenario("lhs", draws: 200, perWijk: true)
        let noord = try draws(file, wijk: 0), zuid = try draws(file, wijk: 2)
        for values in [noord, zuid] {
            XCTAssertEqual(values.map { Int($0 * 200) }.sorted(), Array(0..<200))
        }
        XCTAssertNotEqual(noord.map { Int($0 * 200) }, zuid.map { Int($0 * 200) })
    }

    func testSameSeedSameNumbersWhateverTheThreadsAndChunks() throws {
        let file = scenario("lhs", draws: 300)
        let one = try draws(file, threads: 1, blocksPerChunk: 7)
        XCTAssertEqual(one, try draws(file, threads: 2, blocksPerChunk: 16))
        XCTAssertEqual(one, try draws(file, threads: 2))
        XCTAssertEqual(one, try draws(file))
        let a = try run(file, threads: 1, blocksPerChunk: 7)
        let b = try run(file, threads: 2)
        XCTAssertEqual(a.trajectories.flatMap { $0.flatMap { [$0.mean, $0.p05, $0.p50, $0.p95] } },
                       b.trajectories.flatMap { $0.flatMap { [$0.mean, $0.p05, $0.p50, $0.p95] } })
    }

    func testStrataArePairedAcrossScenariosAndDependOnTheSeed() throws {
        // another instance before e does not move e's draws
        let other = """

              - name: voor
                plugin: echo
                wijken: [Zuid]
                params: {u: {dist: uniform, low: 0, high: 1}}
            """
        XCTAssertEqual(try draws(scenario("lhs", draws: 100)), try draws(scenario("lhs", draws: 100, extra: other)))
        let loaded = try ScenarioLoader.load(scenario("lhs", draws: 100))
        let base = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
        let reseeded = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, seed: 12)
        let u0 = try Engine.yearValues(base, year: 2021, threads: 1).row(0).map { $0 }
        let u1 = try Engine.yearValues(reseeded, year: 2021, threads: 1).row(0).map { $0 }
        XCTAssertNotEqual(u0, u1)
    }

    func testKeyedPermutationIsABijection() {
        for n in [1, 2, 3, 17, 1000, 4097] {
            let p = KeyedPermutation(count: n, key: 99)
            XCTAssertEqual((0..<n).map(p.apply).sorted(), Array(0..<n), "n = \(n)")
        }
    }
}
