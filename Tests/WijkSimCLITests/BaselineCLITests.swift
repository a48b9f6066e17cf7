import Foundation
import WijkSimTestSupport
import XCTest

/// `run` measures a plan against its baseline (CONTRACT §2 `baseline`): the
/// scenario it extends when that one has no interventions, or the file that
/// `baseline:` names; `baseline: none` for none.
final class BaselineCLITests: XCTestCase {
    var city: MiniCity!

    override func setUp() {
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("drift", MiniCity.constantPlugin("drift", delta: 0.5, min: -5, max: 5))
        city.scenario("basis", "draws: 40\nseed: 9\nrules: [{plugin: drift}]\n")
    }

    func plan(_ name: String, _ extra: String = "") -> String {
        city.scenario(name, """
            extends: basis.yaml
            \(extra)
            interventions:
              - {name: hulp, plugin: effect, wijken: [Noord], params: {delta: {dist: uniform, low: -2, high: 0}}}
            """, header: false)
    }

    func testTheExtendedScenarioIsTheDefaultBaselineAndComparisonCSVEqualsCompares() throws {
        let file = plan("plan", "name: plan")
        let run = try runCLI(["run", file, "--out", city.path + "/run", "--lang", "en"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Effect of the plan in 2025, against \"basis\" (\(city.path)/scenarios/basis.yaml) in the same 40 draws"), run.stdout)
        // Noord gains 1 per year on average over 5 steps (uniform −2…0), Oost and Zuid are untouched
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let armoede = try XCTUnwrap(lines.first { $0.hasPrefix("armoede") })
        XCTAssertTrue(armoede.contains("(P 1.00)"), armoede)
        let dutch = try runCLI(["run", file])
        XCTAssertTrue(dutch.stdout.hasPrefix("Effect van het plan in 2025, tegen \"basis\""), dutch.stdout)
        let compare = try runCLI(["compare", city.path + "/scenarios/basis.yaml", file, "--out", city.path + "/compare"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        let ours = city.folder.read("run/comparison.csv")
        XCTAssertFalse(ours.isEmpty)
        XCTAssertEqual(ours, city.folder.read("compare/comparison.csv"))
        let rows = ours.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let noord = try XCTUnwrap(rows.first { $0[0] == "plan" && $0[2] == "Noord" && $0[3] == "armoede" && $0[4] == "2025" })
        XCTAssertEqual(Double(noord[6])!, 5 * 1.0, accuracy: 0.5, "five steps of −1 on average")
        XCTAssertTrue(city.folder.read("run/report.html").contains("Effect van het plan"))
        // a plan (it has a baseline) written with --out also says what a point costs
        let effectiveness = city.folder.read("run/effectiveness.csv").split(separator: "\n").map(String.init)
        XCTAssertEqual(effectiveness.first, "kind,name,indicator,unit,cost,improvement_mean,improvement_p05,improvement_p95,eur_per_unit,eur_per_unit_p05,eur_per_unit_p95")
        XCTAssertTrue(effectiveness.contains { $0.hasPrefix("intervention,hulp,armoede,") }, "\(effectiveness)")
        XCTAssertTrue(city.folder.read("run/report.html").contains("Wat kost een punt?"))
        XCTAssertTrue(city.folder.read("run/scenario.json").contains("\"baseline\" : \"\\/"), city.folder.read("run/scenario.json"))
    }

    func testBaselineNoneAndAParentWithInterventionsGiveNoBaseline() throws {
        let none = plan("zonder", "name: zonder\nbaseline: none")
        let result = try runCLI(["run", none, "--out", city.path + "/zonder", "--lang", "en"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("No baseline: the gaps below include the autonomous trend"), result.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: city.path + "/zonder/comparison.csv"))

        let parent = plan("ouder", "name: ouder")
        let child = city.scenario("kind", "extends: ouder.yaml\nname: kind\n", header: false)
        _ = parent
        let second = try runCLI(["run", child, "--lang", "en"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.hasPrefix("No baseline"), second.stdout)
    }

    func testADeclaredBaselineIsUsedAndAMissingOneIsBadInputAtItsLine() throws {
        let other = city.scenario("ander", "draws: 40\n")
        _ = other
        let declared = plan("gekozen", "name: gekozen\nbaseline: ander.yaml")
        let result = try runCLI(["run", declared, "--lang", "en"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Effect of the plan in 2025, against \"ander\""), result.stdout)

        let missing = plan("kwijt", "name: kwijt\nbaseline: nergens.yaml")
        let bad = try runCLI(["run", missing, "--out", city.path + "/kwijt"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("scenarios/kwijt.yaml:3: baseline: no such file: \(city.path)/scenarios/nergens.yaml; expected a scenario without the plan, or `none`"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: city.path + "/kwijt"))
    }
}
