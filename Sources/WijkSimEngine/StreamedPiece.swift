/// A piece of one variant's draws that a `YearStream` records: which
/// draws, the worker, the group sums filled year by year, and where its
/// rows go.
final class StreamedPiece {
    let tally: any VariantTally
    let firstDraw: Int
    let count: Int
    let worker: Int
    var run: DrawOrderSums.Run
    /// Row `cell` is `base + cell × stride`, in the tally's `DrawStore` (the
    /// draws are kept, no copy); nil: the stream's own slab, one year at a
    /// time, counted into `summary`.
    let store: (base: UnsafeMutablePointer<Double>, stride: Int)?
    /// After a `PilotTally`'s pilot: where the piece's rows are counted.
    let summary: (any PilotSummary)?

    init(tally: any VariantTally, firstDraw: Int, count: Int, worker: Int, run: DrawOrderSums.Run,
         store: (base: UnsafeMutablePointer<Double>, stride: Int)?, summary: (any PilotSummary)?) {
        self.tally = tally
        self.firstDraw = firstDraw
        self.count = count
        self.worker = worker
        self.run = run
        self.store = store
        self.summary = summary
    }
}
