/// Draws kept as they are, cell-major (`row(cell)[draw]`), so that a
/// cell's draws are contiguous for its percentiles and pairings: every draw
/// of an exact variant, the pilot of a sketched one, or the reference's
/// draws in a comparison. Pieces write disjoint columns, so writers need no
/// lock; readers wait until every piece is in.
///
/// Tens to hundreds of MiB: in huge pages (`LargeBuffer`), freed with the store.
final class DrawStore: @unchecked Sendable {  // unchecked: pieces write disjoint columns of `base`; reads wait for all
    let cells: Int
    /// Columns per row.
    let draws: Int
    let base: UnsafeMutablePointer<Double>

    init(cells: Int, draws: Int) {
        self.cells = cells
        self.draws = draws
        base = LargeBuffer.allocate(cells * draws)
    }

    deinit { LargeBuffer.deallocate(base, count: cells * draws) }

    @inline(__always) func row(_ cell: Int) -> UnsafeMutablePointer<Double> { base + cell * draws }

    /// Where a piece from `firstDraw` on records its rows (`StreamedPiece.store`).
    func columns(from firstDraw: Int) -> (base: UnsafeMutablePointer<Double>, stride: Int) { (base + firstDraw, draws) }

    /// Draws firstDraw..<firstDraw+count of every cell, from the chunk's
    /// rows at block `offset`.
    func copy(_ output: ChunkOutput, offset: Int, firstDraw: Int, count: Int) {
        for cell in 0..<cells {
            (row(cell) + firstDraw).update(from: output.row(cell) + offset, count: count)
        }
    }
}
