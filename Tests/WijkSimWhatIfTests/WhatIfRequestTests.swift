import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimReport
import WijkSimTestSupport
import XCTest
@testable import WijkSimWhatIf

/// A small city with a noisy rule, a baseline and two interventions, one
/// parameter fixed and one distributed, for `serve`'s requests and runs.
final class WhatIfFixture {
    let city = MiniCity()

    static let plugin = """
        return {
          id = "hulp",
          title = "Hulp",
          params = {
            bereik = {default = 0.5, min = 0, max = 1, unit = "aandeel"},
            effect = {default = -1, min = -5, max = 0, unit = "pp"},
            kosten = {default = 100, min = 0, unit = "EUR"},
          },
          writes = {"armoede"},
          step = function(ctx, p)
            ctx:add("armoede", ctx.active * p.bereik * p.effect + 0.1 * sim.normal())
            ctx:spend(ctx.active * p.bereik * ctx.wijk.households * p.kosten)
          end,
        }
        """

    init() {
        city.plugin("ruis", """
            return {
              id = "ruis", title = "Ruis",
              params = {sd = {default = 0.2, min = 0, max = 1}},
              writes = {"armoede", "meedoen"},
              step = function(ctx, p)
                ctx:add("armoede", p.sd * sim.normal())
                ctx:add("meedoen", p.sd * sim.normal())
              end,
            }
            """)
        city.plugin("hulp", WhatIfFixture.plugin)
        city.scenario("basis", """
            plugins: [../plugins]
            rules:
              - plugin: ruis
                params: {sd: {dist: uniform, low: 0.1, high: 0.3}}
            draws: 40
            seed: 7
            """)
    }

    /// The plan, with `hulp_noord`'s bereik, hulp_oost's window and whether hulp_oost runs as given.
    @discardableResult
    func plan(_ name: String = "plan", bereik: String = "0.6", effect: String = "{dist: triangular, low: -2, mode: -1, high: -0.5}",
              oost: (from: Int, to: Int)? = (2021, 2023), sweep: String = "") -> String {
        city.scenario(name, """
            extends: basis.yaml
            interventions:
              - name: hulp_noord
                plugin: hulp
                wijken: [Noord]
                params: {bereik: \(bereik), effect: \(effect)}
                funding: fonds
            \(oost.map { """
              - name: hulp_oost
                plugin: hulp
                wijken: {gebied: Boven}
                from: \($0.from)
                to: \($0.to)
                params: {kosten: 50}
            """ } ?? "")
            funding:
              fonds: {budget: 10000, from: 2020, to: 2022}
            \(sweep)
            """)
    }

    func session(_ file: String, draws: Int? = nil, reuse: Bool = true) throws -> WhatIfSession {
        let loaded = try ScenarioLoader.load(file)
        let baseline = try loaded.scenario.baseline.map { try ScenarioLoader.load($0.file) }
        return try WhatIfSession(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins,
                                 baseline: baseline.map { .init(scenario: $0.scenario, city: $0.city, plugins: $0.plugins) },
                                 draws: draws, reusesUnchangedWijken: reuse)
    }
}

final class WhatIfRequestTests: XCTestCase {
    var fixture: WhatIfFixture!
    var session: WhatIfSession!

    override func setUpWithError() throws {
        fixture = WhatIfFixture()
        session = try fixture.session(fixture.plan())
    }

    func request(_ json: String) throws -> WhatIfRequest { try session.request(Data(json.utf8)) }

