import CLua
import Foundation
import CLuaShim
import WijkSimModel

/// One sandboxed Lua 5.4 state. Plugins never see the globals of this
/// state: each runs in an environment that `SandboxPrelude` builds from a
/// whitelist. The state owns a capped allocator and an instruction budget
/// (see `CLuaShim`), so a runaway plugin ends as an error, not a hang.
///
/// Swift never raises: it hands its message to C and returns; only C frames
/// lie between lua_error and the pcall that catches it (CLuaShim.h). So the
/// Lua API calls made from Swift are the ones that cannot raise (reads,
/// pushes of numbers and light userdata, stack moves); anything that
/// allocates goes through the shim, except while a fresh state is set up,
/// where no pcall is active (an error would abort, not longjmp) and the
/// state is far below its cap.
package final class LuaState {
    package let L: OpaquePointer
    package static let defaultMemoryLimit = 256 << 20
    /// The cap of this state's allocator, which the memory error names.
    package let memoryLimit: Int
    package static let defaultInstructionLimit: Int64 = 200_000_000
    /// Wall-clock seconds one call may take (checked in the hook, and after
    /// the call for a single long C function such as a backtracking `find`).
    /// `WIJKSIM_STEP_SECONDS` lowers it for the tests of these limits.
    package static let timeLimit = ProcessInfo.processInfo.environment["WIJKSIM_STEP_SECONDS"].flatMap(Double.init) ?? 10.0
    let makeEnvironmentRef: Int32

    package init(memoryLimit: Int = LuaState.defaultMemoryLimit) {
        guard let state = wjs_newstate(memoryLimit) else {
            fatalError("could not create a Lua state (out of memory)")
        }
        L = state
        self.memoryLimit = memoryLimit
        wjs_openlibs(state)
        wjs_protect_string_metatable(state)
        wjs_arm_limits(state, LuaState.defaultInstructionLimit, LuaState.timeLimit)
        let prelude = SandboxPrelude.source
        let status = prelude.withCString { wjs_loadtext(state, $0, prelude.utf8.count, "=wijksim-prelude") }
        precondition(status == LUA_OK, "the sandbox prelude does not compile")
        wjs_push_guarded_pcall(state)
        precondition(wjs_pcall(state, 1, 1) == LUA_OK, "the sandbox prelude failed")
        makeEnvironmentRef = wjs_ref(state)
        precondition(makeEnvironmentRef != LUA_NOREF, "could not create a Lua state (out of memory)")
    }

    deinit { wjs_close(L) }

    package var top: Int32 {
        get { lua_gettop(L) }
        set { lua_settop(L, newValue) }
    }

    /// Strings only: `lua_tolstring` would convert a number in place, allocating.
    package func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let bytes = wjs_tostring(L, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    /// The bytes of a string argument, valid while it stays on the stack;
    /// nil for anything else (a number is not converted).
    func bytes(at index: Int32) -> UnsafeRawBufferPointer? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let bytes = wjs_tostring(L, index, &length) else { return nil }
        return UnsafeRawBufferPointer(start: bytes, count: length)
    }

    package func number(at index: Int32) -> Double? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(L, index, nil)
    }

    package func typeName(at index: Int32) -> String {
        if lua_type(L, index) == LUA_TLIGHTUSERDATA { return "vector" }
        return String(cString: lua_typename(L, lua_type(L, index)))
    }

    /// Unprotected (a string push allocates): for setting up a fresh state only.
    func push(_ text: String) {
        _ = text.withCString { lua_pushstring(L, $0) }
    }

    /// Hands `message` to the trampoline, which raises it; returns its sentinel.
    func raise(_ message: String) -> Int32 {
        message.withCString { wjs_set_message(L, $0) }
        return WJS_RAISE
    }

    /// What a plugin is told when the state's memory runs out.
    var outOfMemoryMessage: String {
        let limit = memoryLimit % (1 << 20) == 0 ? "\(memoryLimit >> 20) MiB" : "\(memoryLimit) bytes"
        return "not enough memory (a plugin may use at most \(limit))"
    }

    /// Pushes a fresh sandbox environment whose `sim` is a copy of `sim` at
    /// `simIndex`; returns the error, with nothing pushed, when there is no
    /// memory left for one (another plugin may hold it all).
    func pushSandboxEnvironment(sim simIndex: Int32) -> String? {
        let sim = lua_absindex(L, simIndex)
        wjs_getref(L, makeEnvironmentRef)
        lua_pushvalue(L, sim)
        return protectedCall(arguments: 1, results: 1)
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
            wjs_collect_garbage(L)   // cannot raise: finalizers are refused (SandboxPrelude)
            return outOfMemoryMessage
        }
        return message
    }
}
