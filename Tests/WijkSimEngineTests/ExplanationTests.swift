import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// CONTRACT §8: contributions per instance and year plus clamping add up
/// to the mean trajectory.
final class ExplanationTests: EngineTestCase {
    func explain(_ file: String, wijk: String, indicator: String, draws: Int? = nil) throws -> Explanation {
        let loaded = try ScenarioLoader.load(file)
        var plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: draws)
        plan.trace = Plan.Trace(wijk: plan.city.wijken.firstIndex(of: wijk)!, indicator: plan.city.indicatorIndex(indicator)!)
        return Explanation(try Engine.run(plan, threads: 2), variant: 0)
    }

    func testContributionsAndClampingExplainEveryYear() throws {
        city.plugin("omlaag", MiniCity.constantPlugin("omlaag", delta: -2))
        city.plugin("omhoog", MiniCity.constantPlugin("omhoog", delta: 0.5))
        let file = city.scenario("s", """
            interventions:
              - {plugin: omlaag, wijken: [Zuid], to: 2022}
              - {plugin: omhoog, wijken: [Zuid, Noord]}
            """)
        let e = try explain(file, wijk: "Zuid", indicator: "armoede")
        // Zuid 5: 2021 = 5 − 2 + 0.5 = 3.5; 2022 = 2; 2023: 2 − 2 + 0.5 = 0.5; then +0.5 a year.
        XCTAssertEqual((0..<6).map { e.value(yearIndex: $0) }, [5, 3.5, 2, 0.5, 1, 1.5])
        XCTAssertEqual((1..<6).map { e.contribution(instance: 0, yearIndex: $0) }, [-2, -2, -2, 0, 0])
        XCTAssertEqual((1..<6).map { e.contribution(instance: 1, yearIndex: $0) }, [0.5, 0.5, 0.5, 0.5, 0.5])
        XCTAssertEqual((1..<6).map { e.clamp(yearIndex: $0) }, [0, 0, 0, 0, 0])
    }

    func testClampRowShowsWhatTheBoundRemoved() throws {
        city.plugin("omlaag", MiniCity.constantPlugin("omlaag", delta: -3))
        let e = try explain(city.scenario("s", "interventions: [{plugin: omlaag, wijken: [Zuid]}]\n"), wijk: "Zuid", indicator: "armoede")
        // 5 → 2 → (−1 clamped to 0): the clamp row gives back +1, then +3 a year.
        XCTAssertEqual((1..<6).map { e.clamp(yearIndex: $0) }, [0, 1, 3, 3, 3])
    }

    func testContributionsAreMeansOverDrawsAndSumToTheMeanTrajectory() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("volg", """
            return {id = "volg", writes = {"armoede"},
              step = function(ctx, p) ctx:add("armoede", 0.2 * (ctx.city.armoede - ctx.x.armoede)) end}
            """)
        let file = city.scenario("s", """
            draws: 400
            rules: [{plugin: volg}]
            interventions:
              - plugin: effect
                wijken: [Noord]
                params: {delta: {dist: uniform, low: -2, high: 0}}
            """)
        let e = try explain(file, wijk: "Noord", indicator: "armoede")
        for y in 1..<6 {
            let sum = e.value(yearIndex: y - 1) + e.contribution(instance: 0, yearIndex: y) + e.contribution(instance: 1, yearIndex: y)
            XCTAssertEqual(sum + e.clamp(yearIndex: y), e.value(yearIndex: y), accuracy: 1e-12)
            XCTAssertEqual(e.clamp(yearIndex: y), 0, accuracy: 1e-9)
        }
        // the mean of uniform(−2, 0) over 400 draws is near −1
        XCTAssertEqual(e.contribution(instance: 1, yearIndex: 1), -1, accuracy: 0.1)
    }
}
