import Foundation

/// Exact percentiles: every draw is kept in a `DrawStore`, each piece in
/// its own columns, and selected once the variant is complete. For variants
/// whose draws fit (`Aggregator.exactValueLimit`), and for paired runs,
/// whose differences need the draws themselves.
///
/// No lock of its own: pieces write disjoint columns, and `VariantSums`
/// (which locks inside) says when every piece is in.
final class ExactTally: VariantTally {
    let draws: Int
    let cells: Int
    let layout: GapLayout
    private let sums: VariantSums
    private let store: DrawStore

    /// Per cell, whether it is an untouched wijk's (`UntouchedWijken`): neither summed nor selected.
    private let untouched: [Bool]?

    init(draws: Int, cells: Int, costCells: Int, layout: GapLayout, untouched: [Bool]? = nil) {
        self.draws = draws
        self.cells = cells
        self.layout = layout
        self.untouched = untouched
        sums = VariantSums(draws: draws, cells: cells, costCells: costCells)
        store = DrawStore(cells: cells, draws: draws)
    }

    func add(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int, worker: Int) -> Bool {
        let run = sums.prepare(output, offset: offset, firstDraw: firstDraw, count: count)
        store.copy(output, offset: offset, firstDraw: firstDraw, count: count)
        return sums.commit(run, output, offset: offset, firstDraw: firstDraw, count: count, counted: count)
    }

    /// Every piece can be streamed: the worker records it into the store itself.
    func beginStream(firstDraw: Int, count: Int, worker: Int, cancelled: () -> Bool) -> StreamedPiece? {
        StreamedPiece(tally: self, firstDraw: firstDraw, count: count, worker: worker,
                      run: sums.makeRun(firstDraw: firstDraw, count: count), store: store.columns(from: firstDraw),
                      summary: nil)
    }

    func add(year: Int, of stream: YearStream) {
        if let untouched {
            // an untouched wijk's rows are not written (but in the end year), nor its means needed
            sums.sum(stride(from: year, to: cells, by: layout.years).lazy.filter { !untouched[$0] }, of: stream)
        } else {
            sums.sum(stride(from: year, to: cells, by: layout.years), of: stream)
        }
    }

    func endStream(_ piece: StreamedPiece, costs output: ChunkOutput) -> Bool {
        sums.commit(piece, costs: output, counted: piece.count)
    }

    func finish(stripes: Int, pairing: Pairing?, keep: DrawStore?) -> VariantStatistics {
        // before the percentiles reorder the rows: the gap in each draw needs the city's draw too
        let gaps = endGaps()
        var differences = [DifferenceStatistics](repeating: .zero, count: pairing?.reference == nil ? 0 : cells)
        let statistics = differences.withUnsafeMutableBufferPointer { diff in
            let diff = diff.baseAddress
            return cellStatistics(cells: cells, stripes: stripes) { stripe, out in
                finish(stripe: stripe, of: stripes, into: out, pairing: pairing, differences: diff, keep: keep)
            }
        }
        return VariantStatistics(cells: statistics, costs: sums.meanCosts(), differences: differences, endGaps: gaps)
    }

    /// Means and percentiles of every `stripes`-th cell from `stripe` on
    /// (and, when paired, differences, and the draws into `keep`); each
    /// stripe reorders only its own cells' rows.
    private func finish(stripe: Int, of stripes: Int, into out: UnsafeMutablePointer<CellStatistics>,
                        pairing: Pairing?, differences: UnsafeMutablePointer<DifferenceStatistics>?,
                        keep: DrawStore?) {
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: pairing?.reference == nil ? 1 : draws)
        defer { scratch.deallocate() }
        let untouched = pairing?.untouched, known = pairing?.untouchedStatistics, kept = pairing?.kept
        for cell in stride(from: stripe, to: cells, by: stripes) {
            if let untouched, untouched[cell], let known {
                // the reference's (or a kept run's) very draws, not simulated again: their statistics
                out[cell] = known.cells[cell]
                differences?[cell] = known.differences?[cell] ?? .zero
                continue
            }
            let row = store.row(cell)
            if let keep { keep.row(cell).update(from: row, count: draws) }
            if let kept, memcmp(row, kept.draws.row(cell), draws * MemoryLayout<Double>.stride) == 0 {
                let k = kept.cells[cell]
                out[cell] = CellStatistics(mean: sums.mean(cell), p05: k.p05, p50: k.p50, p95: k.p95)
                differences?[cell] = kept.differences[cell]
                continue
            }
            if let pairing, pairing.reference != nil, let differences {
                // the reference's very draws (a wijk no intervention reaches, a year before
                // any starts): every difference is 0, and the statistics are the reference's
                let same = pairing.isSame(cell: cell, row: row, draws: draws)
                differences[cell] = same ? .zero : pairing.difference(cell: cell, row: row, draws: draws, scratch: scratch)
                if same, let known = pairing.referenceCells {
                    out[cell] = CellStatistics(mean: sums.mean(cell), p05: known[cell].p05, p50: known[cell].p50, p95: known[cell].p95)
                    continue
                }
            }
            let p = percentiles(row)
            out[cell] = CellStatistics(mean: sums.mean(cell), p05: p.p05, p50: p.p50, p95: p.p95)
        }
    }

    /// Per (wijk, indicator): the spread over draws of the gap to the city in
    /// the end year, and the share of draws in which it is closed (≤ 0).
    private func endGaps() -> [GapDrawStatistics] {
        let gaps = layout.gapRows({ UnsafePointer(store.row($0)) }, count: draws)
        defer { gaps.deallocate() }
        return (0..<layout.gapCells).map { g in
            let row = gaps + g * draws
            var closed = 0
            for d in 0..<draws { closed += row[d] <= 0 ? 1 : 0 }
            let p = percentiles(row)
            return GapDrawStatistics(p05: p.p05, p95: p.p95, closedShare: Double(closed) / Double(draws))
        }
    }

    /// p05, p50 and p95 of a row of every draw (reordering it).
    private func percentiles(_ row: UnsafeMutablePointer<Double>) -> (p05: Double, p50: Double, p95: Double) {
        draws == 1 ? (row[0], row[0], row[0]) : Selection.percentiles(row, count: draws)
    }
}
