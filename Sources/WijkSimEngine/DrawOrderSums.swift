/// Sums over the draws of many rows (cells and cost cells) whose bits do not
/// depend on how the draws were split into pieces, nor on which thread
/// summed a piece or when it arrived: the draws are cut into fixed groups
/// of `group` draws (counted from draw 0), each group is summed draw by
/// draw, and the group sums are added in group order.
///
/// Workers sum the groups that lie wholly inside their piece without a
/// lock (`prepare`); a group split between two pieces is copied until both
/// parts are in. Only `commit` needs the caller's lock.
final class DrawOrderSums {
    static let group = 64
    let rows: Int
    let draws: Int
    private(set) var totals: [Double]
    private var nextGroup = 0
    private var pending: [Int: Run] = [:]
    private var edges: [Int: Edge] = [:]

    /// Sums of consecutive groups, group-major: `sums[g × rows + row]`.
    struct Run {
        var firstGroup: Int
        var groups: Int
        var sums: [Double]
    }

    /// A group split between pieces: its values by row, and how many draws are in.
    struct Edge {
        var filled: Int
        var values: [Double]
    }

    init(rows: Int, draws: Int) {
        self.rows = rows
        self.draws = draws
        totals = [Double](repeating: 0, count: rows)
    }

    private var groupCount: Int { (draws + DrawOrderSums.group - 1) / DrawOrderSums.group }

    private func size(ofGroup g: Int) -> Int { min(DrawOrderSums.group, draws - g * DrawOrderSums.group) }

    /// The groups wholly inside draws first..<first+count, summed; no lock needed.
    func prepare(_ row: (Int) -> UnsafePointer<Double>, first: Int, count: Int) -> Run {
        let g0 = (first + DrawOrderSums.group - 1) / DrawOrderSums.group
        let end = first + count
        // the last group may be short: it is whole when the piece reaches the last draw
        let g1 = end == draws ? groupCount : end / DrawOrderSums.group
        var run = Run(firstGroup: g0, groups: max(0, g1 - g0), sums: [])
        guard run.groups > 0 else { return run }
        run.sums = [Double](repeating: 0, count: run.groups * rows)
        run.sums.withUnsafeMutableBufferPointer { sums in
            var r = 0
            // sixteen, then four rows at a time: each lane is still one row
            // summed draw by draw, and the independent lanes keep the adder busy
            let p = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: 16)
            defer { p.deallocate() }
            while r + 16 <= rows {
                for k in 0..<16 { p[k] = row(r + k) }
                for g in 0..<run.groups {
                    let start = (g0 + g) * DrawOrderSums.group - first
                    var a = SIMD4<Double>(), b = SIMD4<Double>(), c = SIMD4<Double>(), e = SIMD4<Double>()
                    for d in start..<(start + size(ofGroup: g0 + g)) {
                        a += SIMD4(p[0][d], p[1][d], p[2][d], p[3][d])
                        b += SIMD4(p[4][d], p[5][d], p[6][d], p[7][d])
                        c += SIMD4(p[8][d], p[9][d], p[10][d], p[11][d])
                        e += SIMD4(p[12][d], p[13][d], p[14][d], p[15][d])
                    }
                    let out = sums.baseAddress! + g * rows + r
                    for k in 0..<4 {
                        out[k] = a[k]
                        out[4 + k] = b[k]
                        out[8 + k] = c[k]
                        out[12 + k] = e[k]
                    }
                }
                r += 16
            }
            while r + 4 <= rows {
                let p0 = row(r), p1 = row(r + 1), p2 = row(r + 2), p3 = row(r + 3)
                for g in 0..<run.groups {
                    let start = (g0 + g) * DrawOrderSums.group - first
                    var s = SIMD4<Double>()
                    for d in start..<(start + size(ofGroup: g0 + g)) { s += SIMD4(p0[d], p1[d], p2[d], p3[d]) }
                    for k in 0..<4 { sums[g * rows + r + k] = s[k] }
                }
                r += 4
            }
            while r < rows {
                let p = row(r)
                for g in 0..<run.groups {
                    let start = (g0 + g) * DrawOrderSums.group - first
                    var s = 0.0
                    for d in start..<(start + size(ofGroup: g0 + g)) { s += p[d] }
                    sums[g * rows + r] = s
                }
                r += 1
            }
        }
        return run
    }

    /// Under the caller's lock: the prepared run, the piece's parts of split
    /// groups, and every group sum that is now next in order.
    func commit(_ run: Run, _ row: (Int) -> UnsafePointer<Double>, first: Int, count: Int) {
        if run.groups > 0 { pending[run.firstGroup] = run }
        let end = first + count
        let wholeStart = run.firstGroup * DrawOrderSums.group
        let wholeEnd = (run.firstGroup + run.groups) * DrawOrderSums.group
        if run.groups == 0 {
            addEdge(row, first: first, from: first, to: end)
        } else {
            if first < wholeStart { addEdge(row, first: first, from: first, to: wholeStart) }
            if wholeEnd < end { addEdge(row, first: first, from: wholeEnd, to: end) }
        }
        while let next = pending.removeValue(forKey: nextGroup) {
            next.sums.withUnsafeBufferPointer { sums in
                for g in 0..<next.groups {
                    for r in 0..<rows { totals[r] += sums[g * rows + r] }
                }
            }
            nextGroup += next.groups
        }
    }

    /// Draws from..<to of the piece starting at `first`, all in one group.
    private func addEdge(_ row: (Int) -> UnsafePointer<Double>, first: Int, from: Int, to: Int) {
        var d = from
        while d < to {
            let g = d / DrawOrderSums.group
            let groupStart = g * DrawOrderSums.group
            let n = size(ofGroup: g)
            let stop = min(to, groupStart + n)
            var edge = edges.removeValue(forKey: g) ?? Edge(filled: 0, values: [Double](repeating: 0, count: rows * n))
            for r in 0..<rows {
                let p = row(r)
                for k in d..<stop { edge.values[r * n + (k - groupStart)] = p[k - first] }
            }
            edge.filled += stop - d
            if edge.filled == n {
                var sums = [Double](repeating: 0, count: rows)
                for r in 0..<rows {
                    var s = 0.0
                    for k in 0..<n { s += edge.values[r * n + k] }
                    sums[r] = s
                }
                pending[g] = Run(firstGroup: g, groups: 1, sums: sums)
            } else {
                edges[g] = edge
            }
            d = stop
        }
    }
}
