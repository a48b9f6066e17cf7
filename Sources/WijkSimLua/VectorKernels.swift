/// A value in a vector expression: a plain Lua number or a lane vector.
public enum Operand {
    case scalar(Double)
    case vector(UnsafeMutablePointer<Double>)

    @inline(__always) func value(at i: Int) -> Double {
        switch self {
        case let .scalar(s): return s
        case let .vector(v): return v[i]
        }
    }
}

/// The lane loops behind every vector operation. Each is specialised per
/// operation at its call site (`@inline(__always)` with a closure literal),
/// so the loops are plain pointer loops that the compiler can vectorise.
enum VectorKernels {
    @inline(__always)
    static func map(_ a: Operand, into out: UnsafeMutablePointer<Double>, lanes n: Int, _ f: (Double) -> Double) {
        switch a {
        case let .vector(x): for i in 0..<n { out[i] = f(x[i]) }
        case let .scalar(s): let r = f(s); for i in 0..<n { out[i] = r }
        }
    }

    @inline(__always)
    static func zip(_ a: Operand, _ b: Operand, into out: UnsafeMutablePointer<Double>, lanes n: Int,
                    _ f: (Double, Double) -> Double) {
        switch (a, b) {
        case let (.vector(x), .vector(y)): for i in 0..<n { out[i] = f(x[i], y[i]) }
        case let (.vector(x), .scalar(s)): for i in 0..<n { out[i] = f(x[i], s) }
        case let (.scalar(s), .vector(y)): for i in 0..<n { out[i] = f(s, y[i]) }
        case let (.scalar(s), .scalar(t)): let r = f(s, t); for i in 0..<n { out[i] = r }
        }
    }

    /// Three operands are rarer (clamp, where): scalars are read per lane.
    @inline(__always)
    static func zip3(_ a: Operand, _ b: Operand, _ c: Operand, into out: UnsafeMutablePointer<Double>, lanes n: Int,
                     _ f: (Double, Double, Double) -> Double) {
        if case let .vector(x) = a, case let .vector(y) = b, case let .vector(z) = c {
            for i in 0..<n { out[i] = f(x[i], y[i], z[i]) }
            return
        }
        for i in 0..<n { out[i] = f(a.value(at: i), b.value(at: i), c.value(at: i)) }
    }

    /// Written with comparisons so that a NaN passes through to the
    /// finiteness check in `ctx:add` instead of being clamped away.
    @inline(__always) static func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double {
        v < lo ? lo : (v > hi ? hi : v)
    }

    @inline(__always) static func ramp(_ v: Double, _ n: Double) -> Double {
        clamp((v + 1) / n, 0, 1)
    }
}
