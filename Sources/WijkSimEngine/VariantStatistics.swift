/// The gap to the city in the end year over the draws (+ = worse than the
/// city): its p05 and p95, and the share of draws in which it is closed.
package struct GapDrawStatistics: Equatable, Sendable {
    package var p05: Double
    package var p95: Double
    package var closedShare: Double
}

/// One variant's statistics over its draws, but for its cells' (which its
/// tally writes into the run's `CellTable`).
struct VariantStatistics {
    var costs: [Double]
    /// Per cell, against the reference draws; empty when not paired.
    var differences: [DifferenceStatistics] = []
    /// Per (wijk, indicator), the end-year gap over draws.
    var endGaps: [GapDrawStatistics] = []
}
