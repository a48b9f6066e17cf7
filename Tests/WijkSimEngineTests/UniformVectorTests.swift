import WijkSimEngine
import WijkSimTestSupport
import XCTest

/// A fixed parameter, `ctx.active` and `ctx.since` are the same in every
/// lane, so the engine keeps them (and what is computed from them alone) as
/// one number. Plugins must not be able to tell: they are still vectors
/// (CONTRACT §3), and every result equals the one from full lane vectors.
final class UniformVectorTests: EngineTestCase {
    private let plugin = """
        return {
          id = "mix",
          title = "Uniform and lane vectors mixed",
          params = {
            k = {default = 2, min = 0, max = 10, unit = "-"},
            opbouw = {default = 3, min = 1, max = 10, unit = "jaar"},
          },
          writes = {"armoede", "meedoen"},
          step = function(ctx, p)
            -- what the contract promises of p and ctx.active, whatever the engine keeps
            assert(type(p.k) == "userdata" and type(ctx.active) == "userdata", "vectors expected")
            assert(#p.k == #ctx.x.armoede, "a parameter has one value per lane")
            local ok, message = pcall(function() return p.k < 3 end)
            assert(not ok and tostring(message):find("sim.lt"), "comparing a parameter must fail as for any vector")
            local werking = ctx.active * sim.ramp(ctx.since, p.opbouw) * p.k ^ 0.5 - sim.min(p.k, 1.5) / 4
            assert(type(werking) == "userdata", "uniform arithmetic stays a vector")
            ctx:add("armoede", -werking * sim.sqrt(ctx.x.armoede) / 10)
            ctx:add("meedoen", sim.where(sim.gt(ctx.x.armoede, 9), werking, -p.k / 8) + sim.exp(-ctx.since / p.opbouw))
            ctx:spend(ctx.active * p.k * ctx.wijk.population)
          end,
        }
        """

    func testUniformVectorsGiveTheSameBitsAsLaneVectors() throws {
        city.plugin("mix", plugin)
        // fixed parameters: uniform vectors
        let fixed = try run(city.scenario("fixed", """
            draws: 3
            interventions: [{plugin: mix, from: 2021, to: 2023}]
            """))
        // a sweep of one value: the same numbers as lane vectors
        let swept = try run(city.scenario("swept", """
            draws: 3
            interventions: [{name: mix, plugin: mix, from: 2021, to: 2023}]
            sweep: {mix.k: [2], mix.opbouw: [3]}
            """))
        XCTAssertEqual(fixed.plan.variants, 1)
        XCTAssertEqual(swept.plan.variants, 1)
        XCTAssertEqual(fixed.trajectories, swept.trajectories)
        XCTAssertEqual(fixed.costs, swept.costs)
        // and the effect is there: armoede in Noord falls once the programme starts
        XCTAssertLessThan(mean(fixed, "Noord", "armoede", 2023), mean(fixed, "Noord", "armoede", 2021))
        XCTAssertEqual(fixed.costs[0][1], 2 * 1000, "spend in 2021: k × population of the three wijken")
    }
}
