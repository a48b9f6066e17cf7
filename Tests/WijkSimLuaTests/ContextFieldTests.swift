import Foundation
import WijkSimLua
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// What `ctx` and `p` read, and where `ctx:add` / `ctx:spend` write
/// (CONTRACT §3): lanes are blocks of W wijken, lane l is wijk l % W.
final class ContextFieldTests: XCTestCase {
    /// 3 wijken × 2 blocks = 6 lanes.
    func harness() -> LuaStepHarness { LuaStepHarness(lanes: 6, wijkCount: 3) }

    func testYearFieldsAreNumbers() throws {
        let h = harness()
        h.year = 2023; h.firstYear = 2020; h.lastYear = 2035
        let check = "(function(v) assert(type(v) == \"number\", type(v)) return v end)"
        assertLanes(try evaluate("\(check)(ctx.year)", harness: h), Array(repeating: 2023, count: 6), "ctx.year")
        assertLanes(try evaluate("\(check)(ctx.first_year)", harness: h), Array(repeating: 2020, count: 6), "ctx.first_year")
        assertLanes(try evaluate("\(check)(ctx.last_year)", harness: h), Array(repeating: 2035, count: 6), "ctx.last_year")
        assertLanes(try evaluate("ctx.year - ctx.first_year + ctx.last_year", harness: h), Array(repeating: 2038, count: 6), "sum")
    }

    func testActiveIsOneInsideFromToAndZeroOutside() throws {
        let h = harness()
        h.from = 2022; h.to = 2025
        for (year, expected) in [(2020, 0.0), (2021, 0), (2022, 1), (2024, 1), (2025, 1), (2026, 0), (2030, 0)] {
            h.year = year
            assertLanes(try evaluate("ctx.active", harness: h), Array(repeating: expected, count: 6), "active in \(year)")
        }
    }

    func testActiveIsAlwaysOneForRules() throws {
        let h = harness()
        h.isRule = true
        h.from = 2022; h.to = 2025
        for year in [2020, 2021, 2023, 2026, 2030] {
            h.year = year
            assertLanes(try evaluate("ctx.active", harness: h), Array(repeating: 1, count: 6), "rule active in \(year)")
        }
    }

    func testSinceIsYearMinusFromAndNegativeBefore() throws {
        let h = harness()
        h.from = 2022; h.to = 2025
        for year in [2020, 2021, 2022, 2025, 2029] {
            h.year = year
            assertLanes(try evaluate("ctx.since", harness: h), Array(repeating: Double(year - 2022), count: 6), "since in \(year)")
        }
    }

    func testStateBuffersAreReadFromTheRightIndicator() throws {
        let h = harness()
        for (k, id) in ["a", "b", "c"].enumerated() {
            h.setX(id, (0..<6).map { Double(100 * k + $0) })
            h.setX0(id, (0..<6).map { Double(1000 + 100 * k + $0) })
            h.setCity(id, (0..<6).map { Double(5000 + 100 * k + $0) })
        }
        for (k, id) in ["a", "b", "c"].enumerated() {
            assertLanes(try evaluate("ctx.x.\(id)", harness: h), (0..<6).map { Double(100 * k + $0) }, "ctx.x.\(id)")
            assertLanes(try evaluate("ctx.x0.\(id)", harness: h), (0..<6).map { Double(1000 + 100 * k + $0) }, "ctx.x0.\(id)")
            assertLanes(try evaluate("ctx.city.\(id)", harness: h), (0..<6).map { Double(5000 + 100 * k + $0) }, "ctx.city.\(id)")
        }
    }

    func testWijkAttributesAreReadFromTheRightBuffer() throws {
        let h = harness()
        h.setAttribute("pupils", [10, 20, 30, 11, 21, 31])
        h.setAttribute("homes", [7, 8, 9, 70, 80, 90])
        assertLanes(try evaluate("ctx.wijk.pupils", harness: h), [10, 20, 30, 11, 21, 31], "pupils")
        assertLanes(try evaluate("ctx.wijk.homes", harness: h), [7, 8, 9, 70, 80, 90], "homes")
        assertLanes(try evaluate("ctx.wijk.homes / ctx.wijk.pupils", harness: h),
                    [7.0 / 10, 8.0 / 20, 9.0 / 30, 70.0 / 11, 80.0 / 21, 90.0 / 31], "homes / pupils")
    }

    func testParametersAreReadInTheDescriptorsSortedOrder() throws {
        let h = harness()
        let source = PluginSource.make("params", writes: ["a", "b", "c"], params: """
            zeta = {default = 3}, alpha = {default = 1}, mid = {default = 2, min = 0, max = 10},
            """, body: """
                ctx:add("a", p.alpha)
                ctx:add("b", p.mid)
                ctx:add("c", p.zeta)
            """)
        let plugin = try h.load("params", source)
        XCTAssertEqual(h.descriptors[plugin]!.params.map(\.name), ["alpha", "mid", "zeta"])
        var out = try h.run(plugin)
        assertLanes(out.adds["a"]!, Array(repeating: 1, count: 6), "alpha default")
        assertLanes(out.adds["b"]!, Array(repeating: 2, count: 6), "mid default")
        assertLanes(out.adds["c"]!, Array(repeating: 3, count: 6), "zeta default")
        h.setParam(plugin: plugin, "alpha", [1, 2, 3, 4, 5, 6])
        h.setParam(plugin: plugin, "zeta", [-1, -2, -3, -4, -5, -6])
        out = try h.run(plugin)
        assertLanes(out.adds["a"]!, [1, 2, 3, 4, 5, 6], "alpha per lane")
        assertLanes(out.adds["b"]!, Array(repeating: 2, count: 6), "mid")
        assertLanes(out.adds["c"]!, [-1, -2, -3, -4, -5, -6], "zeta per lane")
    }

