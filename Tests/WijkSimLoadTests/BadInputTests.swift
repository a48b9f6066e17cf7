import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// CONTRACT §6: every kind of bad input gives a message with its location
/// and what was expected; validation reports all problems at once.
final class BadInputTests: XCTestCase {
    var city: MiniCity!

    override func setUp() {
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
    }

    /// The rendered problems of loading `body` as a scenario.
    func problems(_ body: String, header: Bool = true) -> [String] {
        let file = city.scenario("fout", body, header: header)
        do {
            _ = try ScenarioLoader.load(file)
            XCTFail("expected bad input")
            return []
        } catch let error as BadInput {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: city.path + "/", with: "") }
        } catch {
            XCTFail("unexpected \(error)")
            return []
        }
    }

    func assertProblem(_ found: [String], _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(found.contains { $0.contains(expected) }, "no \"\(expected)\" in\n\(found.joined(separator: "\n"))", file: file, line: line)
    }

    func testUnknownWijkNamesLineKeyPathAndSuggestion() {
        let found = problems("interventions:\n  - plugin: effect\n    wijken: [Nord]\n")
        assertProblem(found, "scenarios/fout.yaml:6: interventions[0].wijken: unknown wijk \"Nord\" (did you mean \"Noord\"?)")
    }

    func testUnknownKeysAndPluginsAndParametersSuggestTheNearestName() {
        let found = problems("""
            interventon: []
            interventions:
              - plugin: efect
              - plugin: effect
                params: {delte: 1}
            """)
        assertProblem(found, "fout.yaml:4: interventon: unknown key \"interventon\" (did you mean \"interventions\"?)")
        assertProblem(found, "interventions[0].plugin: unknown plugin \"efect\" (did you mean \"effect\"?)")
        assertProblem(found, "fout.yaml:8: interventions[1].params.delte: plugin effect has no parameter \"delte\" (did you mean \"delta\"?)")
        XCTAssertGreaterThanOrEqual(found.count, 3)
    }

    func testWritesOfAnUnknownIndicatorNamesThePluginLine() {
        city.plugin("typo", """
            return {
              id = "typo",
              writes = {
                "armoede",
                "armoedee",
              },
              step = function(ctx, p) end,
            }
            """)
        let found = problems("interventions: [{plugin: typo}]\n")
        assertProblem(found, "plugins/typo.lua:5: plugin typo writes \"armoedee\", which is not an indicator of")
        assertProblem(found, "indicators.csv (did you mean \"armoede\"?)")
    }

    func testParameterOutsideItsRangeAndDistributionsThatCanLeaveIt() {
        let found = problems("""
            interventions:
              - plugin: effect
                params:
                  delta: 9
              - plugin: effect
                params:
                  delta: {dist: normal, mean: 0, sd: 1}
              - plugin: effect
                params:
                  delta: {dist: triangular, low: -6, mode: 0, high: 1}
            sweep:
              effect.delta: [1, 7]
            """)
        assertProblem(found, "fout.yaml:7: interventions[0].params.delta: 9 is outside the range of effect.delta: [-5, 5]")
        assertProblem(found, "interventions[1].params.delta: the distribution can go below effect.delta's min -5; add min: -5")
        assertProblem(found, "the distribution can go above effect.delta's max 5")
        assertProblem(found, "interventions[2].params.delta: the distribution can go below")
        assertProblem(found, "sweep.effect.delta: sweep value 7 for effect.delta is outside [-5, 5]")
    }

    func testBadDistributionsAreExplained() {
        let found = problems("""
            interventions:
              - plugin: effect
                params:
                  delta: {dist: triangle, low: -1, mode: 0, high: 1}
                  cost: {dist: uniform, low: 3, high: 1}
              - plugin: effect
                params:
                  delta: {dist: normal, mean: 0}
                  cost: {dist: lognormal, mean: 1, sd: 1, mode: 2}
            """)
        assertProblem(found, "unknown distribution \"triangle\" (did you mean \"triangular\"?)")
        assertProblem(found, "uniform needs low < high (got 3, 1)")
        assertProblem(found, "normal needs \"sd\"")
        assertProblem(found, "\"mode\" does not belong to a lognormal distribution")
    }

    func testMissingAndMalformedTopLevelFields() {
        let found = problems("years: {from: 2030, to: 2020}\ndraws: 0\nseed: -1\n", header: false)
        assertProblem(found, "fout.yaml:1: missing key \"name\"")
        assertProblem(found, "years.to: years.to (2020) must be after years.from (2030)")
        assertProblem(found, "missing key \"data.indicators\"")
        let more = problems("name: X\nyears: {from: 2020, to: twenty}\ndata: {}\ndraws: 0\n", header: false)
        assertProblem(more, "fout.yaml:2: years.to: expected a whole number, found \"twenty\"")
        assertProblem(more, "fout.yaml:4: draws: expected a whole number ≥ 1, found 0")
    }

    func testUnknownFundingGebiedAndRuleWithWindow() {
        let found = problems("""
            rules:
              - plugin: effect
                from: 2021
            interventions:
              - plugin: effect
                wijken: {gebied: Bovn}
                funding: regiodeel
            funding:
              regiodeal: {budget: 1, from: 2020, to: 2024}
            """)
        assertProblem(found, "rules[0].from: a rule applies to all wijken and years without cost")
        assertProblem(found, "interventions[0].funding: unknown funding \"regiodeel\" (did you mean \"regiodeal\"?)")
        assertProblem(found, "unknown gebied \"Bovn\" (did you mean \"Boven\"?)")
    }

    func testYamlSyntaxErrorNamesTheLine() {
        let found = problems("interventions:\n  - plugin: effect\n   wijken: [Noord\n")
        XCTAssertTrue(found.first?.hasPrefix("scenarios/fout.yaml:") ?? false, "\(found)")
        assertProblem(found, "invalid YAML")
    }

    func testMissingFilesAreNamed() {
        XCTAssertThrowsError(try ScenarioLoader.load(city.path + "/nergens.yaml")) { error in
            XCTAssertTrue("\(error)".contains("nergens.yaml: no such scenario file"), "\(error)")
        }
        let found = problems("name: X\nyears: {from: 2020, to: 2021}\ndata: {indicators: ../data/geen.csv, wijken: ../data/wijken.csv}\n", header: false)
        assertProblem(found, "data/geen.csv: cannot read the file")
    }
}
