/// Every variant's cell statistics, variant-major in one allocation
/// (`base[variant × cells + cell]`), that the tallies write in place. A
/// sweep of 10,000 variants has 215 MB of them: as an array per variant,
/// their fresh pages were 52,000 page faults, a fifth of the run; in one
/// `LargeBuffer` they come in huge pages.
///
/// Written while the run goes on (each variant's row by its own tally, by
/// one thread at a time, or by stripes of disjoint cells), read after it.
final class CellTable: @unchecked Sendable {  // unchecked: rows are written by their tallies before any read
    let variants: Int
    let cells: Int
    let base: UnsafeMutablePointer<CellStatistics>

    init(variants: Int, cells: Int) {
        self.variants = variants
        self.cells = cells
        let doubles = LargeBuffer.allocate(CellTable.doubles(variants: variants, cells: cells))
        base = UnsafeMutableRawPointer(doubles).bindMemory(to: CellStatistics.self, capacity: max(1, variants * cells))
    }

    deinit {
        let doubles = UnsafeMutableRawPointer(base).bindMemory(to: Double.self, capacity: CellTable.doubles(variants: variants, cells: cells))
        LargeBuffer.deallocate(doubles, count: CellTable.doubles(variants: variants, cells: cells))
    }

    private static func doubles(variants: Int, cells: Int) -> Int {
        max(1, variants * cells) * MemoryLayout<CellStatistics>.stride / MemoryLayout<Double>.stride
    }

    /// Where the tally of `variant` writes its statistics.
    func row(_ variant: Int) -> UnsafeMutablePointer<CellStatistics> { base + variant * cells }

    /// One variant's statistics, copied out.
    func cells(variant: Int) -> [CellStatistics] { Array(UnsafeBufferPointer(start: row(variant), count: cells)) }

    subscript(variant: Int, cell: Int) -> CellStatistics { base[variant * cells + cell] }
}
