import WijkSimEngine
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// CONTRACT §3, step semantics: synchronous steps, adds summed before one
/// clamp, masks, windows, effects that outlast `to`, weighted city averages.
final class StepSemanticsTests: EngineTestCase {
    func testClampAppliesAfterAllAddsAreSummed() throws {
        // Zuid has armoede 5; min 0. A adds -7, B adds +4: the sum -3 gives 2.
        // Clamping after each add would give 0 + 4 = 4 in one order and 0 in the other.
        city.plugin("omlaag", MiniCity.constantPlugin("omlaag", delta: -7))
        city.plugin("omhoog", MiniCity.constantPlugin("omhoog", delta: 4))
        let file = city.scenario("s", """
            interventions:
              - {plugin: omlaag, wijken: [Zuid], to: 2020}
              - {plugin: omhoog, wijken: [Zuid], to: 2020}
            """)
        let results = try run(file)
        XCTAssertEqual(mean(results, "Zuid", "armoede", 2021), 2)
        // Next year only the first is... both inactive: nothing changes.
        XCTAssertEqual(mean(results, "Zuid", "armoede", 2025), 2)
    }

    func testClampHoldsAtTheBound() throws {
        city.plugin("omlaag", MiniCity.constantPlugin("omlaag", delta: -3))
        let file = city.scenario("s", "interventions:\n  - {plugin: omlaag, wijken: [Zuid]}\n")
        let results = try run(file)
        XCTAssertEqual(series(results, "Zuid", "armoede"), [5, 2, 0, 0, 0, 0])
    }

    func testOrderOfRulesAndInterventionsDoesNotMatter() throws {
        city.plugin("volg", """
            return {id = "volg", params = {}, writes = {"armoede", "meedoen"},
              step = function(ctx, p)
                ctx:add("armoede", 0.1 * (ctx.city.armoede - ctx.x.armoede))
                ctx:add("meedoen", 0.05 * ctx.x.armoede)
              end}
            """)
        city.plugin("omlaag", MiniCity.constantPlugin("omlaag", delta: -1.5))
        let forward = try run(city.scenario("a", """
            rules: [{plugin: volg}]
            interventions: [{plugin: omlaag, wijken: [Noord, Oost]}]
            """))
        let backward = try run(city.scenario("b", """
            interventions: [{plugin: omlaag, wijken: [Noord, Oost]}]
            rules: [{plugin: volg}]
            """))
        for wijk in ["Noord", "Oost", "Zuid", "city"] {
            XCTAssertEqual(series(forward, wijk, "armoede"), series(backward, wijk, "armoede"))
            XCTAssertEqual(series(forward, wijk, "meedoen"), series(backward, wijk, "meedoen"))
        }
    }

    func testEveryStepReadsTheStateOfTheSameYear() throws {
        // "lees" copies Noord's armoede change: if it saw "omlaag"'s add it would
        // double it. Synchronous: meedoen(2021) = 50 + 0.1·20 = 52.
        city.plugin("lees", """
            return {id = "lees", writes = {"meedoen"},
              step = function(ctx, p) ctx:add("meedoen", 0.1 * ctx.x.armoede) end}
            """)
        city.plugin("omlaag", MiniCity.constantPlugin("omlaag", delta: -10))
        let results = try run(city.scenario("s", """
            interventions:
              - {plugin: omlaag, wijken: [Noord]}
              - {plugin: lees, wijken: [Noord]}
            """))
        XCTAssertEqual(mean(results, "Noord", "meedoen", 2021), 52, accuracy: 1e-12)
        XCTAssertEqual(mean(results, "Noord", "meedoen", 2022), 52 + 0.1 * 10, accuracy: 1e-12)
    }

    func testAddsAndSpendCountOnlyInTargetedWijken() throws {
        city.plugin("overal", MiniCity.constantPlugin("overal", delta: -1))
        let results = try run(city.scenario("s", """
            interventions:
              - plugin: overal
                wijken: {gebied: Boven}
                params: {cost: 1000}
            """))
        XCTAssertEqual(mean(results, "Noord", "armoede", 2021), 19)
        XCTAssertEqual(mean(results, "Oost", "armoede", 2021), 9)
        XCTAssertEqual(mean(results, "Zuid", "armoede", 2021), 5)
        // two targeted wijken × 1000 per year
        XCTAssertEqual(results.cost(variant: 0, instance: 0, step: 0), 2000)
    }

