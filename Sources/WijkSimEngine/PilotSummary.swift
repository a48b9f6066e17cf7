/// What a `PilotTally` counts each draw into once its pilot (a variant's
/// first draws) is in: made from the pilot, then fed every draw, pilot
/// included, each worker into its own part; read once every draw is in.
/// `QuantileWindows` gives exact percentiles, `QuantileSketch` bounded ones.
protocol PilotSummary: AnyObject, Sendable {
    /// Starts loading what `worker` will count `cell` into.
    func prefetch(worker: Int, cell: Int)

    /// Counts `count` values of `cell` for `worker`.
    func add(worker: Int, cell: Int, _ values: UnsafePointer<Double>, count: Int)

    /// p05, p50 and p95 of `cell` over its `total` values (every worker
    /// done); nil when this summary cannot tell them (`QuantileWindows`
    /// whose intervals missed a rank: the variant is then run again with
    /// every draw kept).
    func percentiles(_ cell: Int, total: Int) -> (p05: Double, p50: Double, p95: Double)?

    /// Values ≤ 0 counted in `cell` (every worker done).
    func countAtMostZero(_ cell: Int) -> Int
}

extension QuantileSketch: PilotSummary {
    func percentiles(_ cell: Int, total: Int) -> (p05: Double, p50: Double, p95: Double)? {
        let q = quantiles(cell, [0.05, 0.5, 0.95], total: total)
        return (q[0], q[1], q[2])
    }
}
