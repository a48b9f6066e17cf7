/// Where a worker records the trajectories of the blocks it simulates:
/// row `cell` (`(wijk × indicators + indicator) × years + year`, the city
/// as wijk `wijken`) gets one value per block, from `column` on.
protocol RecordTarget: AnyObject {
    func row(_ cell: Int, column: Int) -> UnsafeMutablePointer<Double>
    /// Every row of `year` is written for the step just simulated.
    func recorded(year: Int)
}

/// What a worker hands on after simulating one chunk: its blocks'
/// trajectories and costs, laid out cell-major (`values[cell × blocks + b]`)
/// so that the draws of one cell are contiguous for the aggregation.
/// A chunk that a `YearStream` takes keeps only its costs here.
final class ChunkOutput: RecordTarget {
    let capacityBlocks: Int
    let cells: Int
    let costCells: Int
    var firstBlock = 0
    var blocks = 0
    let values: UnsafeMutablePointer<Double>
    let costs: UnsafeMutablePointer<Double>

    init(capacityBlocks: Int, cells: Int, costCells: Int) {
        self.capacityBlocks = capacityBlocks
        self.cells = cells
        self.costCells = costCells
        // 6 MB a worker on a sweep of the benchmark: in huge pages, 3,000 page faults fewer
        values = LargeBuffer.allocate(capacityBlocks * cells)
        costs = .allocate(capacity: max(1, capacityBlocks * costCells))
    }

    deinit {
        LargeBuffer.deallocate(values, count: capacityBlocks * cells)
        costs.deallocate()
    }

    /// The row of `cell` for this chunk's blocks.
    @inline(__always) func row(_ cell: Int) -> UnsafeMutablePointer<Double> { values + cell * blocks }
    @inline(__always) func costRow(_ cell: Int) -> UnsafeMutablePointer<Double> { costs + cell * blocks }

    func row(_ cell: Int, column: Int) -> UnsafeMutablePointer<Double> { row(cell) + column }
    func recorded(year: Int) {}
}
