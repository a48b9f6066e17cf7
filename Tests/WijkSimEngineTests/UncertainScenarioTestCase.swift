import WijkSimEngine
import WijkSimTestSupport
import XCTest

/// A scenario whose numbers depend on every source of randomness: a rule
/// with `sim.normal`/`sim.uniform` and an intervention with a parameter drawn
/// per draw and one drawn per wijk. For tests that the same inputs give the
/// same bits whatever the threads, chunks or borrowed Lua states.
class UncertainScenarioTestCase: EngineTestCase {
    override func setUp() {
        super.setUp()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("ruis", """
            return {id = "ruis", writes = {"meedoen"},
              step = function(ctx, p) ctx:add("meedoen", 0.5 * sim.normal() + 0.1 * sim.uniform()) end}
            """)
    }

    /// The intervention with a parameter drawn per draw and one per wijk, as
    /// an item of a scenario's `interventions` list.
    static let drawnIntervention = """
          - name: e
            plugin: effect
            wijken: all
            params:
              delta: {dist: triangular, low: -2, mode: -1, high: 0}
              cost: {dist: uniform, low: 10, high: 20, per_wijk: true}
        """

    var uncertain: String {
        city.scenario("onzeker", """
            draws: 300
            seed: 7
            rules: [{plugin: ruis}]
            interventions:
            \(UncertainScenarioTestCase.drawnIntervention)
            """)
    }

    func allNumbers(_ results: Results) -> [Double] {
        results.trajectories.flatMap { $0.flatMap { [$0.mean, $0.p05, $0.p50, $0.p95] } } + results.costs.flatMap { $0 }
    }
}
