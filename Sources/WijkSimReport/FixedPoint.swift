import CFixedPoint

/// `printf`'s `%.Nf` (and `%+.Nf`) through the C library itself: the same
/// correctly rounded digits as `String(format:)`, without building a
/// CFString and parsing its format on every call (the report and the
/// summary format a few hundred numbers per run).
enum FixedPoint {
    static func text(_ value: Double, decimals: Int, plusSign: Bool = false) -> String {
        let places = Int32(min(max(decimals, 0), 20))
        // %f of the largest double has 309 digits, then the point, the places and a sign
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            _ = wjs_fixed_point(buffer.baseAddress!, 400, value, places, plusSign ? 1 : 0)
            return String(cString: buffer.baseAddress!)
        }
    }
}
