import Foundation

/// Over the draws, the improvement of an alternative over the reference in
/// one cell, signed by polarity (positive = better), and the share of draws
/// in which it is better.
package struct DifferenceStatistics: Equatable, Sendable {
    package var mean: Double
    package var p05: Double
    package var p95: Double
    package var pBetter: Double

    package static let zero = DifferenceStatistics(mean: 0, p05: 0, p95: 0, pBetter: 0)

    /// No difference in any draw (rounding is already 0, `PairedDraws`).
    package var isNone: Bool { mean == 0 && p05 == 0 && p95 == 0 }

    package init(mean: Double, p05: Double, p95: Double, pBetter: Double) {
        self.mean = mean; self.p05 = p05; self.p95 = p95; self.pBetter = pBetter
    }
}

/// What a run compares against, if anything: the reference draws and the
/// sign per cell (+1 where higher is better, −1 where lower is better).
struct Pairing {
    /// The draws of the reference alternative (the first scenario's variant
    /// 0), so that every other alternative's draw d can be compared with
    /// the reference's draw d: common random numbers make the difference
    /// paired (CONTRACT §7).
    var reference: DrawStore?
    var keepVariantZero: Bool
    var sign: [Double]
    /// The reference's own statistics per cell, when known: a cell whose
    /// draws equal the reference's bit for bit (a wijk no intervention
    /// reaches, a year before any starts) has them too, and is not selected again.
    var referenceCells: [CellStatistics]? = nil
    /// Per cell, whether it is an untouched wijk's (`UntouchedWijken`):
    /// its draws are the reference's, and so are its statistics (with
    /// `referenceCells`).
    var untouched: [Bool]? = nil
    /// Their statistics and differences: a kept run's, or (differences nil)
    /// the reference's own statistics and no difference.
    var untouchedStatistics: (cells: [CellStatistics], differences: [DifferenceStatistics]?)? = nil
    /// A kept run paired with the same reference, its cells laid out as
    /// this run's (`KeptRun.laysOutCells`): a cell whose draws equal its
    /// draws bit for bit (a year before a request's change starts) has its
    /// statistics and differences, which are functions of the draws alone.
    var kept: KeptRun? = nil

    static func signs(_ plan: Plan) -> [Double] {
        var sign: [Double] = []
        for _ in 0...plan.wijkCount {
            for indicator in plan.city.indicators {
                let s: Double = indicator.polarity == .higherBetter ? 1 : -1
                sign += Array(repeating: s, count: plan.yearCount)
            }
        }
        return sign
    }

    /// The difference statistics of `row` (this alternative's draws of `cell`)
    /// against the reference; `scratch` holds `draws` values.
    func difference(cell: Int, row: UnsafeMutablePointer<Double>, draws: Int,
                    scratch: UnsafeMutablePointer<Double>) -> DifferenceStatistics {
        guard let reference else { return .zero }
        let base = reference.row(cell), s = sign[cell]
        var sum = 0.0, better = 0
        for d in 0..<draws {
            let diff = PairedDraws.improvement(row[d], over: base[d], sign: s)
            scratch[d] = diff
            sum += diff
            better += diff > 0 ? 1 : 0
        }
        let p = draws == 1 ? (scratch[0], scratch[0], scratch[0]) : Selection.percentiles(scratch, count: draws)
        return DifferenceStatistics(mean: sum / Double(draws), p05: p.0, p95: p.2, pBetter: Double(better) / Double(draws))
    }
}

extension Pairing {
    /// Whether `row` holds exactly the reference's draws of `cell`.
    func isSame(cell: Int, row: UnsafePointer<Double>, draws: Int) -> Bool {
        guard let reference else { return false }
        return memcmp(row, reference.row(cell), draws * MemoryLayout<Double>.stride) == 0
    }
}

/// The one rule for the paired difference of two draws, used wherever an
/// alternative is set against another (`Pairing`, `CostEffectiveness`).
enum PairedDraws {
    /// Relative size below which a paired difference is rounding, not an effect.
    static let rounding = 1e-12

    /// `value` − `reference` signed by polarity (+ = better). An effect that
    /// has faded (+c, later −c) leaves ±1e-16 of rounding behind: that is
    /// exactly 0, so it never counts as "better" and every reader can test for 0.
    @inline(__always)
    static func improvement(_ value: Double, over reference: Double, sign: Double) -> Double {
        let diff = sign * (value - reference) + 0.0   // + 0.0 turns −0 into 0
        return abs(diff) <= rounding * max(1, abs(reference)) ? 0 : diff
    }
}
