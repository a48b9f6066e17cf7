import CLua
import CLuaShim
import Foundation
import WijkSimModel

/// The global `sim` table (CONTRACT §3): lane-wise functions on vectors and
/// numbers. With numbers only they return a number, as Lua's math would.
enum SimFunctions {
    static let all: [(String, wjs_Function)] = [
        // a NaN in either argument stays NaN (a + b), whatever the order
        ("min", { _, c in zip(c, "min") { $0 != $0 || $1 != $1 ? $0 + $1 : ($1 < $0 ? $1 : $0) } }),
        ("max", { _, c in zip(c, "max") { $0 != $0 || $1 != $1 ? $0 + $1 : ($1 > $0 ? $1 : $0) } }),
        ("clamp", { _, c in zip3(c, "clamp") { VectorKernels.clamp($0, $1, $2) } }),
        ("abs", { _, c in map(c, "abs") { Swift.abs($0) } }),
        ("exp", { _, c in map(c, "exp") { Foundation.exp($0) } }),
        ("log", { _, c in map(c, "log") { Foundation.log($0) } }),
        ("sqrt", { _, c in map(c, "sqrt") { $0.squareRoot() } }),
        ("where", { _, c in zip3(c, "where") { $0 != 0 ? $1 : $2 } }),
        ("gt", { _, c in zip(c, "gt") { $0 > $1 ? 1 : 0 } }),
        ("ge", { _, c in zip(c, "ge") { $0 >= $1 ? 1 : 0 } }),
        ("lt", { _, c in zip(c, "lt") { $0 < $1 ? 1 : 0 } }),
        ("le", { _, c in zip(c, "le") { $0 <= $1 ? 1 : 0 } }),
        ("ramp", { _, c in zip(c, "ramp") { VectorKernels.ramp($0, $1) } }),
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
        if operands.allSatisfy({ if case .scalar = $0 { return true } else { return false } }) {
            var value = 0.0
            withUnsafeMutablePointer(to: &value) { pointer in
                let lanes = host.bindings.lanes
                host.bindings.lanes = 1
                compute(pointer)
                host.bindings.lanes = lanes
            }
            lua_pushnumber(host.lua.L, value)
            return 1
        }
        guard let (handle, out) = host.newVector() else { return host.fail(host.tooManyVectors) }
        compute(out)
        host.pushVector(handle)
        return 1
    }

    @inline(__always)
    static func map(_ c: UnsafeMutableRawPointer?, _ name: String, _ f: (Double) -> Double) -> Int32 {
        let host = LuaHost.from(c)
        guard let a = argument(host, 1, name) else { return -1 }
        return finish(host, [a]) { VectorKernels.map(a, into: $0, lanes: host.bindings.lanes, f) }
    }

    @inline(__always)
    static func zip(_ c: UnsafeMutableRawPointer?, _ name: String, _ f: (Double, Double) -> Double) -> Int32 {
        let host = LuaHost.from(c)
        guard let a = argument(host, 1, name), let b = argument(host, 2, name) else { return -1 }
        return finish(host, [a, b]) { VectorKernels.zip(a, b, into: $0, lanes: host.bindings.lanes, f) }
    }

    @inline(__always)
    static func zip3(_ c: UnsafeMutableRawPointer?, _ name: String, _ f: (Double, Double, Double) -> Double) -> Int32 {
        let host = LuaHost.from(c)
        guard let a = argument(host, 1, name), let b = argument(host, 2, name), let d = argument(host, 3, name) else { return -1 }
        return finish(host, [a, b, d]) { VectorKernels.zip3(a, b, d, into: $0, lanes: host.bindings.lanes, f) }
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
