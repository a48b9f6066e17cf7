import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimReport
import WijkSimTestSupport
import WijkSimFiles
import XCTest

/// The format of each output file (CONTRACT §5) and the all-or-nothing folder.
final class ResultFilesTests: XCTestCase {
    var city: MiniCity!
    var results: Results!

    override func setUpWithError() throws {
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -0.1, min: -5, max: 5))
        let file = city.scenario("s", """
            description: Een test
            draws: 3
            interventions:
              - {name: a, plugin: effect, wijken: [Noord], params: {cost: 2.5}, funding: fonds}
              - {plugin: effect, wijken: [Oost], to: 2021}
            funding:
              fonds: {budget: 5, from: 2020, to: 2021}
            sweep:
              a.delta: [-0.1, -0.3]
            """)
        let loaded = try ScenarioLoader.load(file)
        results = try Engine.run(Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins))
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func testTrajectoriesHaveEveryVariantWijkCityIndicatorAndYear() {
        let rows = lines(ResultFiles.trajectories(results))
        XCTAssertEqual(rows[0], "variant,wijk,indicator,year,mean,p05,p50,p95")
        XCTAssertEqual(rows.count, 1 + 2 * 4 * 2 * 6)
        XCTAssertTrue(rows.contains("0,city,armoede,2020,8.0,8.0,8.0,8.0"))
        // 20 − 0.1 is written in full: the shortest text that reads back the same double.
        XCTAssertTrue(rows.contains("0,Noord,armoede,2021,\(20 - 0.1),\(20 - 0.1),\(20 - 0.1),\(20 - 0.1)"))
        XCTAssertTrue(rows.contains("1,Noord,armoede,2021,19.7,19.7,19.7,19.7"))
    }

    func testGapsHaveNoCityRowsAndEmptyCellsWhereTheContractSaysSo() {
        let rows = lines(ResultFiles.gaps(results))
        XCTAssertEqual(rows[0], "variant,wijk,indicator,gap_start,gap_end,closed_share,year_closed,gap_end_p05,gap_end_p95,p_closed_end")
        XCTAssertEqual(rows.count, 1 + 2 * 2 * 3)
        XCTAssertFalse(rows.contains { $0.contains(",city,") })
        // Zuid's armoede 5 starts below the city 8: empty closed_share, closed in 2020,
        // and closed in every draw at the end (the draws are all alike here).
        let zuid = rows.first { $0.hasPrefix("0,Zuid,armoede,-3.0,") }?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        XCTAssertEqual(zuid.count, 10, rows.joined(separator: "\n"))
        XCTAssertEqual(zuid[5], "")
        XCTAssertEqual(zuid[6], "2020")
        XCTAssertEqual(Double(zuid[7])!, Double(zuid[4])!, accuracy: 1e-12)
        XCTAssertEqual(Double(zuid[8])!, Double(zuid[4])!, accuracy: 1e-12)
        XCTAssertEqual(zuid[9], "1.0")
        // Noord starts 12 above the city and stays above: closed in no draw.
        XCTAssertTrue(rows.contains { $0.hasPrefix("0,Noord,armoede,12.0,") && $0.hasSuffix(",0.0") }, rows.joined(separator: "\n"))
    }

    func testCostsListEveryInterventionAndStepYearWithItsFunding() {
        let rows = lines(ResultFiles.costs(results))
        XCTAssertEqual(rows[0], "variant,intervention,funding,year,mean")
        XCTAssertEqual(rows.count, 1 + 2 * 2 * 5)
        XCTAssertTrue(rows.contains("0,a,fonds,2024,2.5"))
        XCTAssertTrue(rows.contains("1,effect,,2022,0.0"))
        XCTAssertFalse(rows.contains { $0.contains(",2025,") })
    }

    func testFundingMarksOverspendAndVariantsListTheSweep() {
        XCTAssertEqual(lines(ResultFiles.funding(results)), [
            "variant,funding,budget,spent,spent_outside,overspent",
            "0,fonds,5.0,12.5,7.5,true",
            "1,fonds,5.0,12.5,7.5,true",
        ])
        XCTAssertEqual(lines(ResultFiles.variants(results)), ["variant,a.delta", "0,-0.1", "1,-0.3"])
    }

    func testSummaryStatesSpendPerFundingAndOverspendInWholeEuros() {
        let text = SummaryTable.text(results, language: .en)
        XCTAssertTrue(text.contains("fonds"), text)
        XCTAssertTrue(text.contains("Warning: funding fonds is overspent: spends 13 of a 5 budget"), text)
        XCTAssertEqual(SummaryTable.euros(0), "0")
        XCTAssertEqual(SummaryTable.euros(999.4), "999")
        XCTAssertEqual(SummaryTable.euros(999.5), "1,000")
        XCTAssertEqual(SummaryTable.euros(207_461_100), "207,461,100")
        XCTAssertEqual(SummaryTable.euros(-1_234_567.6), "-1,234,568")
        XCTAssertEqual(SummaryTable.euros(1e30), "1000000000000000019884624838656")
        XCTAssertEqual(SummaryTable.signed(-0.001), "+0.00")
        XCTAssertEqual(SummaryTable.signed(4.756), "+4.76")
        XCTAssertEqual(SummaryTable.signed(-2.044), "-2.04")
    }

    /// trajectories.csv written in pieces of variants, on one or more
    /// threads, is the text made whole; and the manifest's hash, taken by
    /// reading the file back, is the file's: a second run into the folder
    /// takes it as wijksim's own and replaces it.
    func testTrajectoriesWrittenInPiecesAreTheWholeText() throws {
        let whole = ResultFiles.trajectories(results)
        XCTAssertEqual(whole.split(separator: "\n").count, 1 + 2 * 4 * 2 * 6)
        for (threads, pieceBytes) in [(1, 1), (2, 1), (3, 1), (2, 4 << 20)] {
            let folder = ScratchFolder()
            let output = try OutputFolder(folder.path + "/out", command: "run")
            try ResultFiles.writeTrajectories(results, to: output.files, threads: threads, pieceBytes: pieceBytes)
            try output.commit()
            XCTAssertEqual(folder.read("out/trajectories.csv"), whole, "\(threads) threads, pieces of \(pieceBytes) bytes")
            let again = try OutputFolder(folder.path + "/out", command: "run")
            try ResultFiles.write(results, to: again.files, threads: threads)
            XCTAssertNoThrow(try again.commit())
            XCTAssertEqual(folder.read("out/trajectories.csv"), whole)
        }
    }

    func testScenarioJSONHoldsTheResolvedScenario() throws {
        let folder = ScratchFolder()
        let output = try OutputFolder(folder.path + "/out", command: "run")
        try ResultFiles.write(results, to: output.files)
        try output.commit()
        let json = try JSONSerialization.jsonObject(with: Data(folder.read("out/scenario.json").utf8)) as! [String: Any]
        XCTAssertEqual(json["name"] as? String, "s")
        XCTAssertEqual(json["seed"] as? Int, 1)
        XCTAssertEqual(json["draws"] as? Int, 3)
        let interventions = json["interventions"] as! [[String: Any]]
        XCTAssertEqual(interventions.map { $0["name"] as? String }, ["a", "effect"])
        XCTAssertEqual(interventions[1]["to"] as? Int, 2021)
        XCTAssertEqual((interventions[0]["params"] as? [String: Any])?["cost"] as? Double, 2.5)
        XCTAssertNotNil(json["wijksim_version"])
    }
}
