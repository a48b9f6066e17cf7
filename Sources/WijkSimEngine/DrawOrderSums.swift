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
        var run = makeRun(first: first, count: count)
        sum(rows: 0..<rows, row, into: &run, first: first)
        return run
    }

    /// The run of the groups wholly inside draws first..<first+count, its
    /// sums still zero: `sum` fills them a few rows at a time (a piece
    /// counted year by year while the worker records it).
    func makeRun(first: Int, count: Int) -> Run {
        let g0 = (first + DrawOrderSums.group - 1) / DrawOrderSums.group
        let end = first + count
        // the last group may be short: it is whole when the piece reaches the last draw
        let g1 = end == draws ? groupCount : end / DrawOrderSums.group
        var run = Run(firstGroup: g0, groups: max(0, g1 - g0), sums: [])
        if run.groups > 0 { run.sums = [Double](repeating: 0, count: run.groups * rows) }
        return run
    }

    /// True when draws first..<first+count are whole groups: their run holds
    /// all of them and `commit` needs none of their values.
    func isWhole(first: Int, count: Int) -> Bool {
        first % DrawOrderSums.group == 0 && (count % DrawOrderSums.group == 0 || first + count == draws)
    }

    /// The group sums of `indices` (rows of this sum, `row(index)` their
    /// values from draw `first` on) into `run`.
    func sum<Indices: Sequence<Int>>(rows indices: Indices, _ row: (Int) -> UnsafePointer<Double>,
                                      into run: inout Run, first: Int) {
        guard run.groups > 0 else { return }
        let g0 = run.firstGroup, groups = run.groups, rows = self.rows
        run.sums.withUnsafeMutableBufferPointer { sums in
            // sixteen, then four rows at a time: each lane is still one row
            // summed draw by draw, and the independent lanes keep the adder busy
            withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: 16) { p in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 16) { at in
                var next = indices.makeIterator()
                while true {
                    var n = 0
                    while n < 16, let index = next.next() {
                        at[n] = index
                        p[n] = row(index)
                        n += 1
                    }
                    if n == 16 {
                        for g in 0..<groups {
                            let start = (g0 + g) * DrawOrderSums.group - first
                            var a = SIMD4<Double>(), b = SIMD4<Double>(), c = SIMD4<Double>(), e = SIMD4<Double>()
                            for d in start..<(start + size(ofGroup: g0 + g)) {
                                a += SIMD4(p[0][d], p[1][d], p[2][d], p[3][d])
                                b += SIMD4(p[4][d], p[5][d], p[6][d], p[7][d])
                                c += SIMD4(p[8][d], p[9][d], p[10][d], p[11][d])
                                e += SIMD4(p[12][d], p[13][d], p[14][d], p[15][d])
                            }
                            let out = sums.baseAddress! + g * rows
                            for k in 0..<4 {
                                out[at[k]] = a[k]
                                out[at[4 + k]] = b[k]
                                out[at[8 + k]] = c[k]
                                out[at[12 + k]] = e[k]
                            }
                        }
                        continue
                    }
                    var k = 0
                    while k + 4 <= n {
                        let p0 = p[k], p1 = p[k + 1], p2 = p[k + 2], p3 = p[k + 3]
                        for g in 0..<groups {
                            let start = (g0 + g) * DrawOrderSums.group - first
                            var s = SIMD4<Double>()
                            for d in start..<(start + size(ofGroup: g0 + g)) { s += SIMD4(p0[d], p1[d], p2[d], p3[d]) }
                            for j in 0..<4 { sums[g * rows + at[k + j]] = s[j] }
                        }
                        k += 4
                    }
                    while k < n {
                        let p0 = p[k]
                        for g in 0..<groups {
                            let start = (g0 + g) * DrawOrderSums.group - first
                            var s = 0.0
                            for d in start..<(start + size(ofGroup: g0 + g)) { s += p0[d] }
                            sums[g * rows + at[k]] = s
                        }
                        k += 1
                    }
                    break
                }
            }
            }
        }
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
