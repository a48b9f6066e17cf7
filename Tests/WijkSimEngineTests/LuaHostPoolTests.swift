import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import XCTest

/// `serve` lends the Lua states of one request's workers to the next
/// (`LuaHostPool`): a borrowed host must give the numbers a fresh one gives.
final class LuaHostPoolTests: UncertainScenarioTestCase {
    func testBorrowedHostsGiveTheNumbersOfFreshOnes() throws {
        let loaded = try ScenarioLoader.load(uncertain)
        var plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
        let fresh = allNumbers(try Engine.run(plan, threads: 2, blocksPerChunk: 16))
        let pool = LuaHostPool()
        plan.hosts = pool
        XCTAssertEqual(allNumbers(try Engine.run(plan, threads: 2, blocksPerChunk: 16)), fresh)
        XCTAssertEqual(pool.idleCount, 2, "each worker gives its host back")
        XCTAssertEqual(allNumbers(try Engine.run(plan, threads: 2, blocksPerChunk: 16)), fresh)
        XCTAssertEqual(pool.idleCount, 2, "the second run borrowed them instead of making two more")
        // another number of draws is another lane capacity: not lent those hosts
        plan.draws = 3
        plan.scenario.draws = 3
        _ = try Engine.run(plan, threads: 1)
        XCTAssertEqual(pool.idleCount, 3)
    }
}
