@testable import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// A worker with a chunk after the pilot waits for the sketch; when the run
/// fails meanwhile (the pilot's chunk threw), it must stop waiting.
final class SketchWaitTests: EngineTestCase {
    func testAWaitForTheSketchEndsWhenTheRunIsCancelled() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let file = city.scenario("veel", """
            draws: 9000
            interventions: [{plugin: effect, params: {delta: {dist: uniform, low: -2, high: 1}}}]
            """)
        let loaded = try ScenarioLoader.load(file)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: nil, seed: nil)
        let cells = (plan.wijkCount + 1) * plan.indicatorCount * plan.yearCount
        let table = CellTable(variants: 1, cells: cells)
        let tally = PilotTally(draws: 9000, cells: cells, costCells: 1, layout: GapLayout(plan), workers: 2, statistics: table.row(0))
        // no pilot draw has come: a piece of the pilot goes to the store at once ...
        let pilotPiece = tally.beginStream(firstDraw: 0, count: 64, worker: 0, cancelled: { XCTFail(); return true })
        XCTAssertNotNil(pilotPiece?.store)
        XCTAssertNil(pilotPiece?.summary)
        // ... a piece after it waits, until the run is cancelled
        var asked = 0
        let late = tally.beginStream(firstDraw: 4096, count: 64, worker: 1, cancelled: { asked += 1; return asked > 3 })
        XCTAssertNil(late)
        XCTAssertEqual(asked, 4)
        // a piece holding draws of both is read after its chunk, as before
        XCTAssertNil(tally.beginStream(firstDraw: 4032, count: 128, worker: 1, cancelled: { XCTFail(); return true }))
    }

    /// A plugin that fails in every chunk of a run from a pilot on two
    /// threads: the run ends with the plugin's error (the first chunk's),
    /// whoever was waiting for the pilot's summary.
    func testASketchedRunWhosePluginFailsEndsWithItsError() throws {
        city.plugin("fout", """
            return {id = "fout", writes = {"armoede"},
              params = {u = {default = 0.5, min = 0, max = 1}},
              step = function(ctx, p)
                if ctx.year == 2021 then
                  error("te laat")
                end
              end}
            """)
        let file = city.scenario("veel", """
            draws: 9000
            interventions: [{plugin: fout, wijken: all, params: {u: {dist: uniform, low: 0, high: 1}}}]
            """)
        // sketched, and exact from windows (whose waiting workers help make them)
        for percentiles in [PercentileMethod.sketched, .windowed(margin: QuantileWindows.margin)] {
            XCTAssertThrowsError(try run(file, threads: 2, percentiles: percentiles)) { error in
                let message = (error as? RunFailure)?.message ?? ""
                XCTAssertTrue(message.contains("fout.lua:5: te laat"), message)
            }
        }
    }
}
