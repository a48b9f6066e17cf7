/// Records a chunk straight into its variant's tally, a year at a
/// time, instead of into a `ChunkOutput` that is read back after the chunk:
/// a chunk's trajectories are megabytes (672 cells × 1,152 draws on the
/// benchmark), one year of them a few hundred kilobytes. Each year's rows
/// are summed and counted right after the worker wrote them, while they
/// are still in the core's cache; the next year reuses the same memory.
///
/// When every draw is stored (and for a `PilotTally`'s pilot) the rows are
/// the tally's own store (no copy); after a pilot they are this slab, one
/// row per wijk (and the city) and indicator.
final class YearStream: RecordTarget {
    let years: Int
    let rowsPerYear: Int
    let capacityBlocks: Int
    private let slab: UnsafeMutablePointer<Double>
    /// Gap rows of the end year are made here one at a time.
    let scratch: UnsafeMutablePointer<Double>
    private(set) var piece: StreamedPiece?

    init(years: Int, rowsPerYear: Int, capacityBlocks: Int) {
        self.years = years
        self.rowsPerYear = rowsPerYear
        self.capacityBlocks = capacityBlocks
        slab = .allocate(capacity: max(1, rowsPerYear * capacityBlocks))
        scratch = .allocate(capacity: max(1, capacityBlocks))
    }

    deinit {
        slab.deallocate()
        scratch.deallocate()
    }

    func begin(_ piece: StreamedPiece) { self.piece = piece }

    func end() -> StreamedPiece {
        defer { piece = nil }
        return piece!
    }

    @inline(__always) func row(_ cell: Int) -> UnsafeMutablePointer<Double> {
        if let store = piece!.store { return store.base + cell * store.stride }
        return slab + (cell / years) * capacityBlocks
    }

    func row(_ cell: Int, column: Int) -> UnsafeMutablePointer<Double> { row(cell) + column }

    func recorded(year: Int) { piece!.tally.add(year: year, of: self) }
}
