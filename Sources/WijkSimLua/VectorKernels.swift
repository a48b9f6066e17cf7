import CVectorMath

/// A value in a vector expression: a plain Lua number, a uniform vector
/// (one number for every lane) or a lane vector.
package enum Operand {
    case scalar(Double)
    case uniform(Double)
    case vector(UnsafeMutablePointer<Double>)

    @inline(__always) func value(at i: Int) -> Double {
        switch self {
        case let .scalar(s), let .uniform(s): return s
        case let .vector(v): return v[i]
        }
    }

    /// A pointer and stride for C kernels: one number is read with stride 0.
    @inline(__always) func withStride<R>(_ body: (UnsafePointer<Double>, Int) -> R) -> R {
        switch self {
        case var .scalar(s), var .uniform(s): return withUnsafePointer(to: &s) { body($0, 0) }
        case let .vector(v): return body(v, 1)
        }
    }

    var isLaneVector: Bool { if case .vector = self { return true } else { return false } }
    var isUniform: Bool { if case .uniform = self { return true } else { return false } }
}

/// The lane loops behind every vector operation: the C kernels of
/// `CVectorMath` (widened to AVX2 where the CPU has it) with a number passed
/// as a stride-0 operand; `map` for the rare functions without one.
enum VectorKernels {
    @inline(__always)
    static func map(_ a: Operand, into out: UnsafeMutablePointer<Double>, lanes n: Int, _ f: (Double) -> Double) {
        switch a {
        case let .vector(x): for i in 0..<n { out[i] = f(x[i]) }
        case let .scalar(s), let .uniform(s): let r = f(s); for i in 0..<n { out[i] = r }
        }
    }

    @inline(__always)
    static func unary(_ kernel: wjs_unary_kernel, _ a: Operand, into out: UnsafeMutablePointer<Double>, lanes n: Int) {
        a.withStride { x, sx in kernel(x, sx, out, n) }
    }

    @inline(__always)
    static func binary(_ kernel: wjs_binary_kernel, _ a: Operand, _ b: Operand, into out: UnsafeMutablePointer<Double>, lanes n: Int) {
        a.withStride { x, sx in b.withStride { y, sy in kernel(x, sx, y, sy, out, n) } }
    }

    @inline(__always)
    static func ternary(_ kernel: wjs_ternary_kernel, _ a: Operand, _ b: Operand, _ c: Operand,
                        into out: UnsafeMutablePointer<Double>, lanes n: Int) {
        a.withStride { x, sx in b.withStride { y, sy in c.withStride { z, sz in kernel(x, sx, y, sy, z, sz, out, n) } } }
    }

    /// exp and pow through SIMD libmvec instead of one libm call per lane.
    static func exp(_ a: Operand, into out: UnsafeMutablePointer<Double>, lanes n: Int) {
        a.withStride { x, sx in wjs_exp(x, sx, out, n) }
    }

    static func pow(_ a: Operand, _ b: Operand, into out: UnsafeMutablePointer<Double>, lanes n: Int) {
        a.withStride { x, sx in b.withStride { y, sy in wjs_pow(x, sx, y, sy, out, n) } }
    }
}
