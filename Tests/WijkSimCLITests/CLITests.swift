import Foundation
import WijkSimTestSupport
import XCTest

/// The `wijksim` executable: exit statuses (CONTRACT §4), messages on
/// stderr, output folders that appear whole or not at all.
final class CLITests: XCTestCase {
    var city: MiniCity!

    override func setUp() {
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
    }

    func testRunWritesEveryFileAndExitsZero() throws {
        let file = city.scenario("s", "draws: 20\ninterventions: [{plugin: effect, wijken: [Noord], params: {delta: {dist: uniform, low: -2, high: 0}}}]\n")
        let result = try runCLI(["run", file, "--out", city.path + "/out"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("s: 2020→2025, 3 wijken, 20 trekkingen, 1 variant, seed 1"), result.stdout)
        let files = try FileManager.default.contentsOfDirectory(atPath: city.path + "/out").sorted()
        XCTAssertEqual(files.filter { $0 != "report.html" }, [".wijksim-manifest.json", "costs.csv", "funding.csv", "gaps.csv", "scenario.json", "trajectories.csv", "variants.csv"])
    }

    func testTimingsNamesEveryPhaseOnStandardErrorOnly() throws {
        let file = city.scenario("s", "draws: 20\ninterventions: [{plugin: effect, wijken: [Noord]}]\n")
        let result = try runCLI(["run", file, "--out", city.path + "/out", "--timings"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "timings:")
        XCTAssertEqual(lines.dropFirst().map { String($0.prefix(while: { $0 != " " })) },
                       ["load", "simulate", "files", "report", "summary", "total"])
        for line in lines.dropFirst() {
            let seconds = line.split(separator: " ", omittingEmptySubsequences: true)
            XCTAssertEqual(seconds.last, "s", line)
            XCTAssertNotNil(Double(seconds[seconds.count - 2]), line)
        }
        XCTAssertFalse(result.stdout.contains("timings"))
    }

    func testOneAndTwoThreadsWriteByteIdenticalFiles() throws {
        let file = city.scenario("s", """
            draws: 500
            interventions:
              - plugin: effect
                wijken: all
                params:
                  delta: {dist: normal, mean: -1, sd: 0.5, min: -5, max: 5, per_wijk: true}
                  cost: {dist: triangular, low: 1, mode: 2, high: 5}
            """)
        XCTAssertEqual(try runCLI(["run", file, "--out", city.path + "/one", "--threads", "1"]).status, 0)
        XCTAssertEqual(try runCLI(["run", file, "--out", city.path + "/two", "--threads", "2"]).status, 0)
        for name in ["trajectories.csv", "gaps.csv", "costs.csv", "funding.csv", "variants.csv"] {
            XCTAssertEqual(city.folder.read("one/\(name)"), city.folder.read("two/\(name)"), name)
            XCTAssertFalse(city.folder.read("one/\(name)").isEmpty)
        }
    }

    /// Without --out a run keeps only the means (the summary reads nothing
    /// else): a sweep's summary is the one a run with files prints.
    func testASweepsSummaryIsTheSameWithAndWithoutFiles() throws {
        let file = city.scenario("s", """
            draws: 12
            interventions:
              - {name: e, plugin: effect, wijken: [Noord], params: {delta: {dist: normal, mean: -1, sd: 0.5, min: -5, max: 5}}}
            sweep:
              e.cost: [0, 1000, 5000]
            """)
        let bare = try runCLI(["run", file, "--threads", "2"])
        let filed = try runCLI(["run", file, "--threads", "2", "--out", city.path + "/out"])
        XCTAssertEqual(bare.status, 0, bare.stderr)
        XCTAssertEqual(filed.status, 0, filed.stderr)
        // the same text, but for the seconds after the seed and the notice of the files written
        func summary(_ text: String) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.range(of: ", seed ").map { String(line[..<$0.lowerBound]) } ?? String(line)
            }
        }
        let shown = summary(bare.stdout), withFiles = summary(filed.stdout)
        XCTAssertTrue(bare.stdout.contains("12 trekkingen, 3 varianten"), bare.stdout)
        XCTAssertGreaterThan(shown.count, 10)
        XCTAssertEqual(shown, Array(withFiles.prefix(shown.count)))
        XCTAssertTrue(withFiles.dropFirst(shown.count).joined().contains("Geschreven: "), filed.stdout)
        XCTAssertFalse(city.folder.read("out/trajectories.csv").contains("nan"))
    }

