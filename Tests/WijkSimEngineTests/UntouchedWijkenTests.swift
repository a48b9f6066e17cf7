import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest
@testable import WijkSimEngine

/// A compared run leaves the wijken no intervention reaches to the
/// reference (`UntouchedWijken`) and gives the numbers of a run that
/// simulates every wijk, bit for bit.
final class UntouchedWijkenTests: EngineTestCase {
    func plans(_ files: [String], draws: Int? = nil) throws -> [Plan] {
        let loaded = try files.map { try ScenarioLoader.load($0) }
        let first = loaded[0].scenario
        return loaded.map { Plan(scenario: $0.scenario, city: $0.city, plugins: $0.plugins, draws: draws ?? first.draws, seed: first.seed) }
    }

    /// The comparison as it runs, and the plan run whole against the same reference.
    func partialAndWhole(_ plans: [Plan], threads: Int = 2) throws -> (partial: ComparedScenario, whole: ComparedScenario) {
        let reference = try Comparison.prepare(reference: plans[0], threads: threads)
        let partial = try Comparison.run([plans[1]], against: reference, threads: threads).scenarios[1]
        let pairing = Pairing(reference: reference.kept, keepVariantZero: false, sign: Pairing.signs(plans[1]),
                              referenceCells: reference.scenario.results.trajectories[0])
        let whole = try Engine.run(plans[1], threads: threads, blocksPerChunk: nil, method: .stored, pairing: pairing, progress: nil)
        XCTAssertNil(whole.results.plan.untouched)
        return (partial, ComparedScenario(results: whole.results, differences: whole.differences))
    }

    func assertBitForBit(_ a: ComparedScenario, _ b: ComparedScenario, file: StaticString = #filePath, line: UInt = #line) {
        func bits(_ s: ComparedScenario) -> [UInt64] {
            var numbers: [Double] = []
            for cell in s.results.trajectories.joined() { numbers += [cell.mean, cell.p05, cell.p50, cell.p95] }
            numbers += s.results.costs.joined()
            for gap in s.results.endGaps.joined() { numbers += [gap.p05, gap.p95, gap.closedShare] }
            for difference in s.differences.joined() { numbers += [difference.mean, difference.p05, difference.p95, difference.pBetter] }
            return numbers.map(\.bitPattern)
        }
        let x = bits(a), y = bits(b)
        XCTAssertEqual(x.count, y.count, file: file, line: line)
        XCTAssertTrue(x == y, "\(zip(x, y).filter { $0 != $1 }.count) numbers differ", file: file, line: line)
    }

    /// Relative to a kept run of the programme (`serve`): a slider of the
    /// Regio Deal's school day re-runs its 8 wijken; the `trend` rule and
    /// the interventions whose steps never read the state are replayed from
    /// the kept adds, `maatschappelijk_meedoen` (it reads the unemployed)
    /// and the changed instance are stepped; the indicators none of those
    /// writes take the kept state whole; and every number equals the whole run's.
    func testAKeptRunsStepsAreReplayedWhereTheyDidNotReadTheState() throws {
        let plans = try plans([TestPaths.repo("scenarios/basis.yaml"), TestPaths.repo("scenarios/programma.yaml")], draws: 40)
        let reference = try Comparison.prepare(reference: plans[0], threads: 2)
        let kept = try Comparison.runKeeping(plans[1], against: reference, threads: 2).kept
        var changed = plans[1]
        let k = try XCTUnwrap(changed.instances.firstIndex { $0.name == "schooldag_regiodeal" })
        let p = try XCTUnwrap(changed.plugins[changed.instances[k].plugin].params.firstIndex { $0.name == "bereik" })
        changed.instances[k].params[p] = .constant(0.5)
        let untouched = try XCTUnwrap(UntouchedWijken(plan: changed, kept: kept))
        XCTAssertEqual(untouched.simulated.map { changed.city.wijken[$0] },
                       ["Selwerd", "Paddepoel", "Vinkhuizen", "Tuinwijk", "Professorenbuurt", "De Hoogte", "Indische Buurt", "Oosterparkwijk"])
        func replayed(_ name: String) throws -> Bool {
            untouched.replayed[try XCTUnwrap(changed.instances.firstIndex { $0.name == name })]
        }
        XCTAssertTrue(try replayed("trend"))
        XCTAssertTrue(try replayed("preventie_nplv"))
        XCTAssertTrue(try replayed("stratenaanpak_coalitie"))
        XCTAssertFalse(try replayed("schooldag_regiodeal"))
        XCTAssertFalse(try replayed("meedoen_nplv"))
        XCTAssertFalse(try replayed("woningmix_nplv"))
        XCTAssertEqual(changed.city.indicators.indices.filter { untouched.clean[$0] }.map { changed.city.indicators[$0].id },
                       ["jeugdcriminaliteit", "energiearmoede", "ervaren_gezondheid", "sociale_cohesie"])
        let partial = try Comparison.run([changed], against: reference, kept: kept, threads: 2).scenarios[1]
        XCTAssertNotNil(partial.results.plan.untouched)
        let pairing = Pairing(reference: reference.kept, keepVariantZero: false, sign: Pairing.signs(changed),
                              referenceCells: reference.scenario.results.trajectories[0])
        let whole = try Engine.run(changed, threads: 2, blocksPerChunk: nil, method: .stored, pairing: pairing, progress: nil)
        assertBitForBit(partial, ComparedScenario(results: whole.results, differences: whole.differences))
    }

