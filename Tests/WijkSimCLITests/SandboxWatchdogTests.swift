import Foundation
import WijkSimTestSupport
import XCTest

/// One library call that no hook can interrupt stops the process with an
/// error naming the plugin, exit 1, and no output folder left behind. The
/// step limit is lowered to 1 s (WIJKSIM_STEP_SECONDS) so the test is quick.
final class SandboxWatchdogTests: XCTestCase {
    func testALongLibraryCallIsStoppedNamingThePluginAndLeavesNoOutput() throws {
        let city = MiniCity()
        city.plugin("traag", """
            return {id = "traag", writes = {"armoede"},
              step = function(ctx, p)
                string.find(string.rep('a', 3000), '.-.-.-.-b')
              end}
            """)
        let file = city.scenario("s", "interventions: [{plugin: traag}]\n")
        let start = Date()
        let result = try runCLI(["run", file, "--out", city.path + "/out"], environment: ["WIJKSIM_STEP_SECONDS": "1"])
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("traag.lua: in step of instance traag, year 2020: one library call ran for more than 3 s"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: city.path).sorted(), ["data", "plugins", "scenarios"])
    }
}
