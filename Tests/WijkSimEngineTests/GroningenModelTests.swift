import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// The shipped Groningen data and scenarios: they load, run, and start
/// from the published city figures.
final class GroningenModelTests: XCTestCase {
    func results(_ name: String, draws: Int = 20) throws -> Results {
        let loaded = try ScenarioLoader.load(TestPaths.repo("scenarios/\(name).yaml"))
        return try Engine.run(Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: draws))
    }

    func testEveryShippedScenarioLoadsAndRuns() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.repo("scenarios")).filter { $0.hasSuffix(".yaml") }
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for file in files.sorted() {
            let r = try results(String(file.dropLast(5)), draws: 3)
            XCTAssertEqual(r.plan.firstYear, 2022, file)
            XCTAssertEqual(r.plan.lastYear, 2042, file)
        }
    }

    func testCityAveragesIn2022AreThePublishedFigures() throws {
        let r = try results("basis", draws: 1)
        func city(_ id: String) -> Double {
            r.cell(variant: 0, wijk: r.plan.wijkCount, indicator: r.plan.city.indicatorIndex(id)!, yearIndex: 0).mean
        }
        XCTAssertEqual(city("minimahuishoudens"), 16.7, accuracy: 0.05)   // OIS Armoedemonitor
        XCTAssertEqual(city("werkloosheid"), 8.6, accuracy: 0.05)         // Basismonitor 2022
        XCTAssertEqual(city("onveiligheidsgevoel"), 15, accuracy: 0.05)
        let population = r.plan.city.attributes["population"]!.reduce(0, +)
        XCTAssertEqual(population, 243_768)                                // CBS KWB 2024
    }

    func testRegioDealLowersJeugdcriminaliteitInItsWijkenAgainstBasis() throws {
        let basis = try results("basis"), deal = try results("regiodeal")
        let i = basis.plan.city.indicatorIndex("jeugdcriminaliteit")!
        let selwerd = basis.plan.city.wijken.firstIndex(of: "Selwerd")!
        XCTAssertLessThan(deal.cell(variant: 0, wijk: selwerd, indicator: i, yearIndex: 6).mean,
                          basis.cell(variant: 0, wijk: selwerd, indicator: i, yearIndex: 6).mean)
        // A wijk outside the Regio Deal only changes through the city average it converges to.
        let beijum = basis.plan.city.wijken.firstIndex(of: "Beijum")!
        XCTAssertEqual(deal.cell(variant: 0, wijk: beijum, indicator: i, yearIndex: 0).mean,
                       basis.cell(variant: 0, wijk: beijum, indicator: i, yearIndex: 0).mean)
        XCTAssertGreaterThan(deal.costs[0].reduce(0, +), 0)
    }
}
