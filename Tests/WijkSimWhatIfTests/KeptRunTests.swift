import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimTestSupport
import XCTest
@testable import WijkSimWhatIf

/// A request that changes some interventions re-runs only the wijken they
/// reach and takes the others from the scenario as it is, run once and kept
/// (`UntouchedWijken.init(plan:kept:)`), spends put together call by call:
/// its answer is the whole run's, byte for byte.
final class KeptRunTests: XCTestCase {
    func groningen(draws: Int, reuse: Bool) throws -> WhatIfSession {
        let loaded = try ScenarioLoader.load(TestPaths.repo("scenarios/programma.yaml"))
        let base = try ScenarioLoader.load(loaded.scenario.baseline!.file)
        return try WhatIfSession(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins,
                                 baseline: .init(scenario: base.scenario, city: base.city, plugins: base.plugins),
                                 draws: draws, reusesUnchangedWijken: reuse)
    }

    func assertSameAnswers(_ bodies: [String], reusing: WhatIfSession, whole: WhatIfSession,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        // the answer to the scenario as it is: later answers copy its rows where their numbers are the same
        XCTAssertTrue(try reusing.answer(WhatIfRequest(), threads: 1).bytes == WhatIfSession.runJSON(try whole.run(WhatIfRequest(), threads: 2)).bytes)
        for body in bodies {
            let request = try reusing.request(Data(body.utf8))
            let reused = WhatIfSession.runJSON(try reusing.run(request, threads: body.count % 2 + 1)).bytes
            let expected = WhatIfSession.runJSON(try whole.run(request, threads: 2)).bytes
            XCTAssertTrue(reused == expected, "\(body): the answer differs from the whole run's", file: file, line: line)
            let answered = try reusing.answer(request, threads: 1)
            XCTAssertEqual(answered.cached, body == "{}", "only the scenario as it is was asked before", file: file, line: line)
            XCTAssertTrue(answered.bytes == expected, "\(body): the answer with kept rows differs from the whole run's", file: file, line: line)
        }
    }

    /// Every intervention of the Groningen programme with one slider moved,
    /// a moved window, one switched off, and two changed at once.
    func testGroningenRequestsEqualTheWholeRuns() throws {
        let reusing = try groningen(draws: 30, reuse: true), whole = try groningen(draws: 30, reuse: false)
        var bodies: [String] = []
        for (n, instance) in reusing.interventions.enumerated() {
            let specs = reusing.plugins[instance.plugin]!.params.filter { $0.min != nil && $0.max != nil && $0.max! > $0.min! }
            let spec = specs[n % specs.count]
            let value = spec.min! + (spec.max! - spec.min!) * Double(n % 5 + 1) / 7
            bodies.append(#"{"params": {"\#(instance.name).\#(spec.name)": \#(value)}}"#)
        }
        let first = reusing.interventions[0].name, second = reusing.interventions[3].name
        bodies += [#"{"interventions": {"\#(first)": {"from": 2026, "to": 2030}}}"#,
                   #"{"interventions": {"\#(second)": {"active": false}}}"#,
                   #"{"params": {"\#(first).bereik": 0.3}, "interventions": {"\#(second)": {"to": 2030}}}"#]
        try assertSameAnswers(bodies, reusing: reusing, whole: whole)
    }

    func testFixtureRequestsEqualTheWholeRuns() throws {
        let fixture = WhatIfFixture()
        let file = fixture.plan()
        let reusing = try fixture.session(file), whole = try fixture.session(file, reuse: false)
        try assertSameAnswers([#"{"params": {"hulp_noord.bereik": 0.3}}"#, #"{"params": {"hulp_noord.effect": -1.5}, "draws": 30}"#,
                               #"{"params": {"hulp_oost.kosten": 70}}"#, #"{"interventions": {"hulp_oost": {"active": false}}}"#,
                               #"{"params": {"hulp_noord.bereik": 0.3}, "seed": 99}"#, "{}"],
                              reusing: reusing, whole: whole)
    }
}
