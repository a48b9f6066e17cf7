import Foundation
import WijkSimLua
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// The plugin sandbox (CONTRACT §3, GUIDE §3): a whitelist environment per
/// plugin, and runaway code stopped with a clear error.
final class SandboxTests: XCTestCase {
    /// 1 per lane when the Lua condition holds in a step, else 0.
    func holds(_ condition: String, harness: LuaStepHarness? = nil) throws -> Bool {
        let lanes = try evaluate("(\(condition)) and 1 or 0", harness: harness)
        return lanes.allSatisfy { $0 == 1 }
    }

    /// Absent, and naming one says so: "'os' is not available in plugins (sandbox)".
    func testDangerousGlobalsAreAbsent() throws {
        for name in ["io", "os", "debug", "package", "require", "dofile", "loadfile", "load", "loadstring",
                     "collectgarbage", "coroutine", "print"] {
            XCTAssertTrue(try holds("rawget(_G, \"\(name)\") == nil and not pcall(function() return \(name) end) and not pcall(function() return _G.\(name) end)"),
                          "\(name) is reachable")
            let message = runFailure { _ = try self.evaluate("\(name) and 1 or 0") }
            XCTAssertTrue(message.contains("'\(name)' is not available in plugins (sandbox)"), message)
        }
        XCTAssertTrue(try holds("xpcall == nil and rawget(_G, 'xpcall') == nil"), "xpcall is reachable")
    }

    func testStringDumpAndMathRandomAreAbsent() throws {
        XCTAssertTrue(try holds("string.dump == nil"), "string.dump")
        XCTAssertTrue(try holds("(\"\").dump == nil"), "string.dump through the string metatable")
        XCTAssertTrue(try holds("math.random == nil"), "math.random")
        XCTAssertTrue(try holds("math.randomseed == nil"), "math.randomseed")
    }

    func testSafeLibrariesArePresent() throws {
        XCTAssertTrue(try holds("string.format(\"%d-%s\", 3, \"x\") == \"3-x\" and (\"ab\"):upper() == \"AB\""))
        XCTAssertTrue(try holds("table.concat({1, 2}, \",\") == \"1,2\" and math.floor(2.5) == 2 and math.pi > 3"))
        XCTAssertTrue(try holds("utf8.len(\"wijk\") == 4 and type(pairs) == \"function\" and tonumber(\"12\") == 12"))
        XCTAssertTrue(try holds("select(\"#\", 1, 2) == 2 and type(sim) == \"table\" and _G.sim == sim"))
    }

    func testStringMetatableIsProtected() throws {
        XCTAssertTrue(try holds("getmetatable(\"\") == \"string\""))
        let source = PluginSource.make("strmeta", body: "    setmetatable(\"\", {}) -- @here")
        let message = stepFailure("strmeta", source)
        assertPrefix(message, "/tmp/x/strmeta.lua:\(PluginSource.line(of: "@here", in: source)):")
    }

