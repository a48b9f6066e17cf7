import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// Runs scenarios of a `MiniCity` through the library, as `wijksim run` does.
class EngineTestCase: XCTestCase {
    var city: MiniCity!

    override func setUp() {
        city = MiniCity()
    }

    func run(_ file: String, threads: Int = 1, blocksPerChunk: Int? = nil, draws: Int? = nil,
             seed: UInt64? = nil, exactPercentiles: Bool? = nil, percentiles: PercentileMethod? = nil) throws -> Results {
        let loaded = try ScenarioLoader.load(file)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: draws, seed: seed)
        return try Engine.run(plan, threads: threads, blocksPerChunk: blocksPerChunk, exactPercentiles: exactPercentiles,
                              percentiles: percentiles)
    }

    /// A scenario of `draws` draws whose intervention moves `armoede` every
    /// year in every wijk by a normal draw per wijk (mean −1, sd 1, within
    /// ±5), so that Zuid (starting at 5) reaches the floor in many draws;
    /// `more` follows in the file: further interventions (as list items),
    /// a sweep.
    func normalEffectScenario(_ name: String, draws: Int, more: String = "") -> String {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        return city.scenario(name, """
            draws: \(draws)
            interventions:
              - plugin: effect
                wijken: all
                params: {delta: {dist: normal, mean: -1, sd: 1, min: -5, max: 5, per_wijk: true}}

            """ + more)
    }

    /// Mean of indicator `id` in wijk `wijk` ("city" for the average) in `year`.
    func mean(_ results: Results, _ wijk: String, _ id: String, _ year: Int, variant: Int = 0) -> Double {
        let plan = results.plan
        let w = wijk == "city" ? plan.wijkCount : plan.city.wijken.firstIndex(of: wijk)!
        return results.cell(variant: variant, wijk: w, indicator: plan.city.indicatorIndex(id)!,
                            yearIndex: year - plan.firstYear).mean
    }

    func series(_ results: Results, _ wijk: String, _ id: String, variant: Int = 0) -> [Double] {
        (results.plan.firstYear...results.plan.lastYear).map { mean(results, wijk, id, $0, variant: variant) }
    }
}
