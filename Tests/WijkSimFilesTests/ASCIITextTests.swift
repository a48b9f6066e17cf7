import Foundation
import WijkSimModel
import XCTest

/// The Swift-native text helpers must give Foundation's results, on ASCII
/// text (their own work) and on any other (handed to Foundation).
final class ASCIITextTests: XCTestCase {
    let samples = ["", " ", "\t", "1.234.567,5", "-0.25", "a_b__c", "  x  y \t", "\"quoted\" \"\"", "Onder deze aannames: de x",
                   "é.é", "a\"\u{301}b", "1.\u{301}5", "\u{2212}1.5", " ñ ", "\u{00A0}x\u{00A0}", "😀.😀", "e\u{301}_x", "\r\n.\r\n", "aé b", "é", "a\u{00A0}", "\u{00A0}a", "a \u{2003}", "x\u{180E}"]

    func testReplacingIsFoundations() {
        for text in samples {
            for (target, replacement) in [(".", ","), (",", "."), ("_", ""), ("_", " "), ("\"", "\"\""), ("\\", "\\\\"),
                                          ("Onder deze aannames: d", "D"), ("__", "-"), ("é", "e")] {
                XCTAssertEqual(text.replacingEvery(target, with: replacement),
                               text.replacingOccurrences(of: target, with: replacement), "\(text) \(target)")
            }
        }
    }

    func testFindingIsFoundations() {
        for text in samples + ["Minimahuishoudens (% huishoudens)", "a ( (b", "no bracket", " (", "x (\u{301}y (z"] {
            for target in [" (", ".", "_", "\"", "é", "aa"] {
                XCTAssertEqual(text.rangeOfFirst(target), text.range(of: target), "\(text) \(target)")
            }
        }
    }

    func testTrimmingIsFoundations() {
        for text in samples {
            XCTAssertEqual(text.trimmingSpaces(), text.trimmingCharacters(in: .whitespaces), text)
        }
    }

    func testPaddingIsFoundations() {
        for text in samples {
            for length in 0...12 {
                XCTAssertEqual(text.paddedWithSpaces(to: length), text.padding(toLength: length, withPad: " ", startingAt: 0), "\(text) \(length)")
            }
        }
    }
}
