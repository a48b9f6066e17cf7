import Foundation
import WijkSimFiles
import XCTest

/// One escaping rule for every JSON wijksim writes; each option only adds.
final class JSONStringTests: XCTestCase {
    func testEscapes() {
        let s = "a\"b\\c/d<e\nf\tg\u{1}h\u{8}ë"
        XCTAssertEqual(JSONString.quoted(s), #""a\"b\\c/d<e\nf\tg\u0001h\bë""#)
        XCTAssertEqual(JSONString.quoted(s, escaping: .slashes), #""a\"b\\c\/d<e\nf\tg\u0001h\bë""#)
        XCTAssertEqual(JSONString.quoted(s, escaping: .lessThan), #""a\"b\\c/d\u003ce\nf\tg\u0001h\bë""#)
        XCTAssertEqual(JSONString.quoted("Selwerd"), "\"Selwerd\"")
        XCTAssertEqual(JSONString.quoted("1/2", escaping: .lessThan), "\"1/2\"")
    }

    /// What it writes reads back as the string it was given.
    func testReadsBack() throws {
        for s in ["", "plain", "a\"b\\c/d<e\nf\tg\u{1}h\u{8}\u{c}\r\u{1f}ë 🏠"] {
            for escapes: JSONString.Escapes in [[], .slashes, .lessThan, [.slashes, .lessThan]] {
                let text = "[" + JSONString.quoted(s, escaping: escapes) + "]"
                let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
                XCTAssertEqual(back, [s], text)
            }
        }
    }
}
