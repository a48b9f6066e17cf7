import Dispatch

/// Reduces the draws of one variant, as the workers deliver them, to its
/// statistics. Means come from `VariantSums` in both implementations, so
/// that neither the thread count, the chunking nor the method changes a
/// bit of them; percentiles are exact, from every draw kept (`ExactTally`)
/// or from windows around a pilot's (`PilotTally` with `QuantileWindows`),
/// while a variant's draws fit, and sketched above that (`PilotTally` with
/// `QuantileSketch`), so that memory does not grow with the draws.
///
/// A piece of draws arrives either as a chunk's output, read after the
/// chunk (`add`), or year by year while it is simulated (`beginStream`,
/// `add(year:of:)`, `endStream`). Each call takes a whole piece or year:
/// the Aggregator picks the implementation once per variant, and the
/// per-value loops run inside it.
protocol VariantTally: AnyObject {
    /// Adds draws firstDraw..<firstDraw+count, read from `output` at block
    /// `offset`. True for the one call after which every draw is in.
    func add(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int, worker: Int) -> Bool

    /// A piece for a `YearStream` to record, or nil when it must come as a
    /// chunk's output (`add`); `cancelled` tells a piece that waits that
    /// the run failed.
    func beginStream(firstDraw: Int, count: Int, worker: Int, cancelled: () -> Bool) -> StreamedPiece?

    /// The rows of `year` of `stream`'s piece have been recorded.
    func add(year: Int, of stream: YearStream)

    /// The piece is recorded; its costs are in `output`. True for the one
    /// call after which every draw is in.
    func endStream(_ piece: StreamedPiece, costs output: ChunkOutput) -> Bool

    /// All statistics, once every draw is in, on `stripes` threads: the
    /// cells' into the row of the run's `CellTable` the tally was made
    /// with, the rest returned. `pairing` and `keep` only come with exact
    /// percentiles.
    func finish(stripes: Int, pairing: Pairing?, keep: DrawStore?) -> VariantStatistics

    /// After `finish`: true when it could not tell every percentile (a
    /// window of `QuantileWindows` missed a rank), so that its statistics
    /// are not to be used.
    var missed: Bool { get }
}

extension VariantTally {
    var missed: Bool { false }
}

extension VariantTally {
    /// Statistics of the cells at `out`: `fill(stripe, out)` writes every
    /// `stripes`-th cell from `stripe` on, the stripes on as many threads
    /// (the last variant of a run is finished while the other workers would
    /// otherwise wait).
    func cellStatistics(into out: UnsafeMutablePointer<CellStatistics>, stripes: Int,
                        _ fill: (_ stripe: Int, _ out: UnsafeMutablePointer<CellStatistics>) -> Void) {
        if stripes == 1 {
            fill(0, out)
        } else {
            // Each stripe writes its own cells and reads tallies that no
            // other thread changes any more, so sharing them is safe.
            nonisolated(unsafe) let out = out
            withoutActuallyEscaping(fill) { fill in
                nonisolated(unsafe) let fill = fill
                DispatchQueue.concurrentPerform(iterations: stripes) { fill($0, out) }
            }
        }
    }
}
