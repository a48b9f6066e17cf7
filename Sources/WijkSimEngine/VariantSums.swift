import Foundation

/// What both percentile modes share: a variant's sums (`DrawOrderSums`,
/// its cells and then its cost cells), which make the means bit for bit the
/// same whatever the chunking, the thread count or the mode; and how far
/// its draws are in, so that exactly one call sees the variant complete.
///
/// A draw is in when its sums are committed and its share of the
/// percentiles is taken (stored, or counted into a sketch). The two can
/// happen in different calls (a sketched pilot is counted by whichever
/// worker completes it, maybe before another pilot piece commits its
/// sums), so they are counted apart and the variant is complete when both
/// reach `draws`.
final class VariantSums {
    let draws: Int
    let cells: Int
    /// Guards `sums`' commits, `summed` and `counted`; callers never hold it.
    private let lock = NSLock()
    private let sums: DrawOrderSums
    /// The first row summed: 0, or `cells` when only the costs are (`summingCells`).
    private let firstRow: Int
    private var summed = 0
    private var counted = 0

    /// `summingCells` false: the cells' means are taken elsewhere (from a
    /// store of every draw, `ExactTally` with a variant of at most one
    /// group of draws), and only the cost cells are summed here.
    init(draws: Int, cells: Int, costCells: Int, summingCells: Bool = true) {
        self.draws = draws
        self.cells = cells
        firstRow = summingCells ? 0 : cells
        sums = DrawOrderSums(rows: cells + costCells - firstRow, draws: draws)
    }

    // MARK: Pieces read from a chunk's output

    /// The piece's whole groups summed, without the lock.
    func prepare(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int) -> DrawOrderSums.Run {
        withRows(of: output, offset: offset) { sums.prepare($0, first: firstDraw, count: count) }
    }

    /// Commits the prepared run and notes `counted` draws taken for the
    /// percentiles. True for the one call after which every draw is in.
    func commit(_ run: DrawOrderSums.Run, _ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int,
                counted: Int) -> Bool {
        withRows(of: output, offset: offset) { row in
            lock.lock()
            defer { lock.unlock() }
            sums.commit(run, row, first: firstDraw, count: count)
            return account(summed: count, counted: counted)
        }
    }

    /// Row k of the sums from the chunk: a cell's values, then a cost cell's.
    private func withRows<R>(of output: ChunkOutput, offset: Int, _ body: ((Int) -> UnsafePointer<Double>) -> R) -> R {
        let cells = self.cells, firstRow = self.firstRow
        return body { k in
            let k = k + firstRow
            return UnsafePointer(k < cells ? output.row(k) + offset : output.costRow(k - cells) + offset)
        }
    }

    // MARK: Pieces recorded year by year

    func makeRun(firstDraw: Int, count: Int) -> DrawOrderSums.Run { sums.makeRun(first: firstDraw, count: count) }

    /// True when the draws are whole groups: committing them reads none of their values.
    func isWhole(firstDraw: Int, count: Int) -> Bool { sums.isWhole(first: firstDraw, count: count) }

    /// The group sums of `cells`, whose rows the worker has just written into `stream`.
    func sum<Cells: Sequence<Int>>(_ cells: Cells, of stream: YearStream) {
        precondition(firstRow == 0, "the cells are not summed here")
        let piece = stream.piece!
        sums.sum(rows: cells, { UnsafePointer(stream.row($0)) }, into: &piece.run, first: piece.firstDraw)
    }

    /// Sums the piece's costs (from `output`) and commits it, noting
    /// `counted` draws taken for the percentiles. Only a piece in a store
    /// can split a group, so only its rows are read here. True for the one
    /// call after which every draw is in.
    func commit(_ piece: StreamedPiece, costs output: ChunkOutput, counted: Int) -> Bool {
        let cells = self.cells, firstRow = self.firstRow
        sums.sum(rows: (cells - firstRow)..<sums.rows, { UnsafePointer(output.costRow($0 + firstRow - cells)) },
                 into: &piece.run, first: piece.firstDraw)
        let row = { (k: Int) -> UnsafePointer<Double> in
            let k = k + firstRow
            return k < cells ? UnsafePointer(piece.store!.base + k * piece.store!.stride)
                : UnsafePointer(output.costRow(k - cells))
        }
        lock.lock()
        defer { lock.unlock() }
        sums.commit(piece.run, row, first: piece.firstDraw, count: piece.count)
        return account(summed: piece.count, counted: counted)
    }

    // MARK: Completion and means

    /// Notes draws taken for the percentiles after their sums were
    /// committed (a sketched pilot). True when that completes the variant.
    func count(_ draws: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return account(summed: 0, counted: draws)
    }

    /// Under `lock`. True only for the call that brings both counts to `draws`.
    private func account(summed newlySummed: Int, counted newlyCounted: Int) -> Bool {
        let wasComplete = summed == draws && counted == draws
        summed += newlySummed
        counted += newlyCounted
        return !wasComplete && summed == draws && counted == draws
    }

    /// The mean of `cell` over the draws, once every draw is in.
    func mean(_ cell: Int) -> Double {
        precondition(firstRow == 0, "the cells are not summed here")
        return sums.totals[cell] / Double(draws)
    }

    /// Mean spend per cost cell over the draws, once every draw is in.
    func meanCosts() -> [Double] { sums.totals[(cells - firstRow)...].map { $0 / Double(draws) } }
}