    func assertBad(_ json: String, _ words: String..., file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try request(json), json, file: file, line: line) { error in
            guard let bad = error as? BadRequest else { return XCTFail("\(error) is not a BadRequest", file: file, line: line) }
            for word in words { XCTAssertTrue(bad.message.contains(word), "\(json): \(bad.message) lacks \(word)", file: file, line: line) }
        }
    }

    func testEmptyBodyAndEmptyObjectAskForTheScenarioAsItIs() throws {
        XCTAssertEqual(try request(""), WhatIfRequest())
        XCTAssertEqual(try request(" {} "), WhatIfRequest())
        XCTAssertEqual(try request(#"{"params": null, "draws": null}"#), WhatIfRequest())
    }

    func testAValidRequestIsRead() throws {
        let r = try request(#"{"params": {"hulp_noord.bereik": 0.25, "hulp_oost.effect": -2}, "draws": 100.0, "seed": 3, "interventions": {"hulp_oost": {"from": 2022, "active": false}}}"#)
        XCTAssertEqual(r.params.map(\.key), ["hulp_noord.bereik", "hulp_oost.effect"])
        XCTAssertEqual(r.params.map(\.value), [0.25, -2])
        XCTAssertEqual(r.draws, 100)
        XCTAssertEqual(r.seed, 3)
        XCTAssertEqual(r.interventions["hulp_oost"], .init(from: 2022, to: nil, active: false))
    }

    func testUnknownParametersAreRefusedWithTheNearestName() {
        assertBad(#"{"params": {"hulp_nord.bereik": 0.5}}"#, "unknown parameter \"hulp_nord.bereik\"", "did you mean \"hulp_noord\"")
        assertBad(#"{"params": {"hulp_noord.berijk": 0.5}}"#, "unknown parameter", "did you mean \"bereik\"")
        assertBad(#"{"params": {"bereik": 0.5}}"#, "unknown parameter \"bereik\"", "INSTANCE.PARAM")
        assertBad(#"{"params": {"ruis.sd": 0.5}}"#, "ruis is a rule, not an intervention")
    }

    func testValuesOutsideTheRangeOrNotNumbersAreRefused() {
        assertBad(#"{"params": {"hulp_noord.bereik": 1.5}}"#, "1.5 is outside [0, 1]")
        assertBad(#"{"params": {"hulp_noord.kosten": -1}}"#, "outside ≥ 0")
        assertBad(#"{"params": {"hulp_noord.bereik": "0.5"}}"#, "expected a number, found the string")
        assertBad(#"{"params": {"hulp_noord.bereik": true}}"#, "expected a number, found true")
        assertBad(#"{"params": {"hulp_noord.bereik": null}}"#, "expected a number, found null")
        assertBad(#"{"params": {"hulp_noord.bereik": [0.5]}}"#, "expected a number, found a list")
        assertBad(#"{"params": {"hulp_noord.bereik": 1e999}}"#, "not valid JSON")
        assertBad(#"{"params": [1]}"#, "params: expected an object")
    }

    func testDrawsOverTheCapOrNotWholeAreRefused() {
        assertBad(#"{"draws": 10001}"#, "draws 10001 is more than this server allows (10000)")
        assertBad(#"{"draws": 0}"#, "at least 1")
        assertBad(#"{"draws": 2.5}"#, "whole number")
        assertBad(#"{"draws": "100"}"#, "whole number")
        assertBad(#"{"seed": -1}"#, "seed")
    }

    func testBadJSONAndOversizedBodiesAreRefused() {
        assertBad(#"{"params": "#, "not valid JSON")
        assertBad("[1, 2]", "must be a JSON object", "a list")
        assertBad(#"{"parms": {}}"#, "unknown field \"parms\"", "did you mean \"params\"")
        XCTAssertThrowsError(try session.request(Data(repeating: 0x20, count: WhatIfSession.maxBodyBytes + 1))) { error in
            XCTAssertTrue((error as? BadRequest)?.message.contains("64 KiB") == true, "\(error)")
        }
    }

    func testInterventionWindowsAreChecked() {
        assertBad(#"{"interventions": {"hulp_west": {"active": false}}}"#, "unknown intervention \"hulp_west\"")
        assertBad(#"{"interventions": {"hulp_oost": {"from": 2019}}}"#, "expected a year from 2020 to 2025")
        assertBad(#"{"interventions": {"hulp_oost": {"from": 2024}}}"#, "from 2024 is after to 2023")
        assertBad(#"{"interventions": {"hulp_oost": {"active": 1}}}"#, "expected true or false")
        assertBad(#"{"interventions": {"hulp_oost": {"van": 2021}}}"#, "unknown field \"van\"")
    }

    func testTheServerRefusesTooManyDrawsAtStart() {
        XCTAssertThrowsError(try fixture.session(fixture.plan(), draws: WhatIfSession.maxDraws + 1))
    }

    func testTheScenarioJSONHasTheContractFields() throws {
        let object = try JSONSerialization.jsonObject(with: Data(session.scenarioJSON().utf8)) as! [String: Any]
        XCTAssertEqual(object["name"] as? String, "plan")
        XCTAssertEqual(object["years"] as? [String: Int], ["from": 2020, "to": 2025])
        XCTAssertEqual(object["wijken"] as? [String], ["Noord", "Oost", "Zuid"])
        XCTAssertEqual((object["indicators"] as? [[String: Any]])?.first?["polarity"] as? String, "lower_better")
        let interventions = object["interventions"] as! [[String: Any]]
        XCTAssertEqual(interventions.map { $0["name"] as! String }, ["hulp_noord", "hulp_oost"])
        XCTAssertEqual(interventions[1]["focus"] as? [String], ["Noord", "Oost"])
        let params = interventions[0]["params"] as! [[String: Any]]
        XCTAssertEqual(params.map { $0["name"] as! String }, ["bereik", "effect", "kosten"])
        XCTAssertEqual(params[0]["value"] as? Double, 0.6)
        XCTAssertEqual((params[1]["value"] as? [String: Any])?["dist"] as? String, "triangular")
        XCTAssertEqual(params[1]["central"] as? Double, -1)
        XCTAssertEqual(params[1]["min"] as? Double, -5)
        XCTAssertTrue(params[2]["max"] is NSNull)
        XCTAssertEqual(object["baseline"] as? String, "basis")
    }
}
