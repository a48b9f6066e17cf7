import CLua
import Foundation
import CLuaShim
import WijkSimModel

/// One sandboxed Lua 5.4 state. Plugins never see the globals of this
/// state: each runs in an environment that `SandboxPrelude` builds from a
/// whitelist. The state owns a capped allocator and an instruction budget
/// (see `CLuaShim`), so a runaway plugin ends as an error, not a hang.
public final class LuaState {
    public let L: OpaquePointer
    public static let defaultMemoryLimit = 256 << 20
    public static let defaultInstructionLimit: Int64 = 200_000_000
    /// Wall-clock seconds one call may take (checked in the hook, and after
    /// the call for a single long C function such as a backtracking `find`).
    /// `WIJKSIM_STEP_SECONDS` lowers it for the tests of these limits.
    public static let timeLimit = ProcessInfo.processInfo.environment["WIJKSIM_STEP_SECONDS"].flatMap(Double.init) ?? 10.0
    let makeEnvironmentRef: Int32

    public init(memoryLimit: Int = LuaState.defaultMemoryLimit) {
        guard let state = wjs_newstate(memoryLimit) else {
            fatalError("could not create a Lua state (out of memory)")
        }
        L = state
        wjs_openlibs(state)
        wjs_protect_string_metatable(state)
        wjs_arm_limits(state, LuaState.defaultInstructionLimit, LuaState.timeLimit)
        let prelude = SandboxPrelude.source
        let status = prelude.withCString { wjs_loadtext(state, $0, prelude.utf8.count, "=wijksim-prelude") }
        precondition(status == LUA_OK, "the sandbox prelude does not compile")
        wjs_push_guarded_pcall(state)
        precondition(wjs_pcall(state, 1, 1) == LUA_OK, "the sandbox prelude failed")
        makeEnvironmentRef = wjs_ref(state)
    }

    deinit { wjs_close(L) }

    public var top: Int32 {
        get { lua_gettop(L) }
        set { lua_settop(L, newValue) }
    }

    public func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let bytes = wjs_tostring(L, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    public func number(at index: Int32) -> Double? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(L, index, nil)
    }

    public func typeName(at index: Int32) -> String {
        if lua_type(L, index) == LUA_TLIGHTUSERDATA { return "vector" }
        return String(cString: lua_typename(L, lua_type(L, index)))
    }

    public func push(_ text: String) {
        _ = text.withCString { lua_pushstring(L, $0) }
    }

    /// Pushes a fresh sandbox environment whose `sim` is a copy of `sim` at `simIndex`.
    func pushSandboxEnvironment(sim simIndex: Int32) {
        let sim = lua_absindex(L, simIndex)
        wjs_getref(L, makeEnvironmentRef)
        lua_pushvalue(L, sim)
        wjs_arm_limits(L, LuaState.defaultInstructionLimit, LuaState.timeLimit)
        precondition(wjs_pcall(L, 1, 1) == LUA_OK, "sandbox environment: \(string(at: -1) ?? "")")
    }

    /// Calls the function below `arguments` with the instruction budget armed;
    /// returns the error message on failure (the stack then holds nothing of the call).
    func protectedCall(arguments: Int32, results: Int32, instructionLimit: Int64 = LuaState.defaultInstructionLimit) -> String? {
        let start = wjs_clock()
        wjs_arm_limits(L, instructionLimit, LuaState.timeLimit)
        let status = wjs_pcall(L, arguments, results)
        guard status != LUA_OK else {
            let seconds = wjs_clock() - start
            if seconds > LuaState.timeLimit {
                wjs_pop(L, results)
                return String(format: "took %.1f s: a step may run at most %.0f s", seconds, LuaState.timeLimit)
            }
            return nil
        }
        let message = string(at: -1) ?? "unknown Lua error"
        wjs_pop(L, 1)
        if status == LUA_ERRMEM {
            wjs_collect_garbage(L)
            return "not enough memory (a plugin may use at most \(LuaState.defaultMemoryLimit >> 20) MiB)"
        }
        return message
    }
}
