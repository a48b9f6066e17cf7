/// Which blocks each chunk holds: chunks of `perChunk` blocks, except that
/// the last two chunks' worth is cut into quarters. Whichever worker takes
/// the last chunk works alone while it runs; a quarter chunk makes that
/// wait a quarter as long (a full chunk is about 4 ms of a 0.2 s run on
/// the benchmark). Like the chunk size, the schedule depends on the plan
/// only, and results do not depend on it at all.
struct ChunkSchedule {
    let blocks: Int
    let perChunk: Int
    /// Blocks in full chunks, before the quarters.
    let head: Int
    /// Blocks per quarter: a multiple of `DrawOrderSums.group`, so that
    /// quarters are whole groups of the sums as full chunks are.
    let small: Int

    init(blocks: Int, perChunk: Int, splitTail: Bool = true) {
        self.blocks = blocks
        self.perChunk = perChunk
        let group = DrawOrderSums.group
        let quarter = perChunk / 4 / group * group
        if splitTail, quarter >= group, perChunk % group == 0 {
            small = quarter
            head = max(0, (blocks - 2 * perChunk) / perChunk) * perChunk
        } else {
            small = perChunk
            head = blocks
        }
    }

    var count: Int {
        (head + perChunk - 1) / perChunk + (blocks - head + small - 1) / small
    }

    /// The first block and the block count of chunk `index`.
    func chunk(_ index: Int) -> (first: Int, count: Int) {
        let headChunks = (head + perChunk - 1) / perChunk
        if index < headChunks {
            let first = index * perChunk
            return (first, min(perChunk, head - first))
        }
        let first = head + (index - headChunks) * small
        return (first, min(small, blocks - first))
    }
}
