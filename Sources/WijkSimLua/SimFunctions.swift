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
        ("min", { _, c in apply(c, "min", WJS_OP_MIN, arity: 2) }),
        ("max", { _, c in apply(c, "max", WJS_OP_MAX, arity: 2) }),
        // clamp is written with comparisons so that a NaN passes through to
        // the finiteness check of `ctx:add` instead of being clamped away
        ("clamp", { _, c in apply(c, "clamp", WJS_OP_CLAMP, arity: 3) }),
        ("abs", { _, c in apply(c, "abs", WJS_OP_ABS, arity: 1) }),
        ("exp", { _, c in apply(c, "exp", WJS_OP_EXP, arity: 1) }),
        ("log", { _, c in apply(c, "log", WJS_OP_LOG, arity: 1) }),
        ("sqrt", { _, c in apply(c, "sqrt", WJS_OP_SQRT, arity: 1) }),
        ("where", { _, c in apply(c, "where", WJS_OP_WHERE, arity: 3) }),
        ("gt", { _, c in apply(c, "gt", WJS_OP_GT, arity: 2) }),
        ("ge", { _, c in apply(c, "ge", WJS_OP_GE, arity: 2) }),
        ("lt", { _, c in apply(c, "lt", WJS_OP_LT, arity: 2) }),
        ("le", { _, c in apply(c, "le", WJS_OP_LE, arity: 2) }),
        ("ramp", { _, c in apply(c, "ramp", WJS_OP_RAMP, arity: 2) }),
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

    /// `sim.NAME(...)` with `arity` arguments: numbers alone give a number,
    /// as Lua's math would; a uniform vector among them gives one.
    @inline(__always)
    static func apply(_ c: UnsafeMutableRawPointer?, _ name: String, _ op: Int, arity: Int) -> Int32 {
        let host = LuaHost.from(c)
        guard let a = argument(host, 1, name) else { return WJS_RAISE }
        guard arity > 1 else { return host.pushResult(of: Int32(op), a, numbers: true) }
        guard let b = argument(host, 2, name) else { return WJS_RAISE }
        guard arity > 2 else { return host.pushResult(of: Int32(op), a, b, numbers: true) }
        guard let d = argument(host, 3, name) else { return WJS_RAISE }
        return host.pushResult(of: Int32(op), a, b, d, numbers: true)
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