    func testWindowActiveSinceAndAnAfterEffectThatOutlastsTo() throws {
        city.plugin("na", """
            return {id = "na", writes = {"armoede"},
              step = function(ctx, p)
                local na = (1 - ctx.active) * sim.ramp(ctx.since, 1)
                ctx:add("armoede", -(ctx.active * sim.ramp(ctx.since, 2) + 0.25 * na))
                ctx:spend(ctx.active * 10)
              end}
            """)
        let results = try run(city.scenario("s", """
            interventions: [{plugin: na, wijken: [Noord], from: 2021, to: 2022}]
            """))
        // step 2020: since −1, inactive → 0; 2021: ramp(0,2)=0.5; 2022: ramp(1,2)=1;
        // 2023, 2024: after `to`, 0.25 each.
        XCTAssertEqual(series(results, "Noord", "armoede"), [20, 20, 19.5, 18.5, 18.25, 18])
        XCTAssertEqual((0..<5).map { results.cost(variant: 0, instance: 0, step: $0) }, [0, 10, 10, 0, 0])
    }

    func testCityAverageIsWeightedByTheIndicatorsWeightColumn() throws {
        city.plugin("niets", "return {id = 'niets', writes = {}, step = function(ctx, p) end}")
        let results = try run(city.scenario("s", "rules: [{plugin: niets}]\n"))
        // armoede by households: (100·20 + 300·10 + 600·5) / 1000 = 8
        XCTAssertEqual(mean(results, "city", "armoede", 2020), 8)
        // meedoen by population: (300·50 + 100·70 + 600·80) / 1000 = 70
        XCTAssertEqual(mean(results, "city", "meedoen", 2020), 70)
    }

    func testCtxCityFollowsTheStateOfEachVariant() throws {
        city.plugin("naar_stad", """
            return {id = "naar_stad", params = {trek = {default = 0.5, min = 0, max = 1}}, writes = {"armoede"},
              step = function(ctx, p) ctx:add("armoede", p.trek * (ctx.city.armoede - ctx.x.armoede)) end}
            """)
        let results = try run(city.scenario("s", """
            rules: [{plugin: naar_stad}]
            sweep: {naar_stad.trek: [0.5, 1.0]}
            """))
        // trek 1: every wijk jumps to the city average 8 in one step and stays there.
        XCTAssertEqual(series(results, "Noord", "armoede", variant: 1), [20, 8, 8, 8, 8, 8])
        // trek 0.5: Noord 20 → 20 + 0.5·(8 − 20) = 14; the city stays at 8 since weights sum the moves to 0.
        XCTAssertEqual(mean(results, "Noord", "armoede", 2021, variant: 0), 14)
        XCTAssertEqual(mean(results, "city", "armoede", 2021, variant: 0), 8, accuracy: 1e-12)
    }

    func testNaNReachingTheStateStopsTheRunNamingPluginIndicatorAndYear() throws {
        city.plugin("kapot", """
            return {id = "kapot", writes = {"armoede"},
              step = function(ctx, p)
                ctx:add("armoede", sim.log(ctx.x.armoede - 20))
              end}
            """)
        let file = city.scenario("s", "interventions: [{plugin: kapot, wijken: [Oost], from: 2022}]\n")
        XCTAssertThrowsError(try run(file)) { error in
            let message = (error as? RunFailure)?.message ?? ""
            XCTAssertTrue(message.contains("kapot.lua:3: add to 'armoede' is NaN in wijk Oost"), message)
            XCTAssertTrue(message.contains("year 2020"), message)
        }
    }

    func testPluginErrorNamesFileLineInstanceAndYear() throws {
        city.plugin("fout", """
            return {id = "fout", writes = {"armoede"},
              step = function(ctx, p)
                if ctx.year == 2023 then
                  error("te laat")
                end
              end}
            """)
        let file = city.scenario("s", "interventions: [{name: mijn_fout, plugin: fout, wijken: all}]\n")
        XCTAssertThrowsError(try run(file)) { error in
            let message = (error as? RunFailure)?.message ?? ""
            XCTAssertTrue(message.contains("fout.lua:4: te laat"), message)
            XCTAssertTrue(message.contains("instance mijn_fout (plugin fout), year 2023"), message)
        }
    }
}

/// ctx.from and ctx.to (an extension of CONTRACT §3) let an effect fade by
/// the years since the programme ended.
final class InstanceWindowTests: EngineTestCase {
    func testCtxFromAndToAreTheInstanceWindow() throws {
        city.plugin("vervaag", """
            return {id = "vervaag", writes = {"armoede"},
              step = function(ctx, p)
                local na = sim.max(ctx.year - ctx.to, 0)
                ctx:add("armoede", -(1 - ctx.active) * sim.gt(na, 0) * 2 ^ (1 - na))
                ctx:add("armoede", -ctx.active * (ctx.to - ctx.from))
              end}
            """)
        let results = try run(city.scenario("s", "interventions: [{plugin: vervaag, wijken: [Noord], from: 2020, to: 2021}]\n"))
        // active 2020, 2021: −1 each; after: −1 (2022), −0.5 (2023), −0.25 (2024)
        XCTAssertEqual(series(results, "Noord", "armoede"), [20, 19, 18, 17, 16.5, 16.25])
    }
}
