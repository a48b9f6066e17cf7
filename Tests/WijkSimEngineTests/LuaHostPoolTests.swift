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
        // each worker gives its host back; a worker that starts after the other
        // has done every chunk borrows the host that one gave back: 1 or 2
        XCTAssertTrue((1...2).contains(pool.idleCount), "\(pool.idleCount) hosts kept")
        XCTAssertEqual(allNumbers(try Engine.run(plan, threads: 2, blocksPerChunk: 16)), fresh)
        let kept = pool.idleCount
        XCTAssertTrue((1...2).contains(kept), "the second run borrowed them instead of making two more: \(kept) kept")
        // another number of draws is another lane capacity: not lent those hosts
        plan.draws = 3
        plan.scenario.draws = 3
        _ = try Engine.run(plan, threads: 1)
        XCTAssertEqual(pool.idleCount, kept + 1)
    }
}
