import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import WijkSimTestSupport
import XCTest

/// `wijksim sensitivity` (CONTRACT §12) and `sampling:` (§2) from the command line.
final class SensitivityCLITests: XCTestCase {
    var city: MiniCity!

    override func setUp() {
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
    }

    var uncertain: String {
        city.scenario("s", """
            seed: 3
            interventions:
              - name: e
                plugin: effect
                wijken: [Noord]
                params:
                  delta: {dist: triangular, low: -2, mode: -1, high: 0}
                  cost: {dist: uniform, low: 10, high: 20}
            """)
    }

    func testSobolWritesTheCSVAndAWellFormedReportAndRanksPerFocusWijk() throws {
        let result = try runCLI(["sensitivity", uncertain, "--method", "sobol", "--samples", "256", "--out", city.path + "/out"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("sensitivity (sobol) of the value in 2025, 2 factors, N = 256, 1024 evaluations"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Noord\n  armoede"), result.stdout)
        let csv = city.folder.read("out/sensitivity.csv").split(separator: "\n").map(String.init)
        XCTAssertEqual(csv.first, "wijk,indicator,year,factor,S1,S1_conf,ST,ST_conf")
        XCTAssertEqual(csv.count, 1 + 4 * 2 * 2)   // (3 wijken + city) × 2 indicators × 2 factors
        let delta = csv.first { $0.hasPrefix("Noord,armoede,2025,e.delta,") }!.split(separator: ",")
        XCTAssertEqual(Double(delta[4])!, 1, accuracy: max(0.05, Double(delta[5])!))   // armoede moves with delta only
        XCTAssertEqual(Double(delta[6])!, 1, accuracy: 0.05)
        XCTAssertTrue(csv.contains("Noord,armoede,2025,e.cost,0.0,0.0,0.0,0.0"), csv.joined(separator: "\n"))
        let html = city.folder.read("out/report.html")
        XCTAssertTrue(XMLParser(data: Data(html.utf8)).parse(), "report.html is well-formed XML")
        XCTAssertTrue(html.contains("De onzekerheid over e.delta bepaalt 100 % van de spreiding"), html)
        XCTAssertFalse(html.contains("http://") && html.contains("src="))
    }

    func testMorrisColumnsAndGapAndYear() throws {
        let result = try runCLI(["sensitivity", uncertain, "--method", "morris", "--samples", "10", "--year", "2023", "--gap", "--out", city.path + "/m"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = city.folder.read("m/sensitivity.csv").split(separator: "\n").map(String.init)
        XCTAssertEqual(csv.first, "wijk,indicator,year,factor,mu_star,mu_star_conf,sigma,mu")
        XCTAssertTrue(csv.contains { $0.hasPrefix("city,armoede,2023,e.delta,0.0,") }, "the city's gap is 0")
    }

    func testBadInputExitsTwo() throws {
        XCTAssertEqual(try runCLI(["sensitivity", uncertain, "--method", "sobel"]).status, 2)
        let year = try runCLI(["sensitivity", uncertain, "--method", "sobol", "--year", "2030"])
        XCTAssertEqual(year.status, 2)
        XCTAssertTrue(year.stderr.contains("--year 2030 is outside"), year.stderr)
        let fixed = city.scenario("vast", "interventions: [{plugin: effect, wijken: [Noord]}]\n")
        let none = try runCLI(["sensitivity", fixed, "--method", "morris"])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("no distributed parameters"), none.stderr)
        city.folder.write("mine/notes.txt", "mine")
        XCTAssertEqual(try runCLI(["sensitivity", uncertain, "--method", "morris", "--out", city.path + "/mine"]).status, 2)
        XCTAssertEqual(city.folder.read("mine/notes.txt"), "mine")
    }

    func testSamplingOtherThanRandomOrLhsIsBadInputAtItsLine() throws {
        let file = city.scenario("bad", "draws: 10\nsampling: sobol\ninterventions: [{plugin: effect, wijken: [Noord]}]\n")
        let result = try runCLI(["run", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("bad.yaml:5: sampling: must be random (the default) or lhs"), result.stderr)
    }

    func testLhsRunsAreByteIdenticalOnOneAndTwoThreads() throws {
        let file = city.scenario("lhs", """
            draws: 500
            sampling: lhs
            interventions:
              - {name: e, plugin: effect, wijken: all, params: {delta: {dist: normal, mean: -1, sd: 0.5, min: -3, max: 1, per_wijk: true}}}
            """)
        XCTAssertEqual(try runCLI(["run", file, "--threads", "1", "--out", city.path + "/one"]).status, 0)
        XCTAssertEqual(try runCLI(["run", file, "--threads", "2", "--out", city.path + "/two"]).status, 0)
        for name in ["trajectories.csv", "gaps.csv", "costs.csv", "scenario.json"] {
            XCTAssertEqual(city.folder.read("one/\(name)"), city.folder.read("two/\(name)"), name)
        }
        XCTAssertTrue(city.folder.read("one/scenario.json").contains("\"sampling\" : \"lhs\""))
    }
}