    func testBadInputExitsTwoAndWritesNothing() throws {
        let file = city.scenario("s", "interventions: [{plugin: effect, wijken: [Nord]}]\n")
        let result = try runCLI(["run", file, "--out", city.path + "/out"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("error: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("unknown wijk \"Nord\" (did you mean \"Noord\"?)"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: city.path).sorted(), ["data", "plugins", "scenarios"])
    }

    func testPluginFailureExitsOneNamingFileLineAndWritesNothing() throws {
        city.plugin("kapot", """
            return {id = "kapot", writes = {"armoede"},
              step = function(ctx, p)
                ctx:add("armoede", ctx.x.armoed)
              end}
            """)
        let file = city.scenario("s", "interventions: [{plugin: kapot}]\n")
        let result = try runCLI(["run", file, "--out", city.path + "/out"], in: city.path)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("error: plugins/kapot.lua:3: ctx.x: unknown indicator 'armoed' (did you mean \"armoede\"?)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("in step of instance kapot, year 2020"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: city.path + "/out"))
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try runCLI(["run"]).status, 2)
        XCTAssertEqual(try runCLI(["frobnicate"]).status, 2)
        XCTAssertEqual(try runCLI(["run", "x.yaml", "--draws", "0"]).status, 2)
        XCTAssertEqual(try runCLI(["--help"]).status, 0)
    }

    func testCheckReportsEveryProblemInEveryFile() throws {
        city.plugin("slecht", "return {id = 'anders',\n  step = 3}")
        let bad = city.scenario("bad", """
            interventions:
              - {plugin: effect, wijken: [Nord], params: {delta: 8}}
            """)
        let good = city.scenario("good", "interventions: [{plugin: effect}]\n")
        let result = try runCLI(["check", good, bad, city.path + "/plugins/slecht.lua"], in: city.path)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stdout.contains("scenarios/good.yaml: ok"), result.stdout)
        XCTAssertTrue(result.stderr.contains("scenarios/bad.yaml:5: interventions[0].wijken: unknown wijk \"Nord\""), result.stderr)
        XCTAssertTrue(result.stderr.contains("interventions[0].params.delta: 8 is outside the range of effect.delta: [-5, 5]"), result.stderr)
        XCTAssertTrue(result.stderr.contains("plugins/slecht.lua:1: id \"anders\" must equal the file name \"slecht\""), result.stderr)
        XCTAssertTrue(result.stderr.contains("plugins/slecht.lua:2: field 'step' must be a function"), result.stderr)
        XCTAssertTrue(result.stdout.contains("4 problems found"), result.stdout)
    }

