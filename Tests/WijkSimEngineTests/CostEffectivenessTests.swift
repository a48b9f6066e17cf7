import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// Euros per unit of improvement, per intervention and funding stream,
/// measured by leaving each part out in the same draws (issue 15).
final class CostEffectivenessTests: XCTestCase {
    func plan(_ body: String) throws -> Plan {
        let city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let loaded = try ScenarioLoader.load(city.scenario("s", body))
        return Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
    }

    /// By hand: 2020→2025 is 5 steps. `a` lowers armoede in Noord by 1 a
    /// year and spends 10 a year: 5 points for 50, EUR 10 per point, with no
    /// spread (nothing is drawn). `b` lowers it by 0.5 in Noord and Oost and
    /// spends 3 a year per wijk: 2 × 2.5 = 5 points for 30, EUR 6 per point.
    /// Their stream `f` pays for both: 10 points for 80, EUR 8 per point.
    func testFixedEffectsGiveTheHandComputedCostPerPoint() throws {
        let plan = try plan("""
            draws: 8
            interventions:
              - {name: a, plugin: effect, wijken: [Noord], params: {delta: -1, cost: 10}, funding: f}
              - {name: b, plugin: effect, wijken: [Noord, Oost], params: {delta: -0.5, cost: 3}, funding: f}
            funding: {f: {budget: 1000, from: 2020, to: 2025}}
            """)
        let e = try CostEffectiveness.measure(plan, threads: 2)
        XCTAssertEqual(e.focus, [0, 1])
        func row(_ name: String, _ indicator: Int = 0) throws -> CostEffectiveness.Row {
            try XCTUnwrap(e.rows.first { $0.name == name && $0.indicator == indicator })
        }
        let a = try row("a"), b = try row("b"), f = try row("f")
        XCTAssertEqual(a.kind, .intervention)
        XCTAssertEqual(a.cost, 50, accuracy: 1e-9)
        XCTAssertEqual(a.improvementMean, 5, accuracy: 1e-9)
        XCTAssertEqual(a.eurosPerUnit!, 10, accuracy: 1e-9)
        XCTAssertEqual(a.eurosPerUnitLow!, 10, accuracy: 1e-9)
        XCTAssertEqual(a.eurosPerUnitHigh!, 10, accuracy: 1e-9)
        XCTAssertEqual(b.cost, 30, accuracy: 1e-9)
        XCTAssertEqual(b.eurosPerUnit!, 6, accuracy: 1e-9)
        XCTAssertEqual(f.kind, .funding)
        XCTAssertEqual(f.cost, 80, accuracy: 1e-9)
        XCTAssertEqual(f.improvementMean, 10, accuracy: 1e-9)
        XCTAssertEqual(f.eurosPerUnit!, 8, accuracy: 1e-9)
        // meedoen is not touched: no improvement, no price
        XCTAssertEqual(try row("a", 1).improvementMean, 0)
        XCTAssertNil(try row("a", 1).eurosPerUnit)
    }

    /// An uncertain effect gives an interval: cost over the p95 and the p05
    /// of the per-draw improvement; unbounded when too many draws do not improve.
    func testAnUncertainEffectGivesAnIntervalAndANonImprovingOneIsUnbounded() throws {
        let plan = try plan("""
            draws: 400
            interventions:
              - {name: a, plugin: effect, wijken: [Noord], params: {delta: {dist: uniform, low: -1.5, high: -0.5}, cost: 10}}
              - {name: b, plugin: effect, wijken: [Oost], params: {delta: {dist: uniform, low: -0.5, high: 0.5}, cost: 10}}
            """)
        let e = try CostEffectiveness.measure(plan, threads: 1)
        let a = try XCTUnwrap(e.rows.first { $0.name == "a" && $0.indicator == 0 })
        // 5 steps of U(0.5, 1.5): improvement in 2.5…7.5, mean 5
        XCTAssertEqual(a.improvementMean, 5, accuracy: 0.15)
        XCTAssertEqual(a.improvementP05, 2.75, accuracy: 0.15)
        XCTAssertEqual(a.improvementP95, 7.25, accuracy: 0.15)
        XCTAssertEqual(a.eurosPerUnitLow!, 50 / a.improvementP95, accuracy: 1e-9)
        XCTAssertEqual(a.eurosPerUnitHigh!, 50 / a.improvementP05, accuracy: 1e-9)
        let b = try XCTUnwrap(e.rows.first { $0.name == "b" && $0.indicator == 0 })
        XCTAssertNil(b.eurosPerUnitHigh, "half of b's draws make things worse")
        XCTAssertEqual(try CostEffectiveness.measure(plan, threads: 2).rows.map(\.improvementMean),
                       e.rows.map(\.improvementMean), "threads do not change the numbers")
    }

    /// An effect that is undone before the end year leaves rounding in some
    /// draws; the same rule as for paired differences makes it exactly 0:
    /// no improvement and no price (it read "EUR 4e23 per point" before).
    func testAFadedEffectHasNoImprovementAndNoPrice() throws {
        let city = MiniCity()
        city.plugin("weg", """
            return {id = "weg", params = {d = {default = 0.1, min = 0, max = 1}, cost = {default = 1, min = 0}},
              writes = {"armoede"},
              step = function(ctx, p)
                ctx:add("armoede", ctx.active * sim.where(sim.lt(ctx.since, 1), p.d, -p.d))
                ctx:spend(ctx.active * p.cost)
              end}
            """)
        let loaded = try ScenarioLoader.load(city.scenario("s", """
            draws: 300
            interventions: [{name: w, plugin: weg, wijken: [Noord], from: 2021, to: 2022, params: {d: {dist: uniform, low: 0.1, high: 0.9}}}]
            """))
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
        let row = try XCTUnwrap(try CostEffectiveness.measure(plan, threads: 2).rows.first { $0.name == "w" && $0.indicator == 0 })
        XCTAssertEqual(row.improvementMean, 0)
        XCTAssertEqual(row.improvementP05, 0)
        XCTAssertEqual(row.improvementP95, 0)
        XCTAssertNil(row.eurosPerUnit)
        XCTAssertNil(row.eurosPerUnitLow)
    }
}
