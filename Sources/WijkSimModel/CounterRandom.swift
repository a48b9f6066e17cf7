import Foundation

/// Random numbers computed from their coordinates, not from a sequence:
/// u = hash(seed, instance, parameter, draw, wijk, …). Any chunk on any
/// thread therefore gets the same numbers, so results do not depend on
/// `--threads` or chunk size, and draw d of two scenarios run with one seed
/// shares its numbers per (instance name, parameter): comparisons are paired.
/// The mixer is SplitMix64's finaliser, applied once per coordinate.
package enum CounterRandom {
    @inline(__always)
    package static func mix(_ z0: UInt64) -> UInt64 {
        var z = z0 &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    package static func combine(_ key: UInt64, _ value: UInt64) -> UInt64 {
        mix(key ^ mix(value))
    }

    /// A stable 64-bit key for a name (FNV-1a over UTF-8, then mixed).
    package static func key(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return mix(h)
    }

    /// A uniform number in the open interval (0, 1) from a 64-bit key.
    @inline(__always)
    package static func unit(_ key: UInt64) -> Double {
        (Double(key >> 11) + 0.5) * 0x1.0p-53
    }

    /// Φ⁻¹(p), the standard normal quantile (Wichura's AS241, ~1e-16 relative).
    package static func normalQuantile(_ p: Double) -> Double {
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
            let den = (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1.0)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                + 4.6303378461565452959) * r + 1.42343711074968357734)
                / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                + 2.05319162663775882187) * r + 1.0)
        } else {
            r -= 5
            value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1.0)
        }
        return q < 0 ? -value : value
    }

    /// Φ(x), the standard normal CDF.
    package static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }
}

extension Distribution {
    /// The value at quantile u ∈ (0, 1) of the (truncated) distribution.
    package func quantile(_ u: Double) -> Double {
        QuantileFunction(self)(u)
    }

    package func cdf(_ x: Double) -> Double {
        switch shape {
        case let .triangular(a, c, b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case let .uniform(a, b):
            return Swift.min(1, Swift.max(0, (x - a) / (b - a)))
        case let .normal(mean, sd):
            return CounterRandom.normalCDF((x - mean) / sd)
        case .lognormal:
            guard x > 0 else { return 0 }
            let (mu, sigma) = logParameters
            return CounterRandom.normalCDF((Foundation.log(x) - mu) / sigma)
        }
    }

    func untruncatedQuantile(_ p: Double) -> Double {
        switch shape {
        case let .triangular(a, c, b):
            let split = (c - a) / (b - a)
            if p < split { return a + ((b - a) * (c - a) * p).squareRoot() }
            return b - ((b - a) * (b - c) * (1 - p)).squareRoot()
        case let .uniform(a, b):
            return a + p * (b - a)
        case let .normal(mean, sd):
            return mean + sd * CounterRandom.normalQuantile(p)
        case .lognormal:
            let (mu, sigma) = logParameters
            return exp(mu + sigma * CounterRandom.normalQuantile(p))
        }
    }

    /// μ and σ of log(value): the contract gives the value's mean and σ.
    var logParameters: (Double, Double) {
        guard case let .lognormal(mean, sdLog) = shape else { return (0, 1) }
        return (Foundation.log(mean) - sdLog * sdLog / 2, sdLog)
    }
}

/// A distribution's quantile function with what does not depend on u (the
/// truncation's probabilities, a lognormal's μ and σ, the support) computed
/// once: the engine draws a parameter for every draw and wijk, and
/// recomputing them (an `erfc` per bound) was a sixth of a run with many
/// parameters drawn per wijk. The same arithmetic as before, so the same numbers.
package struct QuantileFunction: Sendable {
    let distribution: Distribution
    let lowP: Double
    let highP: Double
    let logMu: Double
    let logSigma: Double
    let support: ClosedRange<Double>

    package init(_ distribution: Distribution) {
        self.distribution = distribution
        lowP = distribution.min.map(distribution.cdf) ?? 0
        highP = distribution.max.map(distribution.cdf) ?? 1
        (logMu, logSigma) = distribution.logParameters
        support = distribution.support
    }

    package func callAsFunction(_ u: Double) -> Double {
        let p = lowP + u * (highP - lowP)
        let value: Double
        switch distribution.shape {
        case .lognormal: value = exp(logMu + logSigma * CounterRandom.normalQuantile(p))
        default: value = distribution.untruncatedQuantile(p)
        }
        return Swift.min(Swift.max(value, support.lowerBound), support.upperBound)
    }
}
