import WijkSimLua
import XCTest

/// A step's vector arithmetic is recorded and run tile by tile when the
/// step returns (`VectorArena`): these pin what must not change with that,
/// over more lanes than one tile holds (512).
final class StepProgramTests: XCTestCase {
    static let wijken = 7
    static let lanes = 7 * 150

    func makeHarness() -> LuaStepHarness {
        let h = LuaStepHarness(lanes: StepProgramTests.lanes, wijkCount: StepProgramTests.wijken)
        let n = StepProgramTests.lanes, w = StepProgramTests.wijken
        h.setX("a", (0..<n).map { 1 + Double($0 % 13) / 7 })
        h.setX("b", (0..<n).map { 50 - Double($0 % 17) })
        h.setX0("a", (0..<n).map { 2 + Double($0 % 5) / 3 })
        // the same in every wijk of a block, as the engine's city average is
        h.setCity("a", (0..<n).map { 1.5 + Double($0 / w % 11) / 10 })
        h.setCity("b", (0..<n).map { 40 + Double($0 / w % 9) })
        h.target(wijken: [0, 2, 3, 6])
        return h
    }

    static let mixed = PluginSource.make("gemengd", writes: ["out", "m"], params: """
            trek = {default = 0.1, min = 0, max = 1},
            drempel = {default = 45, min = 0, max = 100},
        """, body: """
            local x, stad = ctx.x, ctx.city
            local trek = p.trek * sim.exp(-ctx.since / 3)          -- per block when p.trek is
            local kloof = sim.max(x.b - stad.b, 0)
            local factor = sim.where(sim.gt(kloof, p.drempel - 40), 1, 0.4)
            ctx:add("out", x.a * ((stad.a / x.a) ^ trek - 1) + sim.sqrt(kloof) * factor)
            ctx:add("m", sim.clamp(stad.b * trek - sim.ramp(ctx.since, 3), -1, 1) + sim.log(x0.a) * 0)
            ctx:spend(trek * stad.b + x.a)
        """.replacingOccurrences(of: "x0.a", with: "ctx.x0.a"))

    /// Per-block city and parameters (computed once per draw) give the very
    /// numbers that per-lane buffers of the same values give.
    func testPerBlockValuesGiveTheSameNumbersAsPerLaneValues() throws {
        var results: [[Double]] = []
        for perBlock in [false, true] {
            let h = makeHarness()
            let plugin = try h.load("gemengd", StepProgramTests.mixed)
            h.setParam(plugin: plugin, "trek", (0..<h.lanes).map { 0.05 + Double($0 / StepProgramTests.wijken % 7) / 100 })
            h.cityPerBlock = perBlock
            h.paramsPerBlock = perBlock ? ["trek"] : []
            let out = try h.run(plugin)
            results.append(out.adds["out"]! + out.adds["m"]! + out.spend)
        }
        XCTAssertEqual(results[0].count, 2 * StepProgramTests.lanes + StepProgramTests.lanes / StepProgramTests.wijken)
        XCTAssertEqual(results[0].map(\.bitPattern), results[1].map(\.bitPattern))
        // and the numbers are the formula's: lane 2 (targeted) of block 0
        let a = 1 + 2.0 / 7, b = 48.0, cityA = 1.5, cityB = 40.0, trek = 0.05 * exp(-2.0 / 3)
        let kloof = max(b - cityB, 0)
        let expected = a * (pow(cityA / a, trek) - 1) + kloof.squareRoot() * 1
        XCTAssertEqual(results[1][2], expected, accuracy: 1e-12)
        XCTAssertEqual(results[1][1], 0, "lane 1 is not targeted")
    }

    /// A value made early and read after many others still holds its
    /// numbers: registers are reused only after a value's last reader.
    func testAnEarlyValueReadAfterManyOthersKeepsItsNumbers() throws {
        let h = makeHarness()
        let plugin = try h.load("lang", PluginSource.make("lang", body: """
                local vroeg = ctx.x.a * 2
                local t = ctx.x.b
                for i = 1, 50 do t = t + i end
                ctx:add("out", vroeg + t - vroeg)
                ctx:add("out", vroeg)
            """))
        let out = try h.run(plugin)
        for lane in [0, 2, 514, 1049] where [0, 2, 3, 6].contains(lane % StepProgramTests.wijken) {
            let a = 1 + Double(lane % 13) / 7, b = 50 - Double(lane % 17)
            XCTAssertEqual(out.adds["out"]![lane], (2 * a + (b + 1275) - 2 * a) + 2 * a, "lane \(lane)")
        }
    }