    func testCheckOfAGoodScenarioExitsZero() throws {
        let file = city.scenario("good", "interventions: [{plugin: effect}]\n")
        let result = try runCLI(["check", file])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testPluginsListsParametersWithDefaultsRangesAndUnits() throws {
        let result = try runCLI(["plugins", "--plugins", city.path + "/plugins"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("effect — Test effect"), result.stdout)
        XCTAssertTrue(result.stdout.contains("writes: armoede"), result.stdout)
        XCTAssertTrue(result.stdout.contains("delta = -1  range [-5, 5]  [pp]"), result.stdout)
    }
}

/// `wijksim test` and `wijksim explain` through the executable.
final class AnalystCommandTests: XCTestCase {
    func testShippedRuleTestsPass() throws {
        let result = try runCLI(["test"], in: TestPaths.root.path)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(last.hasSuffix("passed, 0 failed"), last)
        XCTAssertGreaterThanOrEqual(Int(last.split(separator: " ")[0]) ?? 0, 30)
    }

    func testFailingAndInvalidTestFilesSetTheExitStatus() throws {
        let folder = ScratchFolder()
        folder.write("plugins/een.lua", "return {id = 'een', writes = {'a'}, step = function(ctx, p) ctx:add('a', 1) end}")
        folder.write("tests/een.yaml", "plugin: een\ncases:\n  - name: twee\n    year: 2020\n    x: {a: 0}\n    expect: {add: {a: 2}}\n")
        var result = try runCLI(["test", "tests", "--plugins", "plugins"], in: folder.path)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("FAIL tests/een.yaml:3: twee\n  add a: expected 2, got 1"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("0 passed, 1 failed\n"), result.stdout)
        folder.write("tests/kapot.yaml", "plugin: een\ncases: [\n")
        result = try runCLI(["test", "tests", "--plugins", "plugins"], in: folder.path)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("tests/kapot.yaml:"), result.stderr)
    }

    func testExplainPrintsATableAndWritesCSV() throws {
        let city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -3))
        let file = city.scenario("s", "interventions: [{plugin: effect, wijken: [Zuid]}]\n")
        let result = try runCLI(["explain", file, "--wijk", "Zuid", "--indicator", "armoede", "--out", city.path + "/uitleg.csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("2022    -3.0000   +1.0000   0.0000"), result.stdout)
        XCTAssertEqual(city.folder.read("uitleg.csv").split(separator: "\n").prefix(5).map(String.init), [
            "instance,year,contribution", "effect,2021,-3.0", "clamp,2021,0.0", "effect,2022,-3.0", "clamp,2022,1.0",
        ])
        let bad = try runCLI(["explain", file, "--wijk", "Zud", "--indicator", "armoede"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("unknown wijk \"Zud\" (did you mean \"Zuid\"?)"), bad.stderr)
    }
}

/// `wijksim compare` through the executable (CONTRACT §7).
final class CompareCommandTests: XCTestCase {
    func testCompareWritesEveryFileAndAFolderPerScenario() throws {
        let city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let a = city.scenario("a", "draws: 20\nseed: 3\n")
        let b = city.scenario("b", "interventions: [{plugin: effect, wijken: [Noord], funding: f, params: {cost: 10}}]\nfunding: {f: {budget: 20, from: 2020, to: 2024}}\n")
        let result = try runCLI(["compare", a, b, "--out", city.path + "/out"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("20 trekkingen gepaard, toevalsreeks (seed) 3"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Samenvatting in 2025 (focuswijken: "), result.stdout)
        let files = try FileManager.default.contentsOfDirectory(atPath: city.path + "/out").sorted()
        XCTAssertEqual(Array(files.filter { !$0.hasSuffix(".html") }), [".wijksim-manifest.json", "a", "b", "comparison.csv", "comparison_costs.csv"])
        let rows = city.folder.read("out/comparison.csv").split(separator: "\n").map(String.init)
        XCTAssertEqual(rows[0], "scenario,variant,wijk,indicator,year,mean,diff_mean,diff_p05,diff_p95,p_better")
        XCTAssertEqual(rows.count, 1 + 2 * 4 * 2 * 6)
        XCTAssertTrue(rows.contains("b,0,Noord,armoede,2025,15.0,5.0,5.0,5.0,1.0"), rows.joined(separator: "\n"))
        XCTAssertEqual(city.folder.read("out/comparison_costs.csv").split(separator: "\n").map(String.init),
                       ["scenario,variant,funding,total_mean,budget,overspent", "b,0,f,50.0,20.0,true"])
    }

    func testIncompatibleScenariosExitTwo() throws {
        let city = MiniCity()
        let a = city.scenario("a", "")
        let b = city.scenario("b", "name: b\nyears: {from: 2021, to: 2025}\ndata: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}\n", header: false)
        let result = try runCLI(["compare", a, b, "--out", city.path + "/out"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("years 2021–2025 differ from"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: city.path + "/out"))
    }
}
