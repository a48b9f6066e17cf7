import Foundation
import WijkSimTestSupport
import XCTest

/// `wijksim new-plugin`: a plugin and a rule test that work as written, and
/// refusals (exit 2) that leave existing files alone.
final class NewPluginTests: XCTestCase {
    let folder = ScratchFolder()
    var plugins: String { folder.path + "/plugins" }

    func newPlugin(_ arguments: [String]) throws -> CLIResult {
        try runCLI(["new-plugin"] + arguments + ["--plugins", plugins])
    }

    func testWritesAPluginAndARuleTestThatPassCheckAndTest() throws {
        let result = try newPlugin(["schuldhulp_noord", "--writes", "minimahuishoudens,werkloosheid"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let source = folder.read("plugins/schuldhulp_noord.lua")
        let test = folder.read("plugins/tests/schuldhulp_noord.yaml")
        for part in ["id = \"schuldhulp_noord\"", "title = \"Schuldhulp noord\"", "doc = [[", "evidence = \"schatting\"",
                     "source = ", "unit = ", "writes = {\"minimahuishoudens\", \"werkloosheid\"}",
                     "ctx.active", "sim.ramp(ctx.since, p.aanloop)", "ctx:add(\"werkloosheid\"", "ctx:spend("] {
            XCTAssertTrue(source.contains(part), "the plugin lacks \(part):\n\(source)")
        }
        XCTAssertTrue(test.contains("plugin: schuldhulp_noord"), test)
        XCTAssertTrue(result.stdout.contains("schuldhulp_noord.lua"), result.stdout)

        let check = try runCLI(["check", plugins + "/schuldhulp_noord.lua"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("ok"), check.stdout)

        let rules = try runCLI(["test", plugins + "/tests/schuldhulp_noord.yaml", "--plugins", plugins])
        XCTAssertEqual(rules.status, 0, rules.stdout + rules.stderr)
        let lines = rules.stdout.split(separator: "\n")
        XCTAssertEqual(lines.last, "4 passed, 0 failed", rules.stdout)
    }

    func testDefaultWritesAndAScenarioRunWithTheNewPlugin() throws {
        let city = MiniCity()
        let created = try runCLI(["new-plugin", "buurtwerk", "--plugins", city.path + "/plugins", "--writes", "armoede"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let file = city.scenario("nieuw", "draws: 5\ninterventions: [{plugin: buurtwerk, wijken: [Noord], from: 2021, to: 2023}]\n")
        let run = try runCLI(["run", file])
        XCTAssertEqual(run.status, 0, run.stderr)

        XCTAssertEqual(try newPlugin(["standaard"]).status, 0)
        XCTAssertTrue(folder.read("plugins/standaard.lua").contains("writes = {\"minimahuishoudens\"}"))
    }

    func testRefusesToOverwriteThePluginOrItsTest() throws {
        folder.write("plugins/bestaand.lua", "-- mine\n")
        let result = try newPlugin(["bestaand"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("bestaand.lua"), result.stderr)
        XCTAssertTrue(result.stderr.contains("already exists"), result.stderr)
        XCTAssertEqual(folder.read("plugins/bestaand.lua"), "-- mine\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: plugins + "/tests/bestaand.yaml"))

        folder.write("plugins/tests/alleentest.yaml", "plugin: alleentest\n")
        let second = try newPlugin(["alleentest"])
        XCTAssertEqual(second.status, 2, second.stderr)
        XCTAssertTrue(second.stderr.contains("alleentest.yaml"), second.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plugins + "/alleentest.lua"))
        XCTAssertEqual(folder.read("plugins/tests/alleentest.yaml"), "plugin: alleentest\n")
    }

    func testRefusesNamesThatAreNotPluginIds() throws {
        for name in ["Schuldhulp", "1plan", "schuld-hulp", "schuld hulp", "_plan", "../uit", "plan.lua", "wijk\u{e9}"] {
            let result = try newPlugin([name])
            XCTAssertEqual(result.status, 2, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("cannot be a plugin name"), "\(name): \(result.stderr)")
        }
        let empty = try newPlugin([""])
        XCTAssertEqual(empty.status, 2, empty.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plugins), "nothing may be written")
    }

    func testRefusesWritesThatAreNotIndicatorIds() throws {
        for writes in ["Armoede", "armoede,2x", ",", "armoede;meedoen"] {
            let result = try newPlugin(["plan", "--writes", writes])
            XCTAssertEqual(result.status, 2, "\(writes): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("--writes"), "\(writes): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: plugins + "/plan.lua"))
    }

    /// An id that is not an indicator of the data would only fail later, at
    /// `check` or `run`: refused now, with the nearest id.
    func testRefusesWritesThatTheDataDoesNotHave() throws {
        let city = MiniCity()
        let result = try runCLI(["new-plugin", "plan", "--plugins", city.path + "/plugins", "--writes", "armoede,armoed",
                                 "--data", city.path + "/data/indicators.csv"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--writes: \"armoed\" is not an indicator of \(city.path)/data/indicators.csv (did you mean \"armoede\"?); it has armoede, meedoen"),
                      result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: city.path + "/plugins/plan.lua"))

        // a project laid out as this repository: plugins/ beside scenarios/data/NAME/
        folder.write("scenarios/data/stad/indicators.csv", MiniCity.indicators)
        let found = try newPlugin(["plan", "--writes", "minimahuishoudens"])
        XCTAssertEqual(found.status, 2)
        XCTAssertTrue(found.stderr.contains("is not an indicator of \(folder.path)/scenarios/data/stad/indicators.csv"), found.stderr)
        XCTAssertEqual(try newPlugin(["plan", "--writes", "meedoen"]).status, 0)
    }
}
