/// Which blocks each chunk holds: chunks of `perChunk` blocks, except that
/// the last two chunks' worth is cut into quarters where there are at least
/// eight chunks (with fewer, quarters would be most of the chunks, and each
/// costs its Lua calls), and that a chunk never spans a cut. Whichever
/// worker takes the last chunk works alone while it runs; a quarter chunk
/// makes that wait a quarter as long (a full chunk is
/// about 4 ms of a 0.2 s run on the benchmark). Cuts keep a chunk inside
/// one variant and inside or outside its sketch's pilot, so that it can be
/// recorded straight into its variant (`YearStream`) instead of through a
/// `ChunkOutput` and copies. Like the chunk size, the schedule depends on
/// the plan only, and results do not depend on it at all.
struct ChunkSchedule {
    let blocks: Int
    let perChunk: Int
    /// Blocks per quarter: a multiple of `DrawOrderSums.group`, so that
    /// quarters are whole groups of the sums as full chunks are.
    let small: Int
    /// The runs of blocks between cuts: (first block, blocks, first chunk).
    private let segments: [(first: Int, blocks: Int, firstChunk: Int)]
    /// In the last segment, the blocks before the quarters.
    private let head: Int
    let count: Int

    /// `cuts`: blocks at which a chunk must begin (any order; 0, repeats and
    /// blocks past the end are ignored).
    init(blocks: Int, perChunk: Int, splitTail: Bool = true, cuts: [Int] = []) {
        self.blocks = blocks
        self.perChunk = perChunk
        let group = DrawOrderSums.group
        let quarter = perChunk / 4 / group * group
        let bounds = [0] + Set(cuts.filter { $0 > 0 && $0 < blocks }).sorted() + [blocks]
        var segments: [(first: Int, blocks: Int, firstChunk: Int)] = []
        var chunks = 0
        for (start, end) in zip(bounds, bounds.dropFirst()) {
            segments.append((start, end - start, chunks))
            chunks += (end - start + perChunk - 1) / perChunk
        }
        let last = segments.last ?? (0, 0, 0)
        if splitTail, quarter >= group, perChunk % group == 0, last.blocks >= 8 * perChunk {
            small = quarter
            head = max(0, (last.blocks - 2 * perChunk) / perChunk) * perChunk
        } else {
            small = perChunk
            head = last.blocks
        }
        chunks -= (last.blocks + perChunk - 1) / perChunk
        chunks += (head + perChunk - 1) / perChunk + (last.blocks - head + small - 1) / small
        self.segments = segments
        self.count = blocks == 0 ? 0 : chunks
    }

    /// The first block and the block count of chunk `index`.
    func chunk(_ index: Int) -> (first: Int, count: Int) {
        // the segment holding it: the last whose first chunk is at most index
        var low = 0, high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].firstChunk <= index { low = middle } else { high = middle - 1 }
        }
        let segment = segments[low]
        let k = index - segment.firstChunk
        guard low == segments.count - 1 else {
            let first = k * perChunk
            return (segment.first + first, min(perChunk, segment.blocks - first))
        }
        let headChunks = (head + perChunk - 1) / perChunk
        if k < headChunks {
            let first = k * perChunk
            return (segment.first + first, min(perChunk, head - first))
        }
        let first = head + (k - headChunks) * small
        return (segment.first + first, min(small, segment.blocks - first))
    }
}
