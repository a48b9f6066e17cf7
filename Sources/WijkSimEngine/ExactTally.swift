import CVectorMath
import Foundation

/// Exact percentiles: every draw is kept in a `DrawStore`, each piece in
/// its own columns, and selected once the variant is complete. For variants
/// whose draws fit (`Aggregator.exactValueLimit`), and for paired runs,
/// whose differences need the draws themselves.
///
/// Pieces write disjoint columns, and `VariantSums` (which locks inside)
/// says when every piece is in; the only lock here is the store's making.
final class ExactTally: VariantTally {
    let draws: Int
    let cells: Int
    let layout: GapLayout
    private let sums: VariantSums

    /// Made by the first piece that needs it: a variant that comes whole in
    /// one chunk needs none (`whole`).
    private var store: DrawStore {
        storeLock.lock()
        defer { storeLock.unlock() }
        if let madeStore { return madeStore }
        let made = DrawStore(cells: cells, draws: draws)
        madeStore = made
        return made
    }
    private var madeStore: DrawStore?
    private let storeLock = NSLock()

    /// True in a run that is not paired with a reference: no cell needs its draws past `finish`.
    private let unpaired: Bool

    /// Where the cells' statistics go: the variant's row of the run's `CellTable`.
    private let row: CellTable.Row

    /// The end-year gaps of a variant of a few draws that came whole in one
    /// chunk (a sweep's, mostly), whose cells' statistics were taken straight
    /// from the chunk's rows into its row of the table: no store and no copy. Set by its
    /// only piece, read in `finish`.
    private var whole: [GapDrawStatistics]?

    /// Per cell, whether it is an untouched wijk's (`UntouchedWijken`): neither summed nor selected.
    private let untouched: [Bool]?

    /// True when the draws are at most one group of `DrawOrderSums`: then
    /// a cell's mean is its row of draws summed draw by draw, the same bits
    /// as the group sum, and is taken with its percentiles in one pass
    /// (`wjs_small_row_statistics`: from the chunk's rows, or the store's
    /// in `finish`) instead of summed while the draws come in. A sweep's
    /// variants of a few draws each: the two passes were a third of a
    /// 10,000-variant run.
    private let meansFromStore: Bool

    /// `paired`: the run is compared with a reference, or is one (`Pairing`).
    init(draws: Int, cells: Int, costCells: Int, layout: GapLayout, statistics row: CellTable.Row,
         paired: Bool = false, untouched: [Bool]? = nil) {
        self.row = row
        self.draws = draws
        self.cells = cells
        self.layout = layout
        self.untouched = untouched
        unpaired = !paired
        meansFromStore = draws <= DrawOrderSums.group
        sums = VariantSums(draws: draws, cells: cells, costCells: costCells, summingCells: !meansFromStore)
    }

    /// A piece into the store. (Whole variants that `takesWhole` come
    /// through `wholeStatistics` and `addWhole` instead, from the Aggregator.)
    func add(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int, worker: Int) -> Bool {
        let run = sums.prepare(output, offset: offset, firstDraw: firstDraw, count: count)
        store.copy(output, offset: offset, firstDraw: firstDraw, count: count)
        return sums.commit(run, output, offset: offset, firstDraw: firstDraw, count: count, counted: count)
    }

    /// True when a variant that comes whole in one chunk is taken straight
    /// from the chunk's rows (`wholeStatistics`, `addWhole`): a few draws,
    /// and no reference that needs them kept.
    var takesWhole: Bool { meansFromStore && unpaired }

    /// The cells' statistics of `variants` consecutive variants of `draws`
    /// draws each (at most one group), whole in `output` from block
    /// `offset` on, into `out` (`cells` per variant, variant-major, as
    /// `CellTable.write` hands their rows out). One pass over the chunk's
    /// rows, cell by cell, in the order they lie in memory: variant by
    /// variant, each read 672 rows 9 KB apart, and waiting for memory was
    /// most of its time.
    static func wholeStatistics(variants: Int, draws: Int, cells: Int, _ output: ChunkOutput, offset: Int,
                                into out: UnsafeMutablePointer<CellStatistics>) {
        precondition(draws <= DrawOrderSums.group && offset + variants * draws <= output.blocks)
        for cell in 0..<cells {
            let first = UnsafePointer(output.row(cell) + offset)
            if !smallStatistics(first, draws: draws, rowStride: draws, rows: variants, into: out + cell, outStride: cells) {
                for v in 0..<variants { out[v * cells + cell] = statistics(of: first + v * draws, draws: draws) }
            }
        }
    }

