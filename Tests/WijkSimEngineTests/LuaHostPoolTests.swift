import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// `serve` lends the Lua states of one request's workers to the next
/// (`LuaHostPool`): a borrowed host must give the numbers a fresh one gives.
final class LuaHostPoolTests: EngineTestCase {
    override func setUp() {
        super.setUp()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("ruis", """
            return {id = "ruis", writes = {"meedoen"},
              step = function(ctx, p) ctx:add("meedoen", 0.5 * sim.normal() + 0.1 * sim.uniform()) end}
            """)
    }

    func plan() throws -> Plan {
        let file = city.scenario("geleend", """
            draws: 200
            seed: 5
            rules: [{plugin: ruis}]
            interventions:
              - name: e
                plugin: effect
                wijken: all
                params:
                  delta: {dist: triangular, low: -2, mode: -1, high: 0}
                  cost: {dist: uniform, low: 10, high: 20, per_wijk: true}
            """)
        let loaded = try ScenarioLoader.load(file)
        return Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
    }

    func numbers(_ results: Results) -> [Double] {
        results.trajectories.flatMap { $0.flatMap { [$0.mean, $0.p05, $0.p50, $0.p95] } } + results.costs.flatMap { $0 }
    }

    func testBorrowedHostsGiveTheNumbersOfFreshOnes() throws {
        var plan = try plan()
        let fresh = numbers(try Engine.run(plan, threads: 2, blocksPerChunk: 16))
        let pool = LuaHostPool()
        plan.hosts = pool
        XCTAssertEqual(numbers(try Engine.run(plan, threads: 2, blocksPerChunk: 16)), fresh)
        XCTAssertEqual(pool.idleCount, 2, "each worker gives its host back")
        XCTAssertEqual(numbers(try Engine.run(plan, threads: 2, blocksPerChunk: 16)), fresh)
        XCTAssertEqual(pool.idleCount, 2, "the second run borrowed them instead of making two more")
        // another number of draws is another lane capacity: not lent those hosts
        plan.draws = 3
        plan.scenario.draws = 3
        _ = try Engine.run(plan, threads: 1)
        XCTAssertEqual(pool.idleCount, 3)
    }
}
