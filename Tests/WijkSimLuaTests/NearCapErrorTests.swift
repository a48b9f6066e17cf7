import CLua
import CLuaShim
@testable import WijkSimLua
import WijkSimModel
import XCTest

/// The Lua error path with the state's memory at its cap (issue 13, point
/// 2): a host error raised from Swift used to push its message from Swift,
/// and at the cap that push raised a memory error whose longjmp crossed
/// Swift frames (`fail()` entered and never returned). Each case here fills
/// the memory first (`NearCap.fill`), then makes the host fail, and must end
/// with the located message, after which the host and a fresh one still work.
final class NearCapErrorTests: XCTestCase {
    func testUnknownCtxFieldAtTheDefaultCapNamesTheField() throws {
        let h = LuaStepHarness()
        let source = NearCap.plugin("nearctx", body: "local v = ctx.nope -- @here")
        let message = stepFailure("nearctx", source, harness: h)
        let line = PluginSource.line(of: "@here", in: source)
        XCTAssertEqual(message, "/tmp/x/nearctx.lua:\(line): ctx has no field 'nope'\n  in step of instance nearctx, year \(h.year)")
        try NearCap.assertStillWorks(h)
    }

    func testBadVectorArgumentAtTheCapNamesTheArgument() throws {
        let h = LuaStepHarness(memoryLimit: 16 << 20)
        let source = NearCap.plugin("nearsim", body: "local v = sim.min(a, 'x') -- @here")
        let message = stepFailure("nearsim", source, harness: h)
        let line = PluginSource.line(of: "@here", in: source)
        XCTAssertEqual(message, "/tmp/x/nearsim.lua:\(line): bad argument #2 to 'sim.min' (number or vector expected, got string)\n  in step of instance nearsim, year \(h.year)")
        try NearCap.assertStillWorks(h)
    }

    /// `tostring` of a vector has no room for its text: a memory error, which
    /// states the cap of this state (16 MiB here, not the default 256).
    func testVectorAsTextAtTheCapIsAMemoryErrorNamingTheCapInForce() throws {
        let h = LuaStepHarness(memoryLimit: 16 << 20)
        let source = NearCap.plugin("neartext", body: "local s = tostring(a)")
        let message = stepFailure("neartext", source, harness: h)
        XCTAssertEqual(message, "/tmp/x/neartext.lua: not enough memory (a plugin may use at most 16 MiB)\n  in step of instance neartext, year \(h.year)")
        try NearCap.assertStillWorks(h)
    }

    /// A plugin that fills the memory while loading and returns a table whose
    /// `__index` errors: the host reads raw fields only, so the metamethod
    /// never runs and the table's own fault is reported.
    func testPluginTableWithErroringIndexAtTheCapIsBadInput() throws {
        let h = LuaStepHarness(memoryLimit: 16 << 20)
        let source = """
            local mt = {__index = function(t, k) error("no field " .. k) end}
            local t = setmetatable({id = "neartable", title = "Near the cap", ballast = false}, mt)
            \(NearCap.fill)
            t.ballast = slots
            return t
            """
        let bad = badInput { try h.load("neartable", source) }
        XCTAssertEqual(bad?.description, "/tmp/x/neartable.lua: field 'step' must be a function step(ctx, p)")
        try NearCap.assertStillWorks(h)
    }

    /// The reader itself at the cap, with nothing left for the collector to
    /// free: the key of the first absent field cannot be made, and the read
    /// ends as `BadInput` with the memory message (it used to abort the process).
    func testPluginTableReaderAtTheCapIsAMemoryError() throws {
        let lua = LuaState(memoryLimit: 4 << 20)
        let L = lua.L
        // the filler and `fill` (which holds `slots`) stay on the stack: no garbage to collect
        let chunk = "return function() local t = {id = 'nearread'}\n\(NearCap.fill)\nreturn t, fill end"
        XCTAssertEqual(chunk.withCString { wjs_loadtext(L, $0, chunk.utf8.count, "=nearread") }, LUA_OK)
        XCTAssertEqual(wjs_pcall(L, 0, 1), LUA_OK)
        lua_pushvalue(L, -1)
        XCTAssertEqual(wjs_pcall(L, 0, 2), LUA_OK, lua.string(at: -1) ?? "")
        let reader = PluginTableReader(lua: lua, file: "/tmp/x/nearread.lua", shown: "/tmp/x/nearread.lua", source: chunk)
        XCTAssertThrowsError(try reader.read(tableAt: -2)) { error in
            XCTAssertEqual((error as? BadInput)?.description, "/tmp/x/nearread.lua: not enough memory (a plugin may use at most 4 MiB)")
        }
    }
}

enum NearCap {
    /// Fills the state's memory up to its cap and keeps it in `slots`:
    /// strings of halving size, then empty tables, then 2-byte strings, so
    /// that not even a new 2-byte string fits (an allocation that fails has
    /// had the collector run first). A failed pcall shrinks the stack, which
    /// frees a little and at the cap cannot grow back: so each small stage
    /// runs twice, and the filling runs one call deeper than the code after
    /// it, whose calls then need no more stack than was left. Every function
    /// is made before the filling and stays alive: no garbage to collect.
    static let fill = """
        local slots, chars = {}, {}
        for i = 1, 64 do slots[i] = false end
        for c = 65, 90 do chars[#chars + 1] = string.char(c) end
        local function grow(size) slots[1] = {slots[1], string.rep("x", size)} end
        local function table_in(i) slots[i] = {} end
        local function short_in(i) slots[i] = chars[i % 26 + 1] .. chars[i // 26 + 1] end
        local function fill()
          for k = 20, 6, -1 do while pcall(grow, 2^k) do end end
          local i = 2
          for _ = 1, 2 do while i < 40 and pcall(table_in, i) do i = i + 1 end end
          i = 40
          for _ = 1, 2 do while i < 64 and pcall(short_in, i) do i = i + 1 end end
          return i < 64 and not pcall(short_in, i)
        end
        assert(fill(), "memory is not at the cap")
        """

    /// A plugin whose step reads `ctx.x.a` into `a`, fills the memory, then runs `body`.
    static func plugin(_ id: String, body: String) -> String {
        PluginSource.make(id, body: "    local a = ctx.x.a\n\(fill)\n    \(body)")
    }

    /// The host that failed still loads and steps, and so does a fresh one.
    static func assertStillWorks(_ h: LuaStepHarness, file: StaticString = #filePath, line: UInt = #line) throws {
        for harness in [h, LuaStepHarness()] {
            let good = try harness.load("after", PluginSource.make("after", body: "    ctx:add(\"out\", #tostring(ctx.x.a))"))
            let out = try harness.run(good).adds["out"]!
            XCTAssertEqual(out, Array(repeating: Double("vector(5 lanes)".count), count: 5), file: file, line: line)
        }
    }
}