    func testEndlessLoopIsStoppedByInstructionBudget() {
        let source = PluginSource.make("loop", body: "    while true do end")
        let started = Date()
        let message = stepFailure("loop", source)
        assertPrefix(message, "/tmp/x/loop.lua")
        assertContains(message, "instructions")
        assertContains(message, "in step of instance loop")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    /// GUIDE §3: Lua errors become a Swift error naming the plugin file:line.
    func testEndlessLoopErrorNamesTheLoopsLine() {
        let source = PluginSource.make("loopline", body: """
                local n = 0
                while true do n = n + 1 end -- @here
            """)
        let message = stepFailure("loopline", source)
        assertPrefix(message, "/tmp/x/loopline.lua:\(PluginSource.line(of: "@here", in: source)):")
    }

    func testEndlessLoopWhileLoadingIsStopped() {
        guard let bad = badInput({ try LuaStepHarness().load("loadloop", "while true do end\nreturn {}") }) else { return }
        assertPrefix(bad.description, "/tmp/x/loadloop.lua")
        assertContains(bad.description, "instructions")
    }

    func testPcallCannotSwallowTheInstructionBudget() {
        let source = PluginSource.make("pcalloop", body: """
                while true do
                  pcall(function() while true do end end)
                end
            """)
        let message = stepFailure("pcalloop", source)
        assertPrefix(message, "/tmp/x/pcalloop.lua")
        assertContains(message, "instructions")
        let nested = PluginSource.make("nested", body: """
                local ok = pcall(pcall, function() while true do end end)
                ctx:add("out", 1)
            """)
        let m2 = stepFailure("nested", nested)
        assertContains(m2, "instructions")
    }

    func testPcallStillCatchesOrdinaryErrors() throws {
        XCTAssertTrue(try holds("select(2, pcall(error, \"boom\", 0)) == \"boom\" and pcall(error, \"x\") == false"))
        XCTAssertTrue(try holds("select(2, pcall(function() return ctx.x.nope end)):find(\"unknown indicator\") ~= nil"))
        XCTAssertTrue(try holds("pcall(function() return 1 end) == true"))
    }

    func testEachStepGetsAFreshInstructionBudget() throws {
        // ~50M instructions per step: under the 200M budget each time, over it in sum.
        let h = LuaStepHarness()
        let plugin = try h.load("busy", PluginSource.make("busy", body: """
                local n = 0
                for i = 1, 25000000 do n = n + 1 end
                ctx:add("out", n)
            """))
        for _ in 0..<5 {
            assertLanes(try h.run(plugin).adds["out"]!, Array(repeating: 2.5e7, count: 5), "busy step")
        }
    }

    func testStringRepMemoryBombIsStopped() throws {
        let h = LuaStepHarness()
        // 512 MiB: over the 256 MiB cap of the state
        let source = PluginSource.make("bomb", body: "    local s = string.rep(\"x\", 2^26):rep(8)\n    ctx:add(\"out\", #s)")
        let message = stepFailure("bomb", source, harness: h)
        assertPrefix(message, "/tmp/x/bomb.lua")
        assertContains(message, "not enough memory")
        // 2^31 copies: refused before Lua even tries (the sandbox bounds string.rep)
        let huge = PluginSource.make("hugebomb", body: "    local s = string.rep(\"x\", 2^31) -- @here\n    ctx:add(\"out\", #s)")
        let m2 = stepFailure("hugebomb", huge, harness: h)
        assertPrefix(m2, "/tmp/x/hugebomb.lua:\(PluginSource.line(of: "@here", in: huge)):")
        assertContains(m2, "string.rep of more than 100000000 copies is not allowed")
        let good = try h.load("after", PluginSource.make("after", body: "    ctx:add(\"out\", 2)"))
        assertLanes(try h.run(good).adds["out"]!, Array(repeating: 2, count: 5), "after the bomb")
    }

    func testGrowingTableMemoryBombIsStoppedAndMemoryIsReturned() throws {
        let h = LuaStepHarness()
        let source = PluginSource.make("grow", body: """
                local t, i = {}, 0
                while true do i = i + 1; t[i] = i end
            """)
        let plugin = try h.load("grow", source)
        for _ in 0..<2 {   // a second run only works if the first one's memory was collected
            let message = runFailure { _ = try h.run(plugin) }
            assertPrefix(message, "/tmp/x/grow.lua")
            assertContains(message, "not enough memory")
        }
        let good = try h.load("after", PluginSource.make("after", body: "    ctx:add(\"out\", #({1, 2, 3}))"))
        assertLanes(try h.run(good).adds["out"]!, Array(repeating: 3, count: 5), "after the bomb")
    }

    func testDeepRecursionEndsWithStackOverflow() throws {
        let h = LuaStepHarness()
        let source = PluginSource.make("deep", body: """
                local function f(n) return f(n + 1) + 1 end -- @here
                ctx:add("out", f(1))
            """)
        let message = stepFailure("deep", source, harness: h)
        assertPrefix(message, "/tmp/x/deep.lua:")
        assertContains(message, "stack overflow")
        let good = try h.load("after", PluginSource.make("after", body: "    ctx:add(\"out\", 4)"))
        assertLanes(try h.run(good).adds["out"]!, Array(repeating: 4, count: 5), "after the overflow")
    }

    func testDeepRecursionThroughMetamethodsEndsWithStackOverflow() {
        let source = PluginSource.make("deepmeta", body: """
                local mt = {}
                mt.__index = function(t, k) return setmetatable({}, mt)[k] end
                local v = setmetatable({}, mt).anything
            """)
        let message = stepFailure("deepmeta", source)
        assertPrefix(message, "/tmp/x/deepmeta.lua")
        assertContains(message, "stack overflow")
    }

    func testPluginsDoNotShareLibrariesSimOrGlobals() throws {
        let h = LuaStepHarness()
        let vandal = PluginSource.make("vandal", body: """
                math.floor = function() return 42 end
                sim.min = function() return 42 end
                string.upper = function() return "kapot" end
                table.concat = nil
                leaked = 1
                _G.leaked2 = 2
            """)
        let victim = PluginSource.make("victim", writes: ["a", "b", "c", "m", "out"], body: """
                ctx:add("a", math.floor(2.5))
                ctx:add("b", sim.min(1, 2))
                ctx:add("c", (string.upper("x") == "X" and ("y"):upper() == "Y") and 1 or 0)
                ctx:add("m", table.concat({1, 2}) == "12" and 1 or 0)
                ctx:add("out", (leaked == nil and leaked2 == nil) and 1 or 0)
            """)
        let v = try h.load("vandal", vandal)
        // the vandal also changes things while loading
        let w = try h.load("victim", victim)
        try h.step(v)
        let out = try h.run(w)
        assertLanes(out.adds["a"]!, Array(repeating: 2, count: 5), "math.floor")
        assertLanes(out.adds["b"]!, Array(repeating: 1, count: 5), "sim.min")
        assertLanes(out.adds["c"]!, Array(repeating: 1, count: 5), "string.upper")
        assertLanes(out.adds["m"]!, Array(repeating: 1, count: 5), "table.concat")
        assertLanes(out.adds["out"]!, Array(repeating: 1, count: 5), "globals")
    }

    func testChangesAtLoadTimeDoNotLeakIntoLaterPlugins() throws {
        let h = LuaStepHarness()
        _ = try h.load("early", """
            math.sqrt = nil
            sim.max = nil
            string.rep = nil
            shared = "yes"
            return {id = "early", step = function(ctx, p) end}
            """)
        let late = try h.load("late", PluginSource.make("late", body: """
                ctx:add("out", (math.sqrt(4) == 2 and sim.max(1, 3) == 3 and string.rep("a", 2) == "aa" and shared == nil) and 1 or 0)
            """))
        assertLanes(try h.run(late).adds["out"]!, Array(repeating: 1, count: 5), "late plugin sees the originals")
    }

    func testPluginGlobalsPersistBetweenItsOwnSteps() throws {
        let h = LuaStepHarness()
        let plugin = try h.load("counter", PluginSource.make("counter", body: """
                calls = (calls or 0) + 1
                ctx:add("out", calls)
            """))
        XCTAssertEqual(try h.run(plugin).adds["out"]!, Array(repeating: 1, count: 5))
        XCTAssertEqual(try h.run(plugin).adds["out"]!, Array(repeating: 2, count: 5))
    }

    func testManyStateReadsInOneStepNeverReadAnotherVector() throws {
        // 2^24 + 1 reads of ctx.x in one step: each read gets a handle; the
        // last one must still be ctx.x.a (or the step must fail), never a
        // different vector of the step.
        let h = LuaStepHarness()
        h.setX("a", [1, 2, 3, 4, 5])
        h.setX("b", [-10, -20, -30, -40, -50])
        let warmup = try h.load("warm", PluginSource.make("warm", body: "    ctx:add(\"out\", ctx.x.a)"))
        let plugin = try h.load("manyreads", PluginSource.make("manyreads", body: """
                local x = ctx.x
                local first = x.b
                for i = 1, 16777215 do local _ = x.a end
                ctx:add("out", x.a)
            """))
        _ = try h.run(warmup)
        do {
            let out = try h.run(plugin)
            assertLanes(out.adds["out"]!, [1, 2, 3, 4, 5], "x.a after 2^24 reads")
        } catch let failure as RunFailure {
            // A clean refusal is acceptable; a misleading "used after the step" is not.
            XCTAssertFalse(failure.message.contains("used after the step"), failure.message)
        }
    }
}
