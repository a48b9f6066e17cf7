import Foundation

/// Every variant's cell statistics, variant-major in one allocation
/// (`[variant × cells + cell]`), that the tallies write in place. A sweep of
/// 10,000 variants has 215 MB of them: as an array per variant, their fresh
/// pages were 52,000 page faults, a fifth of the run; in one `LargeBuffer`
/// they come in huge pages.
///
/// A run whose percentiles nobody reads (`wijksim run` without `--out`: the
/// summary shows means) keeps only the means, a quarter of the memory: on
/// this kind of machine each fresh megabyte costs about a millisecond, and
/// the table was a third of such a sweep. The statistics are made all the
/// same (`write`), and the means are the same bits.
///
/// Written while the run goes on (each variant's rows by its own tally, by
/// one thread at a time, or by stripes of disjoint cells), read after it.
final class CellTable: @unchecked Sendable {  // unchecked: rows are written by their tallies before any read
    let variants: Int
    let cells: Int
    /// False: only the means are kept; a cell's percentiles read as NaN.
    let keepsPercentiles: Bool
    private let storage: UnsafeMutablePointer<Double>
    private let doubles: Int

    init(variants: Int, cells: Int, keepsPercentiles: Bool = true) {
        self.variants = variants
        self.cells = cells
        self.keepsPercentiles = keepsPercentiles
        doubles = max(1, variants * cells) * (keepsPercentiles ? CellTable.doublesPerCell : 1)
        storage = LargeBuffer.allocate(doubles)
    }

    deinit {
        LargeBuffer.deallocate(storage, count: doubles)
        for buffer in spare { buffer.pointer.deallocate() }
    }

    private static let doublesPerCell = MemoryLayout<CellStatistics>.stride / MemoryLayout<Double>.stride

    private var statistics: UnsafeMutablePointer<CellStatistics> {
        UnsafeMutableRawPointer(storage).assumingMemoryBound(to: CellStatistics.self)
    }

    /// The statistics of `variants`' cells, as `fill` writes them at the
    /// pointer it is given (variant-major, `cells` per variant): straight into
    /// the table, or, means only, into a buffer whose means are then kept.
    func write(variants range: Range<Int>, _ fill: (UnsafeMutablePointer<CellStatistics>) -> Void) {
        precondition(range.lowerBound >= 0 && range.upperBound <= variants)
        if keepsPercentiles {
            fill(statistics + range.lowerBound * cells)
            return
        }
        let n = range.count * cells
        let buffer = takeBuffer(n)
        defer { returnBuffer(buffer) }
        fill(buffer.pointer)
        let means = storage + range.lowerBound * cells
        for k in 0..<n { means[k] = buffer.pointer[k].mean }
    }

    /// Buffers for `write` of a table of means, one per thread that writes
    /// at a time, kept for the next call: malloc gave each call fresh pages
    /// (a chunk's 115 variants are 2.5 MB), and they cost what the table saved.
    private var spare: [(pointer: UnsafeMutablePointer<CellStatistics>, capacity: Int)] = []
    private let spareLock = NSLock()

    private func takeBuffer(_ n: Int) -> (pointer: UnsafeMutablePointer<CellStatistics>, capacity: Int) {
        spareLock.lock()
        defer { spareLock.unlock() }
        if let k = spare.firstIndex(where: { $0.capacity >= n }) { return spare.remove(at: k) }
        return (.allocate(capacity: max(1, n)), max(1, n))
    }

    private func returnBuffer(_ buffer: (pointer: UnsafeMutablePointer<CellStatistics>, capacity: Int)) {
        spareLock.lock()
        defer { spareLock.unlock() }
        spare.append(buffer)
    }

    /// One variant's cell statistics, copied out.
    func cells(variant: Int) -> [CellStatistics] { (0..<cells).map { self[variant, $0] } }

    subscript(variant: Int, cell: Int) -> CellStatistics {
        let k = variant * cells + cell
        return keepsPercentiles ? statistics[k] : CellStatistics(mean: storage[k], p05: .nan, p50: .nan, p95: .nan)
    }

    /// Where the tally of one variant writes its cells' statistics.
    struct Row {
        let table: CellTable
        let variant: Int

        func write(_ fill: (UnsafeMutablePointer<CellStatistics>) -> Void) {
            table.write(variants: variant..<(variant + 1), fill)
        }
    }

    func row(_ variant: Int) -> Row { Row(table: self, variant: variant) }
}