    /// The Regio Deal reaches 8 of Groningen's 18 wijken: 10 are the baseline's.
    func testGroningenRegioDealEqualsTheWholeRun() throws {
        let plans = try plans([TestPaths.repo("scenarios/basis.yaml"), TestPaths.repo("scenarios/regiodeal.yaml")], draws: 80)
        let (partial, whole) = try partialAndWhole(plans)
        let untouched = try XCTUnwrap(partial.results.plan.untouched)
        XCTAssertEqual(untouched.simulated.count, 8)
        assertBitForBit(partial, whole)
        // and on one thread, in other chunks
        assertBitForBit(try partialAndWhole(plans, threads: 1).partial, whole)
    }

    func testAMiniCityWithNoiseAndCostsEqualsTheWholeRun() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("ruis", MiniCity.noisePlugin)
        let a = city.scenario("a", "draws: 300\nseed: 4\nrules: [{plugin: ruis, params: {s: {dist: uniform, low: 0.5, high: 1.5}}}]\n")
        let b = city.scenario("b", "extends: a.yaml\nname: b\ninterventions: [{plugin: effect, wijken: [Noord], params: {delta: -0.5, cost: 10}}]\n", header: false)
        let (partial, whole) = try partialAndWhole(try plans([a, b]))
        XCTAssertEqual(partial.results.plan.untouched?.simulated, [0])
        assertBitForBit(partial, whole)
    }

    /// A rule that reads ctx.city makes every wijk depend on the others:
    /// nothing is left to the reference, and the numbers are still the whole run's.
    func testARuleThatReadsTheCityIsRunWhole() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("stad", """
            return {id = "stad", params = {}, writes = {"armoede"},
              step = function(ctx, p) ctx:add("armoede", (ctx.city.armoede - ctx.x.armoede) * 0.1) end}
            """)
        let a = city.scenario("a", "draws: 50\nseed: 4\nrules: [{plugin: stad}]\n")
        let b = city.scenario("b", "extends: a.yaml\nname: b\ninterventions: [{plugin: effect, wijken: [Noord]}]\n", header: false)
        let (partial, whole) = try partialAndWhole(try plans([a, b]))
        XCTAssertNil(partial.results.plan.untouched)
        assertBitForBit(partial, whole)
    }

    /// An intervention that reads ctx.city: found out only when its run
    /// has run, which is then done again whole.
    func testAnInterventionThatReadsTheCityIsRunAgainWhole() throws {
        city.plugin("ruis", """
            return {id = "ruis", params = {}, writes = {"armoede"}, step = function(ctx, p) ctx:add("armoede", 0.5 * sim.normal()) end}
            """)
        city.plugin("naar_stad", """
            return {id = "naar_stad", params = {}, writes = {"armoede"},
              step = function(ctx, p) ctx:add("armoede", ctx.active * (ctx.city.armoede - ctx.x.armoede) * 0.1) end}
            """)
        let a = city.scenario("a", "draws: 40\nseed: 4\nrules: [{plugin: ruis}]\n")
        let b = city.scenario("b", "extends: a.yaml\nname: b\ninterventions: [{plugin: naar_stad, wijken: [Noord]}]\n", header: false)
        let plans = try plans([a, b])
        let reference = try Comparison.prepare(reference: plans[0], threads: 1)
        XCTAssertNotNil(UntouchedWijken(plan: plans[1], reference: reference.plan, draws: reference.kept, referenceCoupled: reference.coupled))
        let (partial, whole) = try partialAndWhole(plans)
        XCTAssertNil(partial.results.plan.untouched)
        assertBitForBit(partial, whole)
    }

    /// Other rules in the reference (here: another parameter) make its
    /// wijken other numbers: nothing is left to it.
    func testOtherRulesLeaveNothingToTheReference() throws {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let a = city.scenario("a", "draws: 20\nseed: 4\nrules: [{plugin: effect, params: {delta: 0.1}}]\n")
        let b = city.scenario("b", "extends: a.yaml\nname: b\nrules: [{plugin: effect, params: {delta: 0.2}}]\ninterventions: [{plugin: effect, wijken: [Noord]}]\n", header: false)
        let plans = try plans([a, b])
        let reference = try Comparison.prepare(reference: plans[0], threads: 1)
        XCTAssertNil(UntouchedWijken(plan: plans[1], reference: reference.plan, draws: reference.kept, referenceCoupled: false))
        // no intervention at all: nothing to simulate, so the plain run
        XCTAssertNil(UntouchedWijken(plan: plans[0], reference: reference.plan, draws: reference.kept, referenceCoupled: false))
    }
}
