/// Order statistics without a full sort: quickselect (Hoare partition,
/// median-of-three pivot) puts the k-th smallest value at index k with the
/// smaller ones before it. Three percentiles of n draws cost O(n), not
/// O(n log n): sorting was two thirds of a 10,000-draw run.
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

    /// The p-quantile of `count` values (linear interpolation between the
    /// closest ranks, NumPy's default). Reorders the values.
    public static func quantile(_ a: UnsafeMutablePointer<Double>, count: Int, _ p: Double) -> Double {
        let h = Double(count - 1) * p
        let lower = Int(h.rounded(.down))
        select(a, count: count, k: lower)
        let low = a[lower]
        guard lower + 1 < count, h > Double(lower) else { return low }
        // the next order statistic is the smallest value above index `lower`
        var next = a[lower + 1]
        for i in (lower + 2)..<count where a[i] < next { next = a[i] }
        return low + (h - Double(lower)) * (next - low)
    }
}
