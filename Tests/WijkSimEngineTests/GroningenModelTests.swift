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
            // the backcast looks back from the earliest observed year (docs/monitoring.md)
            let years = file == "backcast.yaml" ? (2017, 2022) : (2022, 2042)
            XCTAssertEqual(r.plan.firstYear, years.0, file)
            XCTAssertEqual(r.plan.lastYear, years.1, file)
        }
    }

    /// The backcast starts from the city figures of 2017 and every observed
    /// series of observed.csv lies in its years; monitor sets them against it.
    func testBackcastStartsIn2017AndTakesTheObservedSeries() throws {
        let r = try results("backcast", draws: 1)
        func city(_ id: String) -> Double {
            r.cell(variant: 0, wijk: r.plan.wijkCount, indicator: r.plan.city.indicatorIndex(id)!, yearIndex: 0).mean
        }
        XCTAssertEqual(city("minimahuishoudens"), 17.3, accuracy: 0.05)   // OIS Armoedemonitor 2022, 2017
        XCTAssertEqual(city("werkloosheid"), 10.1, accuracy: 0.05)        // schatting: 9.8 (2018) + 0.3
        let loaded = try ScenarioLoader.load(TestPaths.repo("scenarios/backcast.yaml"))
        let observations = try ObservedLoader.load(TestPaths.repo("scenarios/data/groningen/observed.csv"), city: loaded.city,
                                                   years: loaded.scenario.years)
        XCTAssertEqual(observations.map { "\($0.indicator) \($0.year) \($0.value)" }, ["0 2019 16.7", "1 2018 9.8", "1 2022 8.6"])
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: 200)
        let monitoring = try Monitoring.run(plan, observations: observations, threads: 2)
        XCTAssertEqual(monitoring.rows.count, 3)
        XCTAssertTrue(monitoring.rows.allSatisfy { $0.band.p05 <= $0.band.p95 })
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

    func testRegioDealSchoolDayLeavesWithItsCohortsAndTouchesNoOtherWijk() throws {
        // regiodeal.yaml holds only what the Regio Deal pays: a school day 2022-2024.
        let basis = try results("basis"), deal = try results("regiodeal")
        let i = basis.plan.city.indicatorIndex("onderwijsachterstand")!
        let selwerd = basis.plan.city.wijken.firstIndex(of: "Selwerd")!
        func effect(_ wijk: Int, _ year: Int) -> Double {
            basis.cell(variant: 0, wijk: wijk, indicator: i, yearIndex: year - 2022).mean
                - deal.cell(variant: 0, wijk: wijk, indicator: i, yearIndex: year - 2022).mean
        }
        // While cohorts that took part are in group 8 the share is lower; the
        // effect peaks when the programme ends and is gone eight years later.
        // 0.7 reach * 0.01 SD * 30 pp/SD * 2.5 programme years (the first at half strength) = 0.525
        XCTAssertEqual(effect(selwerd, 2025), 0.525, accuracy: 0.05)
        XCTAssertEqual(effect(selwerd, 2030), effect(selwerd, 2025), accuracy: 1e-9)
        XCTAssertEqual(effect(selwerd, 2033), 0, accuracy: 1e-9)
        XCTAssertEqual(effect(selwerd, 2042), 0, accuracy: 1e-9)
        // No spillover: a wijk outside the Regio Deal is the same in every year and indicator.
        let beijum = basis.plan.city.wijken.firstIndex(of: "Beijum")!
        for indicator in 0..<basis.plan.city.indicators.count {
            for year in 0...20 {
                XCTAssertEqual(deal.cell(variant: 0, wijk: beijum, indicator: indicator, yearIndex: year).mean,
                               basis.cell(variant: 0, wijk: beijum, indicator: indicator, yearIndex: year).mean)
            }
        }
        XCTAssertGreaterThan(deal.costs[0].reduce(0, +), 0)
    }

    func testBasisKeepsTheGapsItStartsWith() throws {
        // No convergence: a wijk that starts better than the city keeps its
        // lead (Haren), a wijk that starts worse falls a little further behind.
        let r = try results("basis", draws: 200)
        let i = r.plan.city.indicatorIndex("minimahuishoudens")!
        let haren = r.plan.city.wijken.firstIndex(of: "Haren")!
        let selwerd = r.plan.city.wijken.firstIndex(of: "Selwerd")!
        func value(_ w: Int, _ year: Int) -> Double { r.cell(variant: 0, wijk: w, indicator: i, yearIndex: year).mean }
        // Haren 5.7 in 2022; only the city-wide drift, as a share of its own level
        // (mean -0.15 pp a year at the city's 16.7): 5.7 * (1 - 20 * 0.15 / 16.7) = 4.68 in 2042.
        XCTAssertEqual(value(haren, 0), 5.7, accuracy: 1e-9)
        XCTAssertEqual(value(haren, 20), 4.68, accuracy: 0.15)
        // Selwerd (28.7) falls further behind: its ratio to Haren grows from 5.0
        // (the drift keeps ratios, the one-sided divergence widens them).
        XCTAssertGreaterThan(value(selwerd, 20) / value(haren, 20), value(selwerd, 0) / value(haren, 0) + 0.15)
    }
}
