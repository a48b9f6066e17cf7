/// Order statistics without a full sort. Sorting every cell's draws was two
/// thirds of a 10,000-draw run; selecting the few ranks that p05, p50 and
/// p95 need costs O(n).
public enum Selection {
    static func select(_ a: UnsafeMutablePointer<Double>, count: Int, k: Int) {
        var lo = 0, hi = count - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { swap(a, mid, lo) }
            if a[hi] < a[lo] { swap(a, hi, lo) }
            if a[hi] < a[mid] { swap(a, hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { swap(a, i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }

    @inline(__always) static func swap(_ a: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int) {
        let t = a[i]; a[i] = a[j]; a[j] = t
    }

    /// p05, p50 and p95 of `count` values (linear interpolation between the
    /// closest ranks, NumPy's default), exact. Quickselect on random draws
    /// is bound by branch mispredictions (~10 ns a value), so large rows go
    /// through buckets instead: count the values per bucket of [min, max]
    /// in one branch-free pass, then gather only the few buckets that hold
    /// the six ranks needed and select within those. May reorder the values.
    public static func percentiles(_ a: UnsafeMutablePointer<Double>, count n: Int) -> (p05: Double, p50: Double, p95: Double) {
        let lower = [0.05, 0.5, 0.95].map { Int((Double(n - 1) * $0).rounded(.down)) }
        let fraction = zip([0.05, 0.5, 0.95], lower).map { Double(n - 1) * $0 - Double($1) }
        if n <= 64 {
            // a sweep's variants often have a few draws each: sorting them in
            // place beats building rank sets, which was most of a 10,000-variant run
            sortSmall(a, count: n)
            func sorted(_ i: Int) -> Double {
                let k = lower[i], f = fraction[i]
                guard f > 0, k + 1 < n else { return a[k] }
                return a[k] + f * (a[k + 1] - a[k])
            }
            return (sorted(0), sorted(1), sorted(2))
        }
        // the (at most six) ranks needed, ascending and distinct, and their values:
        // on the stack, since a sweep asks this of every cell of every variant
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 6) { ranks in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 6) { values in
                var m = 0
                func need(_ rank: Int) {
                    if m == 0 || ranks[m - 1] < rank { ranks[m] = rank; m += 1 }
                }
                for i in 0..<3 {
                    need(lower[i])
                    if fraction[i] > 0, lower[i] + 1 < n { need(lower[i] + 1) }
                }
                let wanted = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(ranks)[0..<m])
                let found = UnsafeMutableBufferPointer(rebasing: values[0..<m])
                if n < 512 {
                    smallOrderStatistics(a, count: n, ranks: wanted, into: found)
                } else {
                    bucketOrderStatistics(a, count: n, ranks: wanted, into: found)
                }
                func value(_ k: Int) -> Double { found[wanted.firstIndex(of: k)!] }
                func percentile(_ i: Int) -> Double {
                    let k = lower[i], f = fraction[i]
                    guard f > 0, k + 1 < n else { return value(k) }
                    return value(k) + f * (value(k + 1) - value(k))
                }
                return (percentile(0), percentile(1), percentile(2))
            }
        }
    }

    /// Insertion sort: for the few values of a small row.
    static func sortSmall(_ a: UnsafeMutablePointer<Double>, count n: Int) {
        guard n > 1 else { return }
        for i in 1..<n {
            let v = a[i]
            var j = i - 1
            while j >= 0 && a[j] > v {
                a[j + 1] = a[j]
                j -= 1
            }
            a[j + 1] = v
        }
    }

    /// Ranks (ascending) each selected among the values above the one
    /// before (selection leaves them there): one full quickselect and
    /// shorter ones after it instead of six full ones (a sweep's rows of a
    /// few hundred draws spent a fifth of the run here); a rank right after
    /// the one before is the minimum of what is left.
    static func smallOrderStatistics(_ a: UnsafeMutablePointer<Double>, count n: Int, ranks: UnsafeBufferPointer<Int>,
                                     into values: UnsafeMutableBufferPointer<Double>) {
        var done = 0   // a[0..<done] are the `done` smallest values, in place
        for (j, k) in ranks.enumerated() {
            if k == done {
                var smallest = done
                for i in (done + 1)..<n where a[i] < a[smallest] { smallest = i }
                swap(a, done, smallest)
            } else {
                select(a + done, count: n - done, k: k - done)
            }
            values[j] = a[k]
            done = k + 1
        }
    }

    static let bucketCount = 2048

    static func bucketOrderStatistics(_ a: UnsafeMutablePointer<Double>, count n: Int, ranks: UnsafeBufferPointer<Int>,
                                      into values: UnsafeMutableBufferPointer<Double>) {
        var lo = a[0], hi = a[0]
        for i in 1..<n {
            let v = a[i]
            lo = v < lo ? v : lo
            hi = v > hi ? v : hi
        }
        guard hi > lo, (hi - lo).isFinite else {
            values.update(repeating: lo)
            return
        }
        let buckets = bucketCount
        let scale = Double(buckets) / (hi - lo)
        @inline(__always) func bucket(_ v: Double) -> Int { min(Int((v - lo) * scale), buckets - 1) }
        var counts = [Int32](repeating: 0, count: buckets)
        counts.withUnsafeMutableBufferPointer { c in
            for i in 0..<n { c[bucket(a[i])] += 1 }
        }
        // Which bucket holds each rank, and how many values lie below that bucket.
        var start = [Int](repeating: 0, count: buckets + 1)
        for b in 0..<buckets { start[b + 1] = start[b] + Int(counts[b]) }
        // slot[b]: where bucket b's values are gathered, or -1 when no rank needs it
        var slot = [Int](repeating: -1, count: buckets)
        var holder: [(rank: Int, bucket: Int)] = []
        var slotBuckets: [Int] = []
        for k in ranks {
            var b = 0
            while start[b + 1] <= k { b += 1 }
            holder.append((k, b))
            if slot[b] < 0 { slot[b] = slotBuckets.count; slotBuckets.append(b) }
        }
        var gathered = slotBuckets.map { b -> [Double] in
            var items: [Double] = []
            items.reserveCapacity(Int(counts[b]))
            return items
        }
        slot.withUnsafeBufferPointer { slotOf in
            for i in 0..<n {
                let v = a[i], s = slotOf[bucket(v)]
                if s >= 0 { gathered[s].append(v) }
            }
        }
        for (j, (k, b)) in holder.enumerated() {
            let local = k - start[b]
            gathered[slot[b]].withUnsafeMutableBufferPointer { select($0.baseAddress!, count: $0.count, k: local) }
            values[j] = gathered[slot[b]][local]
        }
    }

    /// The p-quantile of `count` values, as `percentiles` computes it.
    public static func quantile(_ a: UnsafeMutablePointer<Double>, count: Int, _ p: Double) -> Double {
        let h = Double(count - 1) * p
        let lower = Int(h.rounded(.down))
        select(a, count: count, k: lower)
        guard lower + 1 < count, h > Double(lower) else { return a[lower] }
        var next = a[lower + 1]
        for i in (lower + 2)..<count where a[i] < next { next = a[i] }
        return a[lower] + (h - Double(lower)) * (next - a[lower])
    }
}
