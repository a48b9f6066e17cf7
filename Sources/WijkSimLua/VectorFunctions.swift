import CLua
import CLuaShim
import CVectorMath
import Foundation

/// The metamethods of vectors: `+ - * / ^` and unary minus with vectors
/// and numbers (CONTRACT §3). Everything else a plugin might try on a
/// vector (comparison, concatenation, fields) fails with a message that
/// says what to use instead, because a silent `if v < 3` would be wrong.
enum VectorFunctions {
    static let add: wjs_Function = { _, c in binary(c, wjs_add) }
    static let sub: wjs_Function = { _, c in binary(c, wjs_sub) }
    static let mul: wjs_Function = { _, c in binary(c, wjs_mul) }
    static let div: wjs_Function = { _, c in binary(c, wjs_div) }
    static let pow: wjs_Function = { _, c in binary(c) { VectorKernels.pow($0, $1, into: $2, lanes: $3) } }
    static let unm: wjs_Function = { _, c in unary(c, wjs_neg) }

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
    static func binary(_ context: UnsafeMutableRawPointer?, _ kernel: wjs_binary_kernel) -> Int32 {
        binary(context) { a, b, out, lanes in VectorKernels.binary(kernel, a, b, into: out, lanes: lanes) }
    }

    @inline(__always)
    static func binary(_ context: UnsafeMutableRawPointer?,
                       _ kernel: (Operand, Operand, UnsafeMutablePointer<Double>, Int) -> Void) -> Int32 {
        let host = LuaHost.from(context)
        guard case let .operand(a) = host.operand(at: 1) else { return host.fail(arithmeticError(host)) }
        guard case let .operand(b) = host.operand(at: 2) else { return host.fail(arithmeticError(host)) }
        if !a.isLaneVector && !b.isLaneVector {
            var value = 0.0
            kernel(a, b, &value, 1)
            return host.pushUniform(value)
        }
        guard let (handle, out) = host.newVector() else { return host.fail(host.tooManyVectors) }
        kernel(a, b, out, host.bindings.lanes)
        host.pushVector(handle)
        return 1
    }

    @inline(__always)
    static func unary(_ context: UnsafeMutableRawPointer?, _ kernel: wjs_unary_kernel) -> Int32 {
        let host = LuaHost.from(context)
        guard case let .operand(a) = host.operand(at: 1) else { return host.fail(arithmeticError(host)) }
        if !a.isLaneVector {
            var value = 0.0
            VectorKernels.unary(kernel, a, into: &value, lanes: 1)
            return host.pushUniform(value)
        }
        guard let (handle, out) = host.newVector() else { return host.fail(host.tooManyVectors) }
        VectorKernels.unary(kernel, a, into: out, lanes: host.bindings.lanes)
        host.pushVector(handle)
        return 1
    }

    static func arithmeticError(_ host: LuaHost) -> String {
        for index: Int32 in 1...2 {
            if case let .failure(message) = host.operand(at: index) { return "arithmetic on a vector: \(message)" }
        }
        return "arithmetic on a vector: number or vector expected"
    }
}
