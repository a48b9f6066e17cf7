import CVectorMath

/// Order statistics without a full sort. Sorting every cell's draws was two
/// thirds of a 10,000-draw run; selecting the few ranks that p05, p50 and
/// p95 need costs O(n).
package enum Selection {
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
    package static func percentiles(_ a: UnsafeMutablePointer<Double>, count n: Int) -> (p05: Double, p50: Double, p95: Double) {
        if n <= 64 {
            // a sweep's variants often have a few draws each: sorting them in
            // place beats building rank sets, which was most of a 10,000-variant run
            sortSmall(a, count: n)
            func sorted(_ p: Double) -> Double {
                let h = Double(n - 1) * p, k = Int(h.rounded(.down)), f = h - Double(k)
                guard f > 0, k + 1 < n else { return a[k] }
                return a[k] + f * (a[k + 1] - a[k])
            }
            return (sorted(0.05), sorted(0.5), sorted(0.95))
        }
        return percentiles(count: n) { ranks, values in
            if n < 512 {
                smallOrderStatistics(a, count: n, ranks: ranks, into: values)
            } else {
                bucketOrderStatistics(a, count: n, ranks: ranks, into: values)
            }
            return true
        }!
    }

    /// p05, p50 and p95 of `n` values from their order statistics:
    /// `orderStatistics(ranks, values)` sets values[j] to the value of rank
    /// ranks[j] (0-based; at most six, ascending and distinct), or returns
    /// false when it cannot (then nil). One place for the ranks and the
    /// interpolation, so that every way of finding the order statistics
    /// (`QuantileWindows` too) gives the same bits.
    static func percentiles(count n: Int, orderStatistics: (UnsafeBufferPointer<Int>, UnsafeMutableBufferPointer<Double>) -> Bool)
        -> (p05: Double, p50: Double, p95: Double)? {
        // on the stack: this runs for every cell of every variant
        let levels = (0.05, 0.5, 0.95)
        let lower = (Int((Double(n - 1) * levels.0).rounded(.down)), Int((Double(n - 1) * levels.1).rounded(.down)),
                     Int((Double(n - 1) * levels.2).rounded(.down)))
        let fraction = (Double(n - 1) * levels.0 - Double(lower.0), Double(n - 1) * levels.1 - Double(lower.1),
                        Double(n - 1) * levels.2 - Double(lower.2))
        func lowerRank(_ i: Int) -> Int { i == 0 ? lower.0 : i == 1 ? lower.1 : lower.2 }
        func fractionAbove(_ i: Int) -> Double { i == 0 ? fraction.0 : i == 1 ? fraction.1 : fraction.2 }
        // the (at most six) ranks needed, ascending and distinct, and their values:
        // on the stack, since a sweep asks this of every cell of every variant
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 6) { ranks in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 6) { values in
                var m = 0
                func need(_ rank: Int) {
                    if m == 0 || ranks[m - 1] < rank { ranks[m] = rank; m += 1 }
                }
                for i in 0..<3 {
                    need(lowerRank(i))
                    if fractionAbove(i) > 0, lowerRank(i) + 1 < n { need(lowerRank(i) + 1) }
                }
                let wanted = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(ranks)[0..<m])
                let found = UnsafeMutableBufferPointer(rebasing: values[0..<m])
                guard orderStatistics(wanted, found) else { return nil }
                func value(_ k: Int) -> Double { found[wanted.firstIndex(of: k)!] }
                func percentile(_ i: Int) -> Double {
                    let k = lowerRank(i), f = fractionAbove(i)
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

    /// Buckets for a row of `n` values: about four values a bucket, at most
    /// 2,048 (clearing a table bigger than the row cost more than counting it).
    static func bucketCount(_ n: Int) -> Int { min(2048, max(64, n / 4)) }

    /// Buckets of [min, max]: count every value's bucket (in C, the bucket
    /// indices four lanes at a time), find the buckets that hold the ranks,
    /// gather only their values and select within them. Three passes over
    /// the row; nothing allocated that grows with it but the gathered values.
    static func bucketOrderStatistics(_ a: UnsafeMutablePointer<Double>, count n: Int, ranks: UnsafeBufferPointer<Int>,
                                      into values: UnsafeMutableBufferPointer<Double>) {
        var lo = 0.0, hi = 0.0
        wjs_min_max(a, n, &lo, &hi)
        withUnsafeTemporaryAllocation(of: (UnsafePointer<Double>, Int).self, capacity: 1) { segments in
            segments[0] = (UnsafePointer(a), n)
            bucketOrderStatistics(UnsafeBufferPointer(segments), within: lo...hi, ranks: ranks, into: values)
        }
    }

    /// The order statistics of the values of several segments together,
    /// all within `range` (their minimum and maximum, or any range that
    /// holds them: a value outside falls in an end bucket, still counted
    /// and selected): no pass to find the extremes, and no copy to make the
    /// segments one row (`QuantileWindows`, whose workers keep their values
    /// apart, knows its intervals' bounds).
    static func bucketOrderStatistics(_ segments: UnsafeBufferPointer<(UnsafePointer<Double>, Int)>, within range: ClosedRange<Double>,
                                      ranks: UnsafeBufferPointer<Int>, into values: UnsafeMutableBufferPointer<Double>) {
        let lo = range.lowerBound, hi = range.upperBound
        guard hi > lo, (hi - lo).isFinite else {
            values.update(repeating: lo)
            return
        }
        precondition(ranks.count <= 6, "at most the six ranks of p05, p50 and p95")
        let n = segments.reduce(0) { $0 + $1.1 }
        let buckets = bucketCount(n)
        let scale = Double(buckets) / (hi - lo)
        // counts, then slot: which gathered run a bucket's values go to (−1: none);
        // everything on the stack (at most six ranks): this runs for every cell
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * buckets) { table in
            let counts = table.baseAddress!, slot = table.baseAddress! + buckets
            table.initialize(repeating: 0)
            for (a, count) in segments { wjs_bucket_count(a, count, lo, scale, Int32(buckets), counts) }
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * 6) { scratch in
                // per rank: its bucket and how many values lie below it; per run: its start and fill
                let bucketOf = scratch.baseAddress!, below = bucketOf + 6, starts = below + 6, filled = starts + 6
                var b = 0, seen = 0
                for (j, k) in ranks.enumerated() {
                    while seen + Int(counts[b]) <= k { seen += Int(counts[b]); b += 1 }
                    bucketOf[j] = b
                    below[j] = seen
                }
                // one run per distinct bucket, all in one buffer
                slot.update(repeating: -1, count: buckets)
                var runCount = 0, size = 0
                for j in 0..<ranks.count where slot[bucketOf[j]] < 0 {
                    slot[bucketOf[j]] = Int32(runCount)
                    starts[runCount] = size
                    filled[runCount] = 0
                    runCount += 1
                    size += Int(counts[bucketOf[j]])
                }
                withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, size)) { gathered in
                    withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>?.self, capacity: 6) { runs in
                        for r in 0..<runCount { runs[r] = gathered.baseAddress! + starts[r] }
                        for (a, count) in segments {
                            wjs_bucket_gather(a, count, lo, scale, Int32(buckets), slot, runs.baseAddress!, filled)
                        }
                        for (j, k) in ranks.enumerated() {
                            let s = Int(slot[bucketOf[j]]), run = runs[s]!
                            select(run, count: filled[s], k: k - below[j])
                            values[j] = run[k - below[j]]
                        }
                    }
                }
            }
        }
    }

    /// The p-quantile of `count` values, as `percentiles` computes it.
    package static func quantile(_ a: UnsafeMutablePointer<Double>, count: Int, _ p: Double) -> Double {
        let h = Double(count - 1) * p
        let lower = Int(h.rounded(.down))
        select(a, count: count, k: lower)
        guard lower + 1 < count, h > Double(lower) else { return a[lower] }
        var next = a[lower + 1]
        for i in (lower + 2)..<count where a[i] < next { next = a[i] }
        return a[lower] + (h - Double(lower)) * (next - a[lower])
    }
}
