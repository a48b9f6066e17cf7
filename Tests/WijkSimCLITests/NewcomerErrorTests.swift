import Foundation
import WijkSimTestSupport
import XCTest

/// The mistakes a newcomer makes in the first hour, each with a message
/// that says what to do (issue 16): through the real executable.
final class NewcomerErrorTests: XCTestCase {
    var city: MiniCity!

    override func setUp() {
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
    }

    func testASandboxedGlobalSaysItIsNotAvailableInPlugins() throws {
        for global in ["os.time()", "io.write('x')", "print('x')", "require('x')"] {
            city.plugin("oeps", """
                return {id = "oeps", title = "Oeps", params = {}, writes = {"armoede"},
                  step = function(ctx, p)
                    \(global)
                  end}
                """)
            let file = city.scenario("s", "interventions: [{plugin: oeps, wijken: [Noord]}]\n")
            let result = try runCLI(["run", file])
            XCTAssertEqual(result.status, 1, global)
            let name = String(global.prefix { $0 != "." && $0 != "(" })
            XCTAssertTrue(result.stderr.contains("plugins/oeps.lua:3: '\(name)' is not available in plugins (sandbox)"), result.stderr)
        }
    }

    func testAYAMLSyntaxErrorHintsAtIndentation() throws {
        let file = city.scenario("s", "interventions:\n  - plugin: effect\n     wijken: [Noord]\n")
        let result = try runCLI(["run", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("invalid YAML: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("check the indentation (keys of one mapping start in the same column, with spaces, not tabs)"), result.stderr)
    }

    func testASemicolonSeparatedFileIsRecognised() throws {
        city.folder.write("data/wijken.csv", MiniCity.wijken.replacingOccurrences(of: ",", with: ";"))
        let result = try runCLI(["run", city.scenario("s", "draws: 2\n")])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("data/wijken.csv:1: looks like a `;`-separated file; wijksim reads `,`-separated CSV"), result.stderr)
    }

    func testAnUnknownWijkIsReportedAtItsOwnLine() throws {
        let file = city.scenario("s", """
            interventions:
              - plugin: effect
                wijken:
                  - Noord
                  - Oots
            """)
        let result = try runCLI(["run", file])
        XCTAssertEqual(result.status, 2)
        // the header takes lines 1–3; "- Oots" is line 8
        XCTAssertTrue(result.stderr.contains("scenarios/s.yaml:8: interventions[0].wijken: unknown wijk \"Oots\" (did you mean \"Oost\"?)"), result.stderr)
    }

    func testANegativeDrawCountSaysWhatIsExpected() throws {
        let file = city.scenario("s", "draws: 2\n")
        for (option, message) in [("--draws", "--draws must be at least 1"), ("--threads", "--threads must be at least 1")] {
            let result = try runCLI(["run", file, option, "-5"])
            XCTAssertEqual(result.status, 2)
            XCTAssertTrue(result.stderr.hasPrefix("error: \(message)\n"), result.stderr)
        }
    }

    func testWijksimWithoutArgumentsPrintsTheOverview() throws {
        let result = try runCLI([])
        XCTAssertTrue(result.stdout.contains("OVERVIEW: ") || result.stderr.contains("OVERVIEW: "), result.stdout + result.stderr)
        XCTAssertTrue((result.stdout + result.stderr).contains("SUBCOMMANDS:"))
    }

    /// `check PLUGIN.lua` runs the step once on a real wijk of the project's
    /// data, so a parameter the plugin reads but does not declare is caught
    /// before any scenario uses it.
    func testCheckOfAPluginDryRunsItsStep() throws {
        let project = ScratchFolder()
        project.write("scenarios/data/stad/indicators.csv", MiniCity.indicators)
        project.write("scenarios/data/stad/wijken.csv", MiniCity.wijken)
        let good = project.write("plugins/goed.lua", MiniCity.constantPlugin("goed"))
        let bad = project.write("plugins/fout.lua", """
            return {id = "fout", title = "Fout", params = {delta = {default = 1}}, writes = {"armoede"},
              step = function(ctx, p)
                ctx:add("armoede", p.delta * p.dlta * ctx.wijk.households)
              end}
            """)
        let ok = try runCLI(["check", good])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let result = try runCLI(["check", bad])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("fout.lua: step failed in a dry run on one lane (Noord from \(project.path)/scenarios/data/stad, year 2023): "), result.stderr)
        XCTAssertTrue(result.stderr.contains("fout.lua:3: plugin fout has no parameter 'dlta' (did you mean \"delta\"?)"), result.stderr)
    }
}
