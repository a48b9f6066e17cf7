import Foundation
import WijkSimTestSupport
import XCTest

/// A plugin error in a scenario run names the plugin file:line, the
/// scenario's instance and the year (issue 7, point 5), end to end.
final class PluginErrorCLITests: XCTestCase {
    func testRunAndCheckNameThePluginLineAndTheScenarioInstance() throws {
        let city = MiniCity()
        city.plugin("kapot", """
            return {id = "kapot", writes = {"armoede"},
              step = function(ctx, p)
                local bewaard = ctx.x.armoede
                ctx:add("armoede", sim.where(ctx.year >= 2022 and bewaard or 0, sim.log(-bewaard), 0))
              end}
            """)
        let file = city.scenario("fout", """
            interventions:
              - name: hulp_noord
                plugin: kapot
                wijken: [Noord]
            """)
        let run = try runCLI(["run", file], in: city.path)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("plugins/kapot.lua:4:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("in wijk Noord"), run.stderr)
        XCTAssertTrue(run.stderr.contains("instance hulp_noord (plugin kapot), year 2022"), run.stderr)

        let check = try runCLI(["check", file], in: city.path)
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stderr.contains("plugins/kapot.lua:4:"), check.stderr)
        XCTAssertTrue(check.stderr.contains("instance hulp_noord (plugin kapot)"), check.stderr)
    }

    /// `__gc` finalizers used to run host functions after the step that
    /// made them, also after a worker's lane buffers were freed (changed
    /// results, or SIGSEGV/SIGABRT; found by fuzzing, fuzz/README.md). Now
    /// `setmetatable` refuses them: a clear failure, never a crash.
    func testFinalizersAreRefusedSoTheyCannotChangeResultsOrCrashARun() throws {
        let city = MiniCity()
        city.plugin("brand", """
            return {id = "brand", writes = {"armoede"},
              step = function(ctx, p)
                for i = 1, 100 do setmetatable({}, {__gc = function() ctx:add("armoede", 1) end}) end
              end}
            """)
        let file = city.scenario("gc", "interventions: [{plugin: brand}]\n")
        for attempt in 1...3 {
            let run = try runCLI(["run", file, "--threads", "1", "--out", city.path + "/out\(attempt)"], in: city.path)
            XCTAssertEqual(run.status, 1, "attempt \(attempt): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("plugins/brand.lua:3: __gc finalizers are not allowed in plugins"), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: city.path + "/out\(attempt)"))
        }
    }
}