    func testAddAccumulatesAcrossTwoAddsAndIntoExistingSums() throws {
        let h = harness()
        h.setX("b", [1, 2, 3, 4, 5, 6])
        let plugin = try h.load("twice", PluginSource.make("twice", writes: ["a"], body: """
                ctx:add("a", 1)
                ctx:add("a", ctx.x.b * 10)
            """))
        h.clearSums()
        h.setAdds("a", [100, 100, 100, 200, 200, 200])
        try h.step(plugin)
        assertLanes(h.addsOf("a"), [111, 121, 131, 241, 251, 261], "Σ adds")
        assertLanes(h.addsOf("b"), Array(repeating: 0, count: 6), "other indicator untouched")
        // a second instance in the same year adds on top (the engine sums all adds of a year)
        try h.step(plugin, instance: "second")
        assertLanes(h.addsOf("a"), [122, 142, 162, 282, 302, 322], "Σ adds over two instances")
    }

    func testAddIsMaskedToTargetedWijken() throws {
        let h = harness()
        h.target(wijken: [1])
        h.setX("b", [1, 2, 3, 4, 5, 6])
        let plugin = try h.load("masked", PluginSource.make("masked", writes: ["a"], body: """
                ctx:add("a", ctx.x.b)
                ctx:add("a", 0.5)
            """))
        let out = try h.run(plugin)
        assertLanes(out.adds["a"]!, [0, 2.5, 0, 0, 5.5, 0], "only wijk 1 in both blocks")
    }

    func testSpendSumsPerBlockOverMaskedLanes() throws {
        let h = harness()
        h.target(wijken: [0, 2])
        h.setAttribute("pupils", [10, 20, 30, 11, 21, 31])
        let plugin = try h.load("cost", PluginSource.make("cost", body: """
                ctx:spend(ctx.wijk.pupils * 100)
                ctx:spend(1)
            """))
        let out = try h.run(plugin)
        XCTAssertEqual(out.spend.count, 2)
        assertLanes(out.spend, [(10 + 30) * 100 + 2, (11 + 31) * 100 + 2], "spend per block")
        // spend accumulates into the engine's sums
        try h.step(plugin)
        assertLanes(h.spendPerBlock, [2 * ((10 + 30) * 100 + 2), 2 * ((11 + 31) * 100 + 2)], "spend after two steps")
    }

    func testSpendWithMaskPerLaneNotPerWijk() throws {
        // The engine's mask is per lane; a block may differ from another.
        let h = harness()
        h.setMask([1, 0, 0, 0, 1, 1])
        let plugin = try h.load("lanecost", PluginSource.make("lanecost", writes: ["a"], body: """
                ctx:spend(ctx.x.b + 1)
                ctx:add("a", ctx.x.b + 1)
            """))
        h.setX("b", [1, 2, 3, 4, 5, 6])
        let out = try h.run(plugin)
        assertLanes(out.spend, [2, 6 + 7], "spend")
        assertLanes(out.adds["a"]!, [2, 0, 0, 0, 6, 7], "adds")
    }

    func testContractExamplePluginComputesItsFormula() throws {
        let h = LuaStepHarness(indicators: ["onderwijsachterstand"], attributes: ["pupils"], lanes: 4, wijkCount: 2)
        h.from = 2022; h.to = 2026; h.year = 2023
        h.setAttribute("pupils", [100, 200, 300, 400])
        h.target(wijken: [1])
        let source = """
            return {
              id = "verlengde_schooldag",
              title = "Verlengde schooldag",
              doc = "What it models.",
              params = {
                bereik  = {default = 0.5, min = 0, max = 1, unit = "aandeel leerlingen"},
                effect  = {default = -2.0, unit = "pp per jaar bij volledig bereik"},
                aanloop = {default = 3, min = 1, unit = "jaar"},
                kosten  = {default = 1300, min = 0, unit = "EUR per leerling per jaar"},
              },
              writes = {"onderwijsachterstand"},
              step = function(ctx, p)
                local ramp = sim.ramp(ctx.since, p.aanloop)
                ctx:add("onderwijsachterstand", ctx.active * ramp * p.bereik * p.effect)
                ctx:spend(ctx.active * p.bereik * ctx.wijk.pupils * p.kosten)
              end,
            }
            """
        let plugin = try h.load("verlengde_schooldag", source)
        let out = try h.run(plugin)
        let ramp = Swift.min(Swift.max((1.0 + 1) / 3, 0), 1)
        let add = 1 * ramp * 0.5 * -2.0
        assertLanes(out.adds["onderwijsachterstand"]!, [0, add, 0, add], "adds")
        assertLanes(out.spend, [0.5 * 200 * 1300, 0.5 * 400 * 1300], "spend")
    }
}
