import CLua
import CLuaShim
import CVectorMath
import Foundation
import WijkSimModel

/// The global `sim` table (CONTRACT §3): lane-wise functions on vectors and
/// numbers. With numbers only they return a number, as Lua's math would.
enum SimFunctions {
    static let all: [(String, wjs_Function)] = [
        // min and max: a NaN in either argument stays NaN (a + b), whatever the order
        ("min", { _, c in zip(c, "min", wjs_min) }),
        ("max", { _, c in zip(c, "max", wjs_max) }),
        // clamp is written with comparisons so that a NaN passes through to
        // the finiteness check in `ctx:add` instead of being clamped away
        ("clamp", { _, c in zip3(c, "clamp", wjs_clamp) }),
        ("abs", { _, c in map(c, "abs") { VectorKernels.unary(wjs_abs, $0, into: $1, lanes: $2) } }),
        ("exp", { _, c in map(c, "exp") { VectorKernels.exp($0, into: $1, lanes: $2) } }),
        ("log", { _, c in map(c, "log") { VectorKernels.map($0, into: $1, lanes: $2) { Foundation.log($0) } } }),
        ("sqrt", { _, c in map(c, "sqrt") { VectorKernels.unary(wjs_sqrt, $0, into: $1, lanes: $2) } }),
        ("where", { _, c in zip3(c, "where", wjs_where) }),
        ("gt", { _, c in zip(c, "gt", wjs_gt) }),
        ("ge", { _, c in zip(c, "ge", wjs_ge) }),
        ("lt", { _, c in zip(c, "lt", wjs_lt) }),
        ("le", { _, c in zip(c, "le", wjs_le) }),
        ("ramp", { _, c in zip(c, "ramp", wjs_ramp) }),
        ("normal", { _, c in random(c) { CounterRandom.normalQuantile($0) } }),
        ("uniform", { _, c in random(c) { $0 } }),
    ]

    @inline(__always)
    static func argument(_ host: LuaHost, _ index: Int32, _ name: String) -> Operand? {
        switch host.operand(at: index) {
        case let .operand(value): return value
        case let .failure(message):
            _ = host.fail("bad argument #\(index) to 'sim.\(name)' (\(message))")
            return nil
        }
    }

    @inline(__always)
    static func finish(_ host: LuaHost, _ operands: [Operand], _ compute: (UnsafeMutablePointer<Double>) -> Void) -> Int32 {
        if !operands.contains(where: \.isLaneVector) {
            var value = 0.0
            withUnsafeMutablePointer(to: &value) { pointer in
                let lanes = host.bindings.lanes
                host.bindings.lanes = 1
                compute(pointer)
                host.bindings.lanes = lanes
            }
            // numbers give a number, as Lua's math would; a uniform vector among them gives one
            if operands.contains(where: \.isUniform) { return host.pushUniform(value) }
            lua_pushnumber(host.lua.L, value)
            return 1
        }
        guard let (handle, out) = host.newVector() else { return host.fail(host.tooManyVectors) }
        compute(out)
        host.pushVector(handle)
        return 1
    }

    @inline(__always)
    static func map(_ c: UnsafeMutableRawPointer?, _ name: String,
                    _ kernel: (Operand, UnsafeMutablePointer<Double>, Int) -> Void) -> Int32 {
        let host = LuaHost.from(c)
        guard let a = argument(host, 1, name) else { return WJS_RAISE }
        return finish(host, [a]) { kernel(a, $0, host.bindings.lanes) }
    }

    @inline(__always)
    static func zip(_ c: UnsafeMutableRawPointer?, _ name: String, _ kernel: wjs_binary_kernel) -> Int32 {
        let host = LuaHost.from(c)
        guard let a = argument(host, 1, name), let b = argument(host, 2, name) else { return WJS_RAISE }
        return finish(host, [a, b]) { VectorKernels.binary(kernel, a, b, into: $0, lanes: host.bindings.lanes) }
    }

    @inline(__always)
    static func zip3(_ c: UnsafeMutableRawPointer?, _ name: String, _ kernel: wjs_ternary_kernel) -> Int32 {
        let host = LuaHost.from(c)
        guard let a = argument(host, 1, name), let b = argument(host, 2, name), let d = argument(host, 3, name) else { return WJS_RAISE }
        return finish(host, [a, b, d]) { VectorKernels.ternary(kernel, a, b, d, into: $0, lanes: host.bindings.lanes) }
    }

    /// A fresh random vector: one number per lane from (seed, instance,
    /// call number in this step, year, draw, wijk), so that it is the same
    /// whatever the chunking, and paired between scenarios.
    static func random(_ c: UnsafeMutableRawPointer?, _ transform: (Double) -> Double) -> Int32 {
        let host = LuaHost.from(c)
        let b = host.bindings
        host.randomCalls += 1
        guard let (handle, out) = host.newVector(), let draws = b.blockDraws, let wijkKeys = b.wijkKeys else {
            return host.fail(host.tooManyVectors)
        }
        var key = CounterRandom.combine(b.seed, b.instanceKey)
        key = CounterRandom.combine(key, CounterRandom.key("sim.random"))
        key = CounterRandom.combine(key, host.randomCalls)
        key = CounterRandom.combine(key, UInt64(bitPattern: Int64(b.year)))
        let w = max(b.wijkCount, 1)
        for block in 0..<(b.lanes / w) {
            let drawKey = CounterRandom.combine(key, UInt64(draws[block]))
            for wijk in 0..<w {
                out[block * w + wijk] = transform(CounterRandom.unit(CounterRandom.combine(drawKey, wijkKeys[wijk])))
            }
        }
        host.pushVector(handle)
        return 1
    }
}
