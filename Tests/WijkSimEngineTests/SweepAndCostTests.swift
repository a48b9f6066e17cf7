import WijkSimEngine
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// Sweeps (first key slowest), costs per instance and year, funding totals.
final class SweepAndCostTests: EngineTestCase {
    func testSweepVariantsAreTheCartesianProductFirstKeySlowest() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let file = city.scenario("s", """
            interventions:
              - {name: a, plugin: effect, wijken: [Noord]}
              - {name: b, plugin: effect, wijken: [Oost]}
            sweep:
              a.delta: [-1, -2]
              b.delta: [-0.5, -1, -1.5]
            """)
        let results = try run(file)
        XCTAssertEqual(results.plan.variants, 6)
        for variant in 0..<6 {
            let expectedA = [-1.0, -2][variant / 3], expectedB = [-0.5, -1, -1.5][variant % 3]
            XCTAssertEqual(mean(results, "Noord", "armoede", 2021, variant: variant), 20 + expectedA)
            XCTAssertEqual(mean(results, "Oost", "armoede", 2021, variant: variant), 10 + expectedB)
            XCTAssertEqual(results.plan.scenario.sweepValues(ofVariant: variant), [expectedA, expectedB])
        }
    }

    func testCostsAndFundingWithOverspendAndSpendOutsideTheWindow() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: 0))
        let file = city.scenario("s", """
            interventions:
              - {name: a, plugin: effect, wijken: [Noord, Oost], from: 2021, to: 2023, params: {cost: 100}, funding: fonds}
              - {name: b, plugin: effect, wijken: all, params: {cost: 1}}
            funding:
              fonds: {budget: 500, from: 2020, to: 2022}
              leeg: {budget: 10, from: 2020, to: 2030}
            """)
        let results = try run(file)
        XCTAssertEqual((0..<5).map { results.cost(variant: 0, instance: 0, step: $0) }, [0, 200, 200, 200, 0])
        XCTAssertEqual((0..<5).map { results.cost(variant: 0, instance: 1, step: $0) }, [3, 3, 3, 3, 3])
        let funding = results.fundingSummary(variant: 0)
        XCTAssertEqual(funding[0], FundingSummary(funding: Funding(name: "fonds", budget: 500, from: 2020, to: 2022),
                                                  spent: 600, spentOutside: 200))
        XCTAssertTrue(funding[0].overspent)
        XCTAssertEqual(funding[1].spent, 0)
        XCTAssertFalse(funding[1].overspent)
    }

    func testGapsAreSignedByPolarityAndYearClosedIsTheFirstYearAtOrBelowZero() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -4, min: -5, max: 5))
        let results = try run(city.scenario("s", "interventions: [{plugin: effect, wijken: [Noord]}]\n"))
        // armoede (lower_better): Noord 20, 16, 12, 8, 4, 0; city = 8 − 0.4·t (households 100/1000).
        let gap = results.gapSummary(variant: 0, wijk: 0, indicator: 0)
        XCTAssertEqual(gap.start, 12)
        XCTAssertEqual(gap.end, 0 - 6, accuracy: 1e-12)
        XCTAssertEqual(gap.closedShare!, 1.5, accuracy: 1e-12)
        // 2023: 8 − (8 − 1.2) = 1.2 > 0; 2024: 4 − 6.4 < 0
        XCTAssertEqual(gap.yearClosed, 2024)
        // meedoen (higher_better): Zuid 80 vs city 70 → gap −10, starts better: no share, closed in 2020.
        let better = results.gapSummary(variant: 0, wijk: 2, indicator: 1)
        XCTAssertEqual(better.start, -10)
        XCTAssertNil(better.closedShare)
        XCTAssertEqual(better.yearClosed, 2020)
    }

    func testPercentilesInterpolateBetweenClosestRanks() {
        XCTAssertEqual(Results.quantile([1, 2, 3, 4, 5], 0.5), 3)
        XCTAssertEqual(Results.quantile([1, 2, 3, 4], 0.5), 2.5)
        XCTAssertEqual(Results.quantile([0, 10], 0.05), 0.5, accuracy: 1e-12)
        XCTAssertEqual(Results.quantile(Array(0...100).map(Double.init), 0.95), 95)
    }
}
