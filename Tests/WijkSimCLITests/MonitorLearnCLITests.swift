import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import WijkSimTestSupport
import XCTest

/// `monitor`, `learn` and `samples:` (CONTRACT §2, §11) on the mini city,
/// with numbers worked out by hand.
final class MonitorLearnCLITests: XCTestCase {
    var city: MiniCity!

    override func setUp() {
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
    }

    /// CSV rows as dictionaries by column name (numbers only: no quoted cells).
    func table(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    func cell(_ rows: [[String: String]], _ wijk: String, _ indicator: String, _ year: Int) -> [String: String] {
        rows.first { row in row["wijk"] == wijk && row["indicator"] == indicator && row["year"] == String(year) }!
    }

    func count(_ text: String, _ piece: String) -> Int { text.components(separatedBy: piece).count - 1 }

    /// Noord's armoede falls by δ per year, δ ~ U(−2, 0): in 2022 it is
    /// 20 + 2δ ~ U(16, 20), the city's 8 + 0.2δ ~ U(7.6, 8).
    var uncertainScenario: String {
        city.scenario("s", """
            draws: 4000
            interventions:
              - plugin: effect
                wijken: [Noord]
                params: {delta: {dist: uniform, low: -2, high: 0}}
            """)
    }

    // MARK: observed.csv

    func testBadObservedRowsNameFileRowAndColumn() throws {
        let observed = city.folder.write("obs.csv", """
            wijk,indicator,year,value,sd
            Nord,armoede,2021,19,0.5
            Noord,armode,2021,19,0.5
            Noord,armoede,2031,19,0.5
            Noord,armoede,2021,negentien,0.5
            Noord,armoede,2022,18,-1

            """)
        let result = try runCLI(["monitor", uncertainScenario, "--observed", observed])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("obs.csv:2: column wijk: unknown wijk \"Nord\" (did you mean \"Noord\"?)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("obs.csv:3: column indicator: unknown indicator \"armode\" (did you mean \"armoede\"?)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("obs.csv:4: column year: year 2031 is outside the scenario's years 2020–2025"), result.stderr)
        XCTAssertTrue(result.stderr.contains("obs.csv:5: column value: \"negentien\" is not a number"), result.stderr)
        XCTAssertTrue(result.stderr.contains("obs.csv:6: column sd:"), result.stderr)
        let learn = try runCLI(["learn", uncertainScenario, "--observed", observed, "--out", city.path + "/learned"])
        XCTAssertEqual(learn.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: city.path + "/learned"), "bad input leaves no output")
    }

    // MARK: monitor

    func testMonitorSetsObservationsAgainstTheBandByPolarity() throws {
        // no sd column: the default of 1% of the indicator's range is used (0.4 for armoede 0–40)
        let observed = city.folder.write("obs.csv", """
            wijk,indicator,year,value
            Noord,armoede,2022,15
            Oost,armoede,2021,10
            Zuid,meedoen,2023,85
            city,armoede,2022,8.5
            Noord,armoede,2021,19

            """)
        let result = try runCLI(["monitor", uncertainScenario, "--observed", observed, "--out", city.path + "/mon"])
        XCTAssertEqual(result.status, 0, "outside the band is news, not an error: " + result.stderr)
        let text = city.folder.read("mon/monitor.csv")
        XCTAssertEqual(text.split(separator: "\n").first, "wijk,indicator,year,observed,mean,p05,p95,outside,direction,sd,sd_default")
        let rows = table(text)
        XCTAssertEqual(rows.map { "\($0["wijk"]!) \($0["indicator"]!) \($0["year"]!)" },
                       ["Noord armoede 2021", "Noord armoede 2022", "Oost armoede 2021", "Zuid meedoen 2023", "city armoede 2022"])
        func row(_ wijk: String, _ year: String) -> [String: String] { rows.first { $0["wijk"] == wijk && $0["year"] == year }! }
        // Noord 2022 ~ U(16, 20): mean 18, p05 16.2, p95 19.8; 15 lies below: lower is better
        let noord = row("Noord", "2022")
        XCTAssertEqual(Double(noord["mean"]!)!, 18, accuracy: 0.05)
        XCTAssertEqual(Double(noord["p05"]!)!, 16.2, accuracy: 0.05)
        XCTAssertEqual(Double(noord["p95"]!)!, 19.8, accuracy: 0.05)
        XCTAssertEqual(noord["outside"], "true")
        XCTAssertEqual(noord["direction"], "better")
        XCTAssertEqual(noord["sd"], "0.4")
        XCTAssertEqual(noord["sd_default"], "true")
        // Noord 2021 ~ U(18, 20): 19 inside
        XCTAssertEqual(row("Noord", "2021")["outside"], "false")
        XCTAssertEqual(row("Noord", "2021")["direction"], "")
        // Oost is not targeted: armoede stays 10 in every draw, a band of width 0 that holds 10
        XCTAssertEqual(row("Oost", "2021")["p05"], "10.0")
        XCTAssertEqual(row("Oost", "2021")["outside"], "false")
        // Zuid's meedoen stays 80; 85 is above and higher is better
        XCTAssertEqual(row("Zuid", "2023")["direction"], "better")
        // the city: (100·(20 + 2δ) + 300·10 + 600·5) / 1000 = 8 + 0.2δ ~ U(7.6, 8); 8.5 above: worse
        let cityRow = row("city", "2022")
        XCTAssertEqual(Double(cityRow["mean"]!)!, 7.8, accuracy: 0.005)
        XCTAssertEqual(Double(cityRow["p95"]!)!, 7.98, accuracy: 0.005)
        XCTAssertEqual(cityRow["direction"], "worse")
        // the terminal lists what lies outside first, per wijk, in Dutch
        let outside = try XCTUnwrap(result.stdout.range(of: "Buiten de band (3 van 5):"))
        let inside = try XCTUnwrap(result.stdout.range(of: "Binnen de band (2 van 5):"))
        XCTAssertLessThan(outside.lowerBound, inside.lowerBound)
        let outsidePart = result.stdout[outside.upperBound..<inside.lowerBound]
        XCTAssertTrue(outsidePart.contains("armoede 2022: waargenomen 15,00"), String(outsidePart))
        XCTAssertTrue(outsidePart.contains("beter dan voorspeld"))
        XCTAssertTrue(outsidePart.contains("slechter dan voorspeld"))
        // the report: well-formed XML, the observations on the fans, one sentence per wijk
        let report = city.folder.read("mon/report.html")
        XCTAssertTrue(XMLParser(data: Data(report.utf8)).parse(), "report.html is well-formed XML")
        XCTAssertEqual(count(report, "<li data-wijk="), 4)
        XCTAssertEqual(count(report, "<li data-wijk=\"Oost\" data-on-course=\"true\">"), 1)
        XCTAssertEqual(count(report, "<li data-wijk=\"Noord\" data-on-course=\"false\">"), 1)
        XCTAssertTrue(report.contains("data-wijk=\"Noord\" data-indicator=\"armoede\" data-observations=\"2\" data-outside=\"1\""), report)
        XCTAssertEqual(count(report, "class=\"obs obs-outside\""), 3 + 1)   // three outside, and the legend's
        XCTAssertFalse(report.contains("<script"))
        XCTAssertFalse(report.contains("http://") || report.contains("https://"))
    }

    // MARK: samples

    func testSamplesGiveDrawDTheRowDModRows() throws {
        city.folder.write("scenarios/samples.csv", "effect.delta\n-1\n-2\n0.5\n")
        let file = city.scenario("s", """
            draws: 4
            samples: samples.csv
            interventions:
              - plugin: effect
                wijken: [Noord]
                params: {delta: {dist: uniform, low: -2, high: 0}}
            """)
        let result = try runCLI(["run", file, "--out", city.path + "/out"])
        XCTAssertEqual(result.status, 0, result.stderr)
        // draws 0..3 take rows 0, 1, 2, 0: δ = −1, −2, 0.5, −1; Noord in 2021 = 20 + δ
        let row = cell(table(city.folder.read("out/trajectories.csv")), "Noord", "armoede", 2021)
        let deltas: [Double] = [-1, -2, 0.5, -1]
        let mean: Double = 20 + deltas.reduce(0, +) / 4
        XCTAssertEqual(Double(row["mean"]!)!, mean, accuracy: 1e-12)
        let p95: Double = 20 - 1 + 0.85 * 1.5   // NumPy linear: sorted −2, −1, −1, 0.5; rank 2.85
        XCTAssertEqual(Double(row["p95"]!)!, p95, accuracy: 1e-12)
        XCTAssertTrue(city.folder.read("out/scenario.json").contains("\"samples\""))
    }

    func testBadSamplesAreBadInputWithRowAndColumn() throws {
        city.folder.write("scenarios/samples.csv", "effect.delat,effect.delta,effect.delta@Noord\n-1,-1,-1\n-2,abc,-2\n")
        let file = city.scenario("s", "draws: 4\nsamples: samples.csv\ninterventions: [{plugin: effect, wijken: [Noord]}]\n")
        let result = try runCLI(["run", file, "--out", city.path + "/out"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("samples.csv:1: column effect.delat: unknown column \"effect.delat\": plugin effect has no parameter \"delat\" (did you mean \"delta\"?)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("samples.csv:3: column effect.delta: \"abc\" is not a number"), result.stderr)
        XCTAssertTrue(result.stderr.contains("effect.delta has a column for all wijken and columns per wijk"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: city.path + "/out"))
        city.folder.write("scenarios/wijk.csv", "effect.delta@Noord,effect.delta@Oost\n-1,-1\n")
        let perWijk = city.scenario("w", "draws: 4\nsamples: wijk.csv\ninterventions: [{plugin: effect, wijken: [Noord]}]\n")
        let missing = try runCLI(["run", perWijk])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("none for Zuid"), missing.stderr)
        city.folder.write("scenarios/range.csv", "effect.delta\n-1\n9\n")
        let range = try runCLI(["run", city.scenario("r", "draws: 4\nsamples: range.csv\ninterventions: [{plugin: effect, wijken: [Noord]}]\n")])
        XCTAssertEqual(range.status, 2)
        XCTAssertTrue(range.stderr.contains("range.csv:3: column effect.delta: 9 is outside the range"), range.stderr)
    }

    func testSamplesPerWijkGiveTheSameFilesWithOneAndTwoThreads() throws {
        var csv = "effect.delta@Noord,effect.delta@Oost,effect.delta@Zuid,effect.cost\n"
        for r in 0..<37 { csv += "\(-Double(r % 7) / 3),\(Double(r % 5) / 4 - 1),\(-Double(r % 3)),\(r * 10)\n" }
        city.folder.write("scenarios/samples.csv", csv)
        let file = city.scenario("s", """
            draws: 3000
            samples: samples.csv
            interventions:
              - plugin: effect
                wijken: all
                params:
                  delta: {dist: normal, mean: -1, sd: 0.5, min: -5, max: 5, per_wijk: true}
            """)
        XCTAssertEqual(try runCLI(["run", file, "--out", city.path + "/one", "--threads", "1"]).status, 0)
        XCTAssertEqual(try runCLI(["run", file, "--out", city.path + "/two", "--threads", "2"]).status, 0)
        for name in ["trajectories.csv", "costs.csv", "gaps.csv"] {
            XCTAssertEqual(city.folder.read("one/" + name), city.folder.read("two/" + name), name)
        }
        // Zuid's δ cycles 0, −1, −2 over the rows: in 2021 its armoede is 5 + δ (clamped at 0 never reached)
        let zuid = cell(table(city.folder.read("one/trajectories.csv")), "Zuid", "armoede", 2021)
        var sum = 0.0
        for d in 0..<3000 { sum += 5 - Double((d % 37) % 3) }
        let expected = sum / 3000
        XCTAssertEqual(Double(zuid["mean"]!)!, expected, accuracy: 1e-9)
    }

    // MARK: learn

    /// The worked example of docs/monitoring.md: δ is really −1.5; the
    /// observations are a run with δ fixed at −1.5 plus known noise.
    func testLearnMovesThePosteriorTowardsTheTruth() throws {
        let truth = city.scenario("truth", "interventions: [{plugin: effect, wijken: [Noord], params: {delta: -1.5}}]\n")
        XCTAssertEqual(try runCLI(["run", truth, "--out", city.path + "/truth"]).status, 0)
        let truthRows = table(city.folder.read("truth/trajectories.csv"))
        let noise = [2021: 0.12, 2022: -0.21, 2023: 0.08]
        var observed = "wijk,indicator,year,value,sd\n"
        for year in [2021, 2022, 2023] {
            let mean = Double(cell(truthRows, "Noord", "armoede", year)["mean"]!)!
            XCTAssertEqual(mean, 20 - 1.5 * Double(year - 2020), accuracy: 1e-12)
            observed += "Noord,armoede,\(year),\(mean + noise[year]!),0.3\n"
        }
        let observedFile = city.folder.write("obs.csv", observed)
        let scenario = city.scenario("plan", """
            draws: 4000
            seed: 7
            interventions:
              - plugin: effect
                wijken: [Noord]
                params:
                  delta: {dist: uniform, low: -2, high: 0}
                  cost: {dist: uniform, low: 0, high: 10}
            """)
        let result = try runCLI(["learn", scenario, "--observed", observedFile, "--out", city.path + "/out/learned"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Effectieve trekkingen (ESS):"), result.stdout)
        let posterior = table(city.folder.read("out/learned/posterior.csv"))
        XCTAssertEqual(city.folder.read("out/learned/posterior.csv").split(separator: "\n").first,
                       "instance,param,wijk,prior_mean,prior_p05,prior_p95,post_mean,post_p05,post_p95,ess,draws,narrowing")
        let delta = posterior.first { $0["param"] == "delta" }!
        let value = { (key: String) in Double(delta[key]!)! }
        XCTAssertEqual(value("prior_mean"), -1, accuracy: 0.02)
        XCTAssertEqual(value("prior_p05"), -1.9, accuracy: 0.02)
        XCTAssertEqual(value("prior_p95"), -0.1, accuracy: 0.02)
        // the weighted mean of δ: the observations say 20 − kδ ± 0.3 for k = 1, 2, 3, so δ ≈ −1.5 ± 0.08
        XCTAssertEqual(value("post_mean"), -1.5, accuracy: 0.05)
        XCTAssertLessThan(abs(value("post_mean") + 1.5), abs(value("prior_mean") + 1.5))
        XCTAssertLessThan(value("post_p95") - value("post_p05"), 0.2 * (value("prior_p95") - value("prior_p05")))
        XCTAssertLessThan(value("post_p05"), -1.5)
        XCTAssertGreaterThan(value("post_p95"), -1.5)
        let ess = value("ess")
        XCTAssertGreaterThan(ess, 100)
        XCTAssertLessThan(ess, 4000)
        // cost does not touch armoede: the observations leave it as it was
        let cost = posterior.first { $0["param"] == "cost" }!
        XCTAssertLessThan(abs(Double(cost["narrowing"]!)!), 0.1)
        // samples.csv: 4000 rows of the posterior, deterministic
        let samples = city.folder.read("out/learned/samples.csv")
        XCTAssertEqual(samples.split(separator: "\n").first, "effect.cost,effect.delta")   // in the plugin's parameter order
        XCTAssertEqual(samples.split(separator: "\n").count, 4001)
        let again = try runCLI(["learn", scenario, "--observed", observedFile, "--out", city.path + "/again", "--threads", "1"])
        XCTAssertEqual(again.status, 0)
        XCTAssertEqual(city.folder.read("again/samples.csv"), samples)
        XCTAssertEqual(city.folder.read("again/posterior.csv"), city.folder.read("out/learned/posterior.csv"))
        // the learned scenario runs and its forecast meets the observations
        let yaml = city.folder.read("out/learned/scenario.yaml")
        XCTAssertTrue(yaml.contains("extends: \"../../scenarios/plan.yaml\""), yaml)
        XCTAssertTrue(yaml.contains("samples: samples.csv"), yaml)
        XCTAssertTrue(yaml.contains("plugins: [\"../../plugins\"]"), yaml)
        let rerun = try runCLI(["run", city.path + "/out/learned/scenario.yaml", "--out", city.path + "/forecast"])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        let forecast = table(city.folder.read("forecast/trajectories.csv"))
        let y2023 = cell(forecast, "Noord", "armoede", 2023)
        XCTAssertEqual(Double(y2023["mean"]!)!, 15.5, accuracy: 0.2)
        XCTAssertGreaterThan(Double(y2023["p95"]!)!, 15.58 - 0.3)
        XCTAssertLessThan(Double(y2023["p05"]!)!, 15.58 + 0.3)
        // the report: well-formed, prior and posterior per parameter, bands before and after
        let report = city.folder.read("out/learned/report.html")
        XCTAssertTrue(XMLParser(data: Data(report.utf8)).parse(), "report.html is well-formed XML")
        XCTAssertEqual(count(report, "<tr data-param=\"effect.delta\">"), 1)
        XCTAssertTrue(report.contains("data-wijk=\"Noord\" data-indicator=\"armoede\" data-observations=\"3\""), report)
        XCTAssertTrue(report.contains("Wat de waarnemingen leerden"))
    }

    func testLearnWarnsWhenFewDrawsCarryTheWeight() throws {
        let observed = city.folder.write("obs.csv", "wijk,indicator,year,value,sd\nNoord,armoede,2024,14.0,0.001\nNoord,armoede,2022,17.0,0.001\n")
        let scenario = city.scenario("plan", "draws: 200\ninterventions: [{plugin: effect, wijken: [Noord], params: {delta: {dist: uniform, low: -2, high: 0}}}]\n")
        let result = try runCLI(["learn", scenario, "--observed", observed, "--out", city.path + "/learned"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: only"), result.stderr)
        XCTAssertTrue(result.stderr.contains("rerun with --draws"), result.stderr)
        XCTAssertTrue(city.folder.read("learned/report.html").contains("Te weinig effectieve trekkingen"))
    }
}
