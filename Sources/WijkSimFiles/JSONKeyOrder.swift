import Foundation

/// The key order of Foundation's `JSONSerialization` with `.sortedKeys`,
/// so that a file it used to write keeps its bytes when written by
/// `PrettyJSON`.
///
/// Foundation compares keys numerically, case-insensitively, in the system
/// locale (ICU collation), which costs a locale, a collator and bridging per
/// comparison. Keys made only of lowercase ASCII letters, `_` and `.` (all
/// of scenario.json's own keys, and the parameter, funding and sweep names
/// one meets in practice) sort the same as in that collation when `_` and
/// `.` come before the letters, `_` first; `JSONKeyOrderTests` checks this
/// against Foundation. Any other key is compared by Foundation itself.
package enum JSONKeyOrder {
    package static func precedes(_ a: String, _ b: String) -> Bool {
        if let simple = simpleOrder(a, b) { return simple }
        return a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering],
                         range: a.startIndex..<a.endIndex, locale: NSLocale.system) == .orderedAscending
    }

    /// nil when either key has a byte outside `a`–`z`, `_`, `.`.
    static func simpleOrder(_ a: String, _ b: String) -> Bool? {
        guard a.utf8.allSatisfy(isSimple), b.utf8.allSatisfy(isSimple) else { return nil }
        for (x, y) in zip(a.utf8, b.utf8) where x != y {
            return rank(x) < rank(y)
        }
        return a.utf8.count < b.utf8.count
    }

    private static func isSimple(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private static func rank(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "_"): return 0
        case UInt8(ascii: "."): return 1
        default: return byte
        }
    }
}
