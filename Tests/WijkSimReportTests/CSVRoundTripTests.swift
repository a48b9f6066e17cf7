import Foundation
import WijkSimEngine
@testable import WijkSimLoad
import WijkSimModel
import WijkSimReport
import WijkSimTestSupport
import XCTest

/// Every CSV wijksim writes goes through one writer (`CSVText`): a cell with
/// a comma, a quote or a line break ("\r\n" too, which is one Character)
/// reads back as the same cell through an RFC 4180 reader, in each file.
final class CSVRoundTripTests: XCTestCase {
    static let awkward = "Noord, \"oud\"\r\nwest"

    func cells(_ text: String, column: String) throws -> [String] {
        let table = try CSVTable.parse(text, file: "out.csv")
        let k = try XCTUnwrap(table.header.firstIndex(of: column))
        return table.rows.map { $0.cells[k] }
    }

    func testResultAndComparisonFilesKeepAwkwardNames() throws {
        let city = MiniCity(wijken: MiniCity.wijken.replacingOccurrences(of: "Noord,", with: "\"Noord, \"\"oud\"\"\r\nwest\","))
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1))
        let reference = city.scenario("ref", "draws: 2\n")
        let alternative = city.scenario("alt", "draws: 2\ninterventions: [{plugin: effect, wijken: all}]\n", header: false)
        let body = try String(contentsOfFile: alternative, encoding: .utf8)
        try ("name: \"plan, \\\"B\\\"\\r\\nnoord\"\nyears: {from: 2020, to: 2025}\ndata: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}\n" + body)
            .write(toFile: alternative, atomically: true, encoding: .utf8)
        let plans = try [reference, alternative].map { file -> Plan in
            let loaded = try ScenarioLoader.load(file)
            return Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
        }
        XCTAssertEqual(plans[0].city.wijken[0], Self.awkward)
        let comparison = try Comparison.run(plans, threads: 1)
        let results = comparison.scenarios[1].results
        XCTAssertEqual(Set(try cells(ResultFiles.trajectories(results), column: "wijk")), [Self.awkward, "Oost", "Zuid", "city"])
        XCTAssertEqual(Set(try cells(ResultFiles.gaps(results), column: "wijk")), [Self.awkward, "Oost", "Zuid"])
        XCTAssertEqual(Set(try cells(ComparisonFiles.differences(comparison), column: "wijk")), [Self.awkward, "Oost", "Zuid", "city"])
        XCTAssertEqual(Set(try cells(ComparisonFiles.differences(comparison), column: "scenario")), ["ref", "plan, \"B\"\r\nnoord"])
        XCTAssertEqual(try cells(ComparisonFiles.costs(comparison), column: "scenario"), ["plan, \"B\"\r\nnoord"], "spend without a source; the reference spends nothing")
    }

    func testCBSImportFilesKeepAwkwardNames() throws {
        var result = CBSImportResult(gemeente: CBSRegionCode("GM0014")!, gemeenteName: "Groningen", level: .wijk,
                                     codes: [CBSRegionCode("WK001400")!], wijken: [Self.awkward], gebieden: ["Centrum, \"binnen\""],
                                     attributes: [.init(name: "population", values: [10])], indicators: [],
                                     indicatorValues: [], warnings: [], imputed: 0)
        XCTAssertEqual(try cells(result.wijkenCSV, column: "wijk"), [Self.awkward])
        XCTAssertEqual(try cells(result.wijkenCSV, column: "gebied"), ["Centrum, \"binnen\""])
        result.indicators = [Indicator(id: "armoede", title: "Armoede, \"minima\"\r\n", unit: "%", polarity: .lowerBetter,
                                       weight: "population", min: 0, max: 100)]
        XCTAssertEqual(try cells(result.indicatorsCSV, column: "title"), ["Armoede, \"minima\"\r\n"])
    }
}