    /// The rest of a variant whose cells `wholeStatistics` took: its end
    /// gaps from the chunk's rows, its costs' sums. True: every draw is in.
    func addWhole(_ output: ChunkOutput, offset: Int) -> Bool {
        precondition(takesWhole)
        let run = sums.prepare(output, offset: offset, firstDraw: 0, count: draws)
        whole = endGaps { UnsafePointer(output.row($0) + offset) }
        return sums.commit(run, output, offset: offset, firstDraw: 0, count: draws, counted: draws)
    }

    /// Every piece can be streamed: the worker records it into the store itself.
    func beginStream(firstDraw: Int, count: Int, worker: Int, cancelled: () -> Bool) -> StreamedPiece? {
        StreamedPiece(tally: self, firstDraw: firstDraw, count: count, worker: worker,
                      run: sums.makeRun(firstDraw: firstDraw, count: count), store: store.columns(from: firstDraw),
                      summary: nil)
    }

    func add(year: Int, of stream: YearStream) {
        if meansFromStore { return }
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
        if let whole { return VariantStatistics(costs: sums.meanCosts(), endGaps: whole) }
        let store = self.store
        // before the percentiles reorder the rows: the gap in each draw needs the city's draw too
        let gaps = endGaps { UnsafePointer(store.row($0)) }
        var differences = [DifferenceStatistics](repeating: .zero, count: pairing?.reference == nil ? 0 : cells)
        differences.withUnsafeMutableBufferPointer { diff in
            let diff = diff.baseAddress
            row.write { out in
                cellStatistics(into: out, stripes: stripes) { stripe, out in
                    finish(stripe: stripe, of: stripes, into: out, store: store, pairing: pairing, differences: diff, keep: keep)
                }
            }
        }
        return VariantStatistics(costs: sums.meanCosts(), differences: differences, endGaps: gaps)
    }