    /// The first `ctx:add` in call order that meets NaN is the one named,
    /// even when a later call meets one in an earlier tile.
    func testTheFirstFailingAddInCallOrderIsNamed() throws {
        let h = makeHarness()
        let n = StepProgramTests.lanes
        h.setX("a", (0..<n).map { $0 == 1000 ? -1 : 1 })   // lane 1000: wijk 6, the second tile
        h.setX("b", (0..<n).map { $0 == 3 ? -1 : 1 })      // lane 3: wijk 3, the first tile
        let source = PluginSource.make("nan", body: """
                ctx:add("out", sim.sqrt(ctx.x.a)) -- @first
                ctx:add("out", sim.sqrt(ctx.x.b)) -- @second
            """)
        let message = stepFailure("nan", source, harness: h)
        let line = PluginSource.line(of: "@first", in: source)
        XCTAssertEqual(message, "/tmp/x/nan.lua:\(line): add to 'out' is NaN in wijk #7; NaN or infinity may not reach the state\n  in step of instance nan, year \(h.year)")
    }

    /// An intervention in some wijken computes only their lanes: each
    /// reached lane gets the very bits that computing every lane gives, the
    /// others nothing, and a spend sums the reached lanes in wijk order.
    func testOnlyTheReachedWijkenAreComputedWithTheSameNumbers() throws {
        var runs: [(adds: [Double], m: [Double], spend: [Double])] = []
        for reached in [Set(0..<StepProgramTests.wijken), [0, 2, 3, 6]] {
            let h = makeHarness()
            h.target(wijken: reached)
            let plugin = try h.load("gemengd", StepProgramTests.mixed)
            h.setParam(plugin: plugin, "trek", (0..<h.lanes).map { 0.05 + Double($0 / StepProgramTests.wijken % 7) / 100 })
            h.cityPerBlock = true
            h.paramsPerBlock = ["trek"]
            let out = try h.run(plugin)
            runs.append((out.adds["out"]!, out.adds["m"]!, out.spend))
        }
        let (all, some) = (runs[0], runs[1])
        let w = StepProgramTests.wijken
        for lane in 0..<StepProgramTests.lanes {
            if [0, 2, 3, 6].contains(lane % w) {
                XCTAssertEqual(some.adds[lane].bitPattern, all.adds[lane].bitPattern, "lane \(lane)")
                XCTAssertEqual(some.m[lane].bitPattern, all.m[lane].bitPattern, "lane \(lane)")
            } else {
                XCTAssertEqual(some.adds[lane], 0, "lane \(lane) is not reached")
                XCTAssertEqual(some.m[lane], 0, "lane \(lane) is not reached")
            }
        }
        // spend: trek × city b + x.a per lane, summed over the reached wijken in wijk order
        for block in [0, 1, 73, 149] {
            let trek = (0.05 + Double(block % 7) / 100) * exp(-2.0 / 3)
            let cityB = 40 + Double(block % 9)
            var expected = 0.0
            for k in [0, 2, 3, 6] { expected += trek * cityB + (1 + Double((block * w + k) % 13) / 7) }
            XCTAssertEqual(some.spend[block], expected, accuracy: 1e-12, "block \(block)")
        }
        XCTAssertNotEqual(some.spend[0], all.spend[0], "every wijk's spend is more than four wijken's")
    }

    /// `x * 1`, `1 * x` and `x / 1` are x itself (exact in IEEE), not an
    /// instruction: 70,000 of them stay under the 65,536 vectors a step may
    /// make, and the numbers are x's.
    func testMultiplyingByOneIsTheVectorItself() throws {
        let h = makeHarness()
        let plugin = try h.load("een", PluginSource.make("een", body: """
                local v, actief = ctx.x.a, ctx.active   -- 1: the harness's year is active
                for i = 1, 70000 do v = (1 * v) / 1 * actief end
                ctx:add("out", v)
            """))
        let out = try h.run(plugin)
        for lane in [0, 2, 514, 1049] where [0, 2, 3, 6].contains(lane % StepProgramTests.wijken) {
            XCTAssertEqual(out.adds["out"]![lane], 1 + Double(lane % 13) / 7, "lane \(lane)")
        }
    }
}
