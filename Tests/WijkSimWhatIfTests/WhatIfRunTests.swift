import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimReport
import WijkSimTestSupport
import XCTest
@testable import WijkSimWhatIf

/// A request's answer equals `wijksim run` of the scenario file with the
/// same values written in it (CONTRACT §13): the rows of gaps.csv,
/// trajectories.csv, funding.csv and comparison.csv, number for number.
final class WhatIfRunTests: XCTestCase {
    /// What `wijksim run FILE --draws N` computes (Sources/wijksim/Commands/Run.swift).
    func cliRun(_ file: String, draws: Int? = nil) throws -> (results: Results, comparison: Comparison?) {
        let loaded = try ScenarioLoader.load(file)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: draws)
        guard let choice = loaded.scenario.baseline else { return (try Engine.run(plan, threads: 2), nil) }
        let base = try ScenarioLoader.load(choice.file)
        let reference = Plan(scenario: base.scenario, city: base.city, plugins: base.plugins, draws: plan.draws, seed: plan.seed)
        let comparison = try Comparison.run([reference, plan], threads: 2)
        return (comparison.scenarios[1].results, comparison)
    }

    /// The answer's rows as the CSV text says they must be written: the
    /// same columns in the same order, every number in the same text (the
    /// shortest that reads back to the same double), an empty cell as null.
    /// Compared as text: Foundation's JSON parser on Linux can be a last
    /// digit off, which the browser's and Python's are not.
    static func expectedArray(_ csv: String) -> String {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let rows = lines.dropFirst().map { cells in
            "{" + zip(header, cells).map { column, cell -> String in
                let value: String
                if cell.isEmpty { value = "null" }
                else if cell == "true" || cell == "false" || (Double(cell) != nil && !["wijk", "scenario", "funding", "indicator"].contains(column)) { value = cell }
                else { value = JSONText.quote(cell.hasPrefix("\"") ? String(cell.dropFirst().dropLast()) : cell) }
                return JSONText.quote(column) + ":" + value
            }.joined(separator: ",") + "}"
        }
        return "[" + rows.joined(separator: ",") + "]"
    }

    func assertAnswer(_ run: WhatIfRun, equals cli: (results: Results, comparison: Comparison?),
                      file: StaticString = #filePath, line: UInt = #line) throws {
        let json = WhatIfSession.runJSON(run).text
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.utf8)), file: file, line: line)
        XCTAssertEqual(ResultFiles.trajectories(run.results), ResultFiles.trajectories(cli.results), file: file, line: line)
        for (key, csv) in [("gaps", ResultFiles.gaps(cli.results)), ("trajectories", ResultFiles.trajectories(cli.results)),
                           ("funding", ResultFiles.funding(cli.results))] + (cli.comparison.map { [("effect", ComparisonFiles.differences($0))] } ?? []) {
            let expected = "\"\(key)\":" + WhatIfRunTests.expectedArray(csv)
            XCTAssertTrue(json.contains(expected), "\(key): the answer's rows differ from the CSV's", file: file, line: line)
        }
        XCTAssertEqual(json.contains("\"effect\":"), cli.comparison != nil, file: file, line: line)
    }

    func testTheScenarioAsItIsEqualsRun() throws {
        let fixture = WhatIfFixture()
        let file = fixture.plan()
        let session = try fixture.session(file)
        try assertAnswer(try session.run(WhatIfRequest(), threads: 2), equals: try cliRun(file))
    }

    /// The server's warm-up (the scenario as it is, once per core at once)
    /// leaves the answers as `wijksim run` gives them, the first one too.
    func testAWarmedUpSessionAnswersAsRun() throws {
        let fixture = WhatIfFixture()
        let file = fixture.plan()
        let session = try fixture.session(file)
        session.warmUp(runs: 2)
        try assertAnswer(try session.run(WhatIfRequest(), threads: 1), equals: try cliRun(file))
        try assertAnswer(try session.run(WhatIfRequest(), threads: 2), equals: try cliRun(file))
    }

    /// A request asked again is answered from the kept answers with the
    /// very bytes of a run; one that differs in any value, window or the
    /// draws is run; four identical requests at once make one run.
    func testARepeatedRequestGetsTheSameBytesWithoutARun() throws {
        let fixture = WhatIfFixture()
        let session = try fixture.session(fixture.plan())
        let request = try session.request(Data(#"{"params": {"hulp_noord.bereik": 0.25}, "draws": 40}"#.utf8))
        let ran = WhatIfSession.runJSON(try session.run(request, threads: 2)).bytes
        XCTAssertNil(session.keptAnswer(request))
        let first = try session.answer(request, threads: 1)
        XCTAssertFalse(first.cached)
        XCTAssertTrue(first.bytes == ran)
        let again = try session.answer(try session.request(Data(#"{"draws": 40, "params": {"hulp_noord.bereik": 0.25}}"#.utf8)), threads: 2)
        XCTAssertTrue(again.cached)
        XCTAssertTrue(again.bytes == ran)
        XCTAssertTrue(session.keptAnswer(request) == ran)
        for other in [#"{"params": {"hulp_noord.bereik": 0.26}, "draws": 40}"#, #"{"params": {"hulp_noord.bereik": 0.25}, "draws": 41}"#,
                      #"{"params": {"hulp_noord.bereik": 0.25}, "draws": 40, "seed": 8}"#,
                      #"{"params": {"hulp_noord.bereik": 0.25}, "draws": 40, "interventions": {"hulp_oost": {"active": false}}}"#] {
            let answer = try session.answer(try session.request(Data(other.utf8)), threads: 2)
            XCTAssertFalse(answer.cached, other)
            XCTAssertTrue(answer.bytes != ran, other)
        }
        XCTAssertEqual(session.answers.misses, 5)

        let together = try session.request(Data(#"{"params": {"hulp_noord.bereik": 0.75}, "draws": 40}"#.utf8))
        let answers = LockedArray<[UInt8]>()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in answers.append(try! session.answer(together, threads: 1).bytes) }
        XCTAssertEqual(session.answers.misses, 6, "four identical requests at once: one run")
        XCTAssertEqual(Set(answers.values).count, 1)
        XCTAssertTrue(answers.values[0] == WhatIfSession.runJSON(try session.run(together, threads: 2)).bytes)
    }

    func testFixedParametersEqualRunOfTheFileWithThoseValues() throws {
        let fixture = WhatIfFixture()
        let session = try fixture.session(fixture.plan())
        let request = try session.request(Data(#"{"params": {"hulp_noord.bereik": 0.25, "hulp_noord.effect": -3}, "draws": 60}"#.utf8))
        let expected = fixture.plan("vast", bereik: "0.25", effect: "-3")
        // the same name as the served scenario, so that comparison.csv's `scenario` column matches
        let text = try String(contentsOfFile: expected, encoding: .utf8).replacingOccurrences(of: "name: vast", with: "name: plan")
        try text.write(toFile: expected, atomically: true, encoding: .utf8)
        // twice: the second run reuses the baseline's prepared part
        for threads in [1, 2] {
            try assertAnswer(try session.run(request, threads: threads), equals: try cliRun(expected, draws: 60))
        }
    }

    func testWindowsAndSwitchingOffEqualRunOfTheEditedFile() throws {
        let fixture = WhatIfFixture()
        let session = try fixture.session(fixture.plan())
        let moved = try session.request(Data(#"{"interventions": {"hulp_oost": {"from": 2022, "to": 2024}}}"#.utf8))
        let movedFile = fixture.plan("plan", oost: (2022, 2024))
        let movedSession = try fixture.session(movedFile)
        try assertAnswer(try session.run(moved, threads: 2), equals: try cliRun(movedFile))
        XCTAssertEqual(movedSession.scenario.instances.map(\.from), session.scenario(for: moved).instances.map(\.from))

        let off = try session.request(Data(#"{"interventions": {"hulp_oost": {"active": false}}}"#.utf8))
        let offFile = fixture.plan("plan", oost: nil)
        try assertAnswer(try session.run(off, threads: 2), equals: try cliRun(offFile))
    }

    func testFixingASweptParameterTakesItOutOfTheSweep() throws {
        let fixture = WhatIfFixture()
        let session = try fixture.session(fixture.plan(sweep: "sweep:\n  hulp_noord.bereik: [0.2, 0.8]\n  hulp_oost.bereik: [0.1, 0.3]"))
        XCTAssertEqual(session.plan(for: WhatIfRequest()).variants, 4)
        let request = try session.request(Data(#"{"params": {"hulp_noord.bereik": 0.5}}"#.utf8))
        XCTAssertEqual(session.plan(for: request).variants, 2)
        let expected = fixture.plan("plan", bereik: "0.5", sweep: "sweep:\n  hulp_oost.bereik: [0.1, 0.3]")
        try assertAnswer(try session.run(request, threads: 2), equals: try cliRun(expected))
    }

    func testWithoutABaselineThereIsNoEffect() throws {
        let fixture = WhatIfFixture()
        let file = fixture.city.scenario("los", """
            plugins: [../plugins]
            interventions:
              - name: hulp_noord
                plugin: hulp
                wijken: [Noord]
            draws: 10
            """)
        let session = try fixture.session(file)
        XCTAssertNil(session.baseline)
        try assertAnswer(try session.run(WhatIfRequest(), threads: 1), equals: try cliRun(file))
    }

    func testThePageIsSelfContainedAndDutch() throws {
        let fixture = WhatIfFixture()
        let html = WhatIfPage.html(try fixture.session(fixture.plan()))
        XCTAssertTrue(html.contains("<html lang=\"nl\">"))
        XCTAssertNil(html.range(of: #"(src|href)=["']?(https?:)?//"#, options: .regularExpression), "an external resource")
        XCTAssertTrue(html.contains("AbortController"))
        XCTAssertTrue(html.contains("\"hulp_noord\""))
    }
}

/// Values appended from several threads.
final class LockedArray<Element>: @unchecked Sendable {  // unchecked: `values` is only touched under `lock`
    private let lock = NSLock()
    private var stored: [Element] = []
    func append(_ value: Element) { lock.withLock { stored.append(value) } }
    var values: [Element] { lock.withLock { stored } }
}