    /// Means and percentiles of every `stripes`-th cell from `stripe` on
    /// (and, when paired, differences, and the draws into `keep`); each
    /// stripe reorders only its own cells' rows.
    private func finish(stripe: Int, of stripes: Int, into out: UnsafeMutablePointer<CellStatistics>, store: DrawStore,
                        pairing: Pairing?, differences: UnsafeMutablePointer<DifferenceStatistics>?,
                        keep: DrawStore?) {
        // every cell of the stripe in one call: their rows lie `stripes` rows apart, as do their statistics
        if meansFromStore, pairing == nil, keep == nil, stripe < cells,
           ExactTally.smallStatistics(store.row(stripe), draws: draws, rowStride: stripes * draws,
                                      rows: (cells - stripe + stripes - 1) / stripes, into: out + stripe, outStride: stripes) {
            return
        }
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
            let mean = mean(cell, row)
            if let keep { keep.row(cell).update(from: row, count: draws) }
            if let kept, memcmp(row, kept.draws.row(cell), draws * MemoryLayout<Double>.stride) == 0 {
                let k = kept.cells[cell]
                out[cell] = CellStatistics(mean: mean, p05: k.p05, p50: k.p50, p95: k.p95)
                differences?[cell] = kept.differences[cell]
                continue
            }
            if let pairing, pairing.reference != nil, let differences {
                // the reference's very draws (a wijk no intervention reaches, a year before
                // any starts): every difference is 0, and the statistics are the reference's
                let same = pairing.isSame(cell: cell, row: row, draws: draws)
                differences[cell] = same ? .zero : pairing.difference(cell: cell, row: row, draws: draws, scratch: scratch)
                if same, let known = pairing.referenceCells {
                    out[cell] = CellStatistics(mean: mean, p05: known[cell].p05, p50: known[cell].p50, p95: known[cell].p95)
                    continue
                }
            }
            let p = percentiles(row)
            out[cell] = CellStatistics(mean: mean, p05: p.p05, p50: p.p50, p95: p.p95)
        }
    }

    /// The mean of `cell`, whose row of every draw is `row` (not yet reordered).
    private func mean(_ cell: Int, _ row: UnsafePointer<Double>) -> Double {
        meansFromStore ? ExactTally.drawOrderMean(row, draws: draws) : sums.mean(cell)
    }

    /// The mean of a row of at most one group of draws, as `DrawOrderSums`
    /// gives it: summed from 0 draw by draw, then added to a total of 0.
    static func drawOrderMean(_ row: UnsafePointer<Double>, draws: Int) -> Double {
        var sum = 0.0
        for d in 0..<draws { sum += row[d] }
        return (0 + sum) / Double(draws)
    }

    /// Mean and percentiles of a row of at most one group of draws, in Swift.
    static func statistics(of row: UnsafePointer<Double>, draws: Int) -> CellStatistics {
        let copy = UnsafeMutablePointer<Double>.allocate(capacity: draws)
        defer { copy.deallocate() }
        copy.update(from: row, count: draws)
        let p = draws == 1 ? (copy[0], copy[0], copy[0]) : Selection.percentiles(copy, count: draws)
        return CellStatistics(mean: drawOrderMean(row, draws: draws), p05: p.0, p50: p.1, p95: p.2)
    }

    /// Mean and percentiles of `rows` rows of `draws` values, at most one
    /// group (row r at `first + r × rowStride`), into every `outStride`-th
    /// element of `out`, in one call of `wjs_small_row_statistics`; the rows
    /// are not changed. False, with nothing written, where `CellStatistics`
    /// is not laid out as the four doubles the kernel writes.
    private static func smallStatistics(_ first: UnsafePointer<Double>, draws: Int, rowStride: Int, rows: Int,
                                        into out: UnsafeMutablePointer<CellStatistics>, outStride: Int = 1) -> Bool {
        guard statisticsAreFourDoubles else { return false }
        precondition(draws <= DrawOrderSums.group)
        guard rows > 0 else { return true }
        let count = (rows - 1) * outStride + 1
        UnsafeMutableRawPointer(out).withMemoryRebound(to: Double.self, capacity: count * 4) {
            wjs_small_row_statistics(first, draws, rows, rowStride, $0, outStride * 4)
        }
        return true
    }

    /// True when `CellStatistics` is laid out as the four doubles
    /// `wjs_small_row_statistics` writes, which Swift does not promise.
    private static let statisticsAreFourDoubles =
        MemoryLayout<CellStatistics>.stride == 32 && MemoryLayout<CellStatistics>.offset(of: \.mean) == 0
            && MemoryLayout<CellStatistics>.offset(of: \.p05) == 8 && MemoryLayout<CellStatistics>.offset(of: \.p50) == 16
            && MemoryLayout<CellStatistics>.offset(of: \.p95) == 24

    /// Per (wijk, indicator): the spread over draws of the gap to the city in
    /// the end year, and the share of draws in which it is closed (≤ 0).
    private func endGaps(_ rows: (Int) -> UnsafePointer<Double>) -> [GapDrawStatistics] {
        let gaps = layout.gapRows(rows, count: draws)
        defer { gaps.deallocate() }
        // a few draws: every row's percentiles in one call (mean, p05, p50, p95 per row)
        var small = [CellStatistics]()
        if meansFromStore, layout.gapCells > 0 {
            small = [CellStatistics](repeating: CellStatistics(mean: 0, p05: 0, p50: 0, p95: 0), count: layout.gapCells)
            let made = small.withUnsafeMutableBufferPointer {
                ExactTally.smallStatistics(gaps, draws: draws, rowStride: draws, rows: layout.gapCells, into: $0.baseAddress!)
            }
            if !made { small = [] }
        }
        return (0..<layout.gapCells).map { g in
            let row = gaps + g * draws
            var closed = 0
            for d in 0..<draws { closed += row[d] <= 0 ? 1 : 0 }
            let p = small.isEmpty ? percentiles(row) : (p05: small[g].p05, p50: small[g].p50, p95: small[g].p95)
            return GapDrawStatistics(p05: p.p05, p95: p.p95, closedShare: Double(closed) / Double(draws))
        }
    }

    /// p05, p50 and p95 of a row of every draw (reordering it).
    private func percentiles(_ row: UnsafeMutablePointer<Double>) -> (p05: Double, p50: Double, p95: Double) {
        draws == 1 ? (row[0], row[0], row[0]) : Selection.percentiles(row, count: draws)
    }
}
