import WijkSimModel
import WijkSimRuleTesting
import WijkSimTestSupport
import XCTest

/// CONTRACT §9: cases run on one lane; failures say where and what.
final class RuleTestTests: XCTestCase {
    var folder: ScratchFolder!

    override func setUp() {
        folder = ScratchFolder()
        folder.write("plugins/schooldag.lua", """
            return {
              id = "schooldag",
              params = {
                bereik = {default = 0.5, min = 0, max = 1},
                effect = {default = -2.0},
                kosten = {default = 1300, min = 0},
              },
              writes = {"achterstand", "overig"},
              step = function(ctx, p)
                ctx:add("achterstand", ctx.active * sim.ramp(ctx.since, 3) * p.bereik * p.effect)
                ctx:spend(ctx.active * p.bereik * ctx.wijk.pupils * p.kosten)
              end,
            }
            """)
    }

    func run(_ yaml: String) throws -> [CaseOutcome] {
        let file = folder.write("tests/schooldag.yaml", yaml)
        return try RuleTestRunner(pluginPath: [folder.path + "/plugins"]).run(try RuleTestParser.parse(file))
    }

    func testPassingCaseWithDefaultsAndOverrides() throws {
        let outcomes = try run("""
            plugin: schooldag
            cases:
              - name: eerste jaar, volle inzet
                year: 2024
                from: 2024
                to: 2030
                wijk: {pupils: 1000}
                x: {achterstand: 20, overig: 1}
                params: {bereik: 0.6}
                expect:
                  add: {achterstand: -0.4, overig: 0}
                  spend: 780000
            """)
        XCTAssertEqual(outcomes.count, 1)
        XCTAssertTrue(outcomes[0].passed, outcomes[0].failures.joined())
    }

    func testFailureNamesTheCaseLineExpectedAndActual() throws {
        let outcomes = try run("""
            plugin: schooldag
            cases:
              - name: goed
                year: 2024
                wijk: {pupils: 10}
                x: {achterstand: 20}
                expect: {spend: 6500}
              - name: fout
                year: 2025
                from: 2024
                to: 2030
                wijk: {pupils: 10}
                x: {achterstand: 20}
                expect:
                  add: {achterstand: -1}
                  spend: 1
            """)
        XCTAssertTrue(outcomes[0].passed, outcomes[0].failures.joined())
        XCTAssertEqual(outcomes[1].testCase.location.line, 8)
        XCTAssertEqual(outcomes[1].testCase.name, "fout")
        // since 1 → ramp 2/3; 0.5 · −2 · 2/3
        XCTAssertEqual(outcomes[1].failures, [
            "add achterstand: expected -1, got \((2.0 / 3) * 0.5 * -2.0)",
            "spend: expected 1, got 6500",
        ])
    }

    func testReadingAnIndicatorOrAttributeTheCaseDoesNotGiveFailsNamingIt() throws {
        let outcomes = try run("""
            plugin: schooldag
            cases:
              - name: zonder leerlingen
                year: 2024
                x: {achterstand: 20}
                expect: {spend: 0}
            """)
        XCTAssertEqual(outcomes[0].failures.count, 1)
        XCTAssertTrue(outcomes[0].failures[0].contains("ctx.wijk: unknown attribute 'pupils'"), outcomes[0].failures[0])
        XCTAssertTrue(outcomes[0].failures[0].contains("schooldag.lua:11:"), outcomes[0].failures[0])
    }

    func testInvalidFilesAreBadInput() {
        XCTAssertThrowsError(try run("plugin: schooldag\ncases:\n  - {year: 2024, x: {a: 1}, params: {bereikk: 1}, expect: {spend: 0}}\n")) { error in
            XCTAssertTrue("\(error)".contains("plugin schooldag has no parameter \"bereikk\" (did you mean \"bereik\"?)"), "\(error)")
        }
        XCTAssertThrowsError(try run("plugin: schooldag\ncases:\n  - {year: 2024, x: {a: 1}, params: {bereik: 2}, expect: {spend: 0}}\n")) { error in
            XCTAssertTrue("\(error)".contains("2 is outside the range of schooldag.bereik: [0, 1]"), "\(error)")
        }
        XCTAssertThrowsError(try run("plugin: schoolldag\ncases:\n  - {year: 2024, x: {a: 1}, expect: {spend: 0}}\n")) { error in
            XCTAssertTrue("\(error)".contains("tests/schooldag.yaml:1: plugin: unknown plugin \"schoolldag\""), "\(error)")
        }
        XCTAssertThrowsError(try run("plugin: schooldag\ncases:\n  - {year: 2024, x: {a: 1}, expect: {add: {b: 1}}}\n")) { error in
            XCTAssertTrue("\(error)".contains("\"b\" is not named in x"), "\(error)")
        }
    }
}
