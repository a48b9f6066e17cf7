import Foundation

/// A region code of CBS Kerncijfers Wijken en Buurten: `GM0014` (a
/// gemeente), `WK001400` (wijk 00 of that gemeente) or `BU00140000` (buurt
/// 00 of that wijk). A code carries its parents in its digits, so a buurt
/// knows its wijk and gemeente without a lookup table.
package struct CBSRegionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    package enum Kind: String, Sendable {
        case gemeente, wijk, buurt
    }

    package let kind: Kind
    /// The 4 (gemeente), 6 (wijk) or 8 (buurt) digits after the prefix.
    let digits: String

    /// Reads a code as StatLine writes it: padded with spaces, upper case prefix
    /// (a lower case prefix is accepted too).
    package init?(_ text: String) {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = String(code.dropFirst(2))
        guard digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        switch (code.prefix(2), digits.count) {
        case ("GM", 4): kind = .gemeente
        case ("WK", 6): kind = .wijk
        case ("BU", 8): kind = .buurt
        default: return nil
        }
        self.digits = digits
    }

    package var description: String {
        switch kind {
        case .gemeente: return "GM" + digits
        case .wijk: return "WK" + digits
        case .buurt: return "BU" + digits
        }
    }

    /// The gemeente this region lies in (itself for a gemeente).
    package var gemeente: CBSRegionCode { CBSRegionCode("GM" + digits.prefix(4))! }

    /// The wijk a buurt lies in (itself for a wijk, nil for a gemeente).
    package var wijk: CBSRegionCode? {
        kind == .gemeente ? nil : CBSRegionCode("WK" + digits.prefix(6))
    }

    package static func < (a: CBSRegionCode, b: CBSRegionCode) -> Bool { a.description < b.description }
}
