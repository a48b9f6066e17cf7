import Foundation
import WijkSimFiles
import XCTest

/// `JSONKeyOrder` must sort as `JSONSerialization` with `.sortedKeys` does.
final class JSONKeyOrderTests: XCTestCase {
    /// Foundation's comparison, as `JSONSerialization` makes it.
    func foundation(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex,
                  locale: NSLocale.system) == .orderedAscending
    }

    func testTheFastOrderIsFoundationsForLowercaseUnderscoreAndDot() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("abmyz_.")
        func key() -> String { String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        for _ in 0..<20_000 {
            let a = key(), b = key()
            XCTAssertEqual(JSONKeyOrder.precedes(a, b), foundation(a, b), "\(a) \(b)")
        }
    }

    func testOtherKeysAreComparedByFoundation() {
        let keys = ["a", "A", "a2", "a10", "a_", "a.", "a-b", "é", "e", "Z", "z9", "z09", "plugin", "plugin_file", "plugins", ""]
        for a in keys {
            for b in keys {
                XCTAssertEqual(JSONKeyOrder.precedes(a, b), foundation(a, b), "\(a) \(b)")
            }
        }
    }
}
