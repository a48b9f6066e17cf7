import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// CONTRACT §7: paired differences against the reference's draws.
final class ComparisonTests: EngineTestCase {
    func plans(_ files: [String], draws: Int? = nil) throws -> [Plan] {
        let loaded = try files.map { try ScenarioLoader.load($0) }
        let first = loaded[0].scenario
        return loaded.map { Plan(scenario: $0.scenario, city: $0.city, plugins: $0.plugins, draws: draws ?? first.draws, seed: first.seed) }
    }

    override func setUp() {
        super.setUp()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("ruis", MiniCity.noisePlugin)
    }

    func testAConstantExtraEffectIsTheSameDifferenceInEveryDraw() throws {
        let a = city.scenario("a", "draws: 300\nseed: 4\nrules: [{plugin: ruis}]\n")
        let b = city.scenario("b", "extends: a.yaml\nname: b\ninterventions: [{plugin: effect, wijken: [Noord], params: {delta: -0.5}}]\n", header: false)
        let comparison = try Comparison.run(try plans([a, b]), threads: 2)
        let noord = 0, armoede = 0, meedoen = 1
        // Noord's armoede is 0.5 lower per year in every draw (noise is paired):
        // lower is better, so the improvement is +0.5·t with no spread; P(better) = 1.
        for y in 1..<6 {
            let d = comparison.scenarios[1].difference(variant: 0, wijk: noord, indicator: armoede, yearIndex: y)
            XCTAssertEqual(d.mean, 0.5 * Double(y), accuracy: 1e-9)
            XCTAssertEqual(d.p05, 0.5 * Double(y), accuracy: 1e-9)
            XCTAssertEqual(d.p95, 0.5 * Double(y), accuracy: 1e-9)
            XCTAssertEqual(d.pBetter, 1)
        }
        // Meedoen and other wijken are untouched: a difference of exactly 0, never better.
        let same = comparison.scenarios[1].difference(variant: 0, wijk: 1, indicator: meedoen, yearIndex: 5)
        XCTAssertEqual(same, DifferenceStatistics(mean: 0, p05: 0, p95: 0, pBetter: 0))
        // The reference against itself.
        XCTAssertEqual(comparison.scenarios[0].difference(variant: 0, wijk: noord, indicator: armoede, yearIndex: 5), .zero)
    }

    func testDifferencesAreSignedByPolarityAndSweepVariantsCompareWithTheReference() throws {
        let a = city.scenario("a", "draws: 50\nrules: [{plugin: ruis}]\n")
        let b = city.scenario("b", """
            extends: a.yaml
            name: b
            interventions: [{name: e, plugin: effect, wijken: all}]
            sweep: {e.delta: [1, -2]}
            """, header: false)
        let comparison = try Comparison.run(try plans([a, b]), threads: 1)
        let b0 = comparison.scenarios[1]
        // delta +1 on armoede (lower is better): worse by 1 per year.
        XCTAssertEqual(b0.difference(variant: 0, wijk: 2, indicator: 0, yearIndex: 2).mean, -2, accuracy: 1e-9)
        XCTAssertEqual(b0.difference(variant: 0, wijk: 2, indicator: 0, yearIndex: 2).pBetter, 0)
        XCTAssertEqual(b0.difference(variant: 1, wijk: 0, indicator: 0, yearIndex: 2).mean, 4, accuracy: 1e-9)
        // The city average (households-weighted) moves by the same amount.
        XCTAssertEqual(b0.difference(variant: 1, wijk: 3, indicator: 0, yearIndex: 1).mean, 2, accuracy: 1e-9)
    }

    func testIncompatibleScenariosAreRefusedNamingTheDifference() throws {
        let a = city.scenario("a", "rules: [{plugin: ruis}]\n")
        let b = city.scenario("b", "name: b\nyears: {from: 2020, to: 2030}\ndata: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}\n", header: false)
        XCTAssertThrowsError(try Comparison.checkCompatible(try plans([a, b]), files: [a, b])) { error in
            XCTAssertTrue("\(error)".contains("years 2020–2030 differ from"), "\(error)")
        }
    }

    /// An effect that is undone (+d one year, −d the next, as a cohort
    /// leaves) leaves a few ulps of rounding in some draws: that is no
    /// difference, and no draw may count as "better" for it.
    func testAFadedEffectsRoundingIsNoDifference() throws {
        city.plugin("weg", """
            return {id = "weg", params = {d = {default = 0.1, min = 0, max = 1}}, writes = {"armoede"},
              step = function(ctx, p)
                ctx:add("armoede", ctx.active * sim.where(sim.lt(ctx.since, 1), p.d, -p.d))
              end}
            """)
        let a = city.scenario("a", "draws: 300\nseed: 4\nrules: [{plugin: ruis}]\n")
        let b = city.scenario("b", """
            extends: a.yaml
            name: b
            interventions: [{plugin: weg, wijken: [Noord], from: 2021, to: 2022, params: {d: {dist: uniform, low: 0.1, high: 0.9}}}]
            """, header: false)
        let comparison = try Comparison.run(try plans([a, b]), threads: 2)
        let end = comparison.scenarios[1].results.plan.yearCount - 1
        let d = comparison.scenarios[1].difference(variant: 0, wijk: 0, indicator: 0, yearIndex: end)
        XCTAssertEqual(d.mean, 0)
        XCTAssertEqual(d.pBetter, 0)
        let during = comparison.scenarios[1].difference(variant: 0, wijk: 0, indicator: 0, yearIndex: 2)
        XCTAssertEqual(during.mean, -0.5, accuracy: 0.05, "while it lasts the effect is real (and worse: armoede goes up)")
    }
}
