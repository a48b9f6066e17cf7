/// What a worker hands on after simulating one chunk: its blocks'
/// trajectories and costs, laid out cell-major (`values[cell × blocks + b]`)
/// so that the draws of one cell are contiguous for the aggregation.
final class ChunkOutput {
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
        values = .allocate(capacity: max(1, capacityBlocks * cells))
        costs = .allocate(capacity: max(1, capacityBlocks * costCells))
    }

    deinit {
        values.deallocate()
        costs.deallocate()
    }

    /// The row of `cell` for this chunk's blocks.
    @inline(__always) func row(_ cell: Int) -> UnsafeMutablePointer<Double> { values + cell * blocks }
    @inline(__always) func costRow(_ cell: Int) -> UnsafeMutablePointer<Double> { costs + cell * blocks }
}
