import CLua
import CLuaShim
import CVectorMath
import Foundation

/// The metamethods of vectors: `+ - * / ^` and unary minus with vectors
/// and numbers (CONTRACT §3). Everything else a plugin might try on a
/// vector (comparison, concatenation, fields) fails with a message that
/// says what to use instead, because a silent `if v < 3` would be wrong.
enum VectorFunctions {
    static let add: wjs_Function = { _, c in binary(c, WJS_OP_ADD) }
    static let sub: wjs_Function = { _, c in binary(c, WJS_OP_SUB) }
    static let mul: wjs_Function = { _, c in binary(c, WJS_OP_MUL) }
    static let div: wjs_Function = { _, c in binary(c, WJS_OP_DIV) }
    static let pow: wjs_Function = { _, c in binary(c, WJS_OP_POW) }
    static let unm: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        guard case let .operand(a) = host.operand(at: 1) else { return host.fail(arithmeticError(host)) }
        return host.pushResult(of: Int32(WJS_OP_NEG), a)
    }

    static let compare: wjs_Function = { _, c in
        LuaHost.from(c).fail("vectors cannot be compared with < <= > >=: a vector holds one value per lane; use sim.lt, sim.le, sim.gt, sim.ge with sim.where")
    }
    static let concat: wjs_Function = { _, c in
        LuaHost.from(c).fail("a vector cannot be concatenated to text")
    }
    static let index: wjs_Function = { _, c in
        LuaHost.from(c).fail("a vector has no fields; use the sim.* functions on it")
    }
    static let call: wjs_Function = { _, c in
        LuaHost.from(c).fail("a vector cannot be called")
    }
    static let unsupported: wjs_Function = { _, c in
        LuaHost.from(c).fail("vectors support + - * / ^ and unary minus only")
    }
    static let length: wjs_Function = { L, c in
        lua_pushinteger(L, lua_Integer(LuaHost.from(c).bindings.lanes))
        return 1
    }
    /// The text goes to C, which pushes it: a string push may meet the memory cap.
    static let describe: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        "vector(\(host.bindings.lanes) lanes)".withCString { wjs_set_message(host.lua.L, $0) }
        return WJS_RETURN_MESSAGE
    }

    @inline(__always)
    static func binary(_ context: UnsafeMutableRawPointer?, _ op: Int) -> Int32 {
        let host = LuaHost.from(context)
        guard case let .operand(a) = host.operand(at: 1) else { return host.fail(arithmeticError(host)) }
        guard case let .operand(b) = host.operand(at: 2) else { return host.fail(arithmeticError(host)) }
        return host.pushResult(of: Int32(op), a, b)
    }

    static func arithmeticError(_ host: LuaHost) -> String {
        for index: Int32 in 1...2 {
            if case let .failure(message) = host.operand(at: index) { return "arithmetic on a vector: \(message)" }
        }
        return "arithmetic on a vector: number or vector expected"
    }
}
