@testable import WijkSimFiles
import XCTest

/// Cells are quoted only when they must be (RFC 4180).
final class CSVTextTests: XCTestCase {
    func testCellsAreQuotedOnlyWhenTheyHoldACommaAQuoteOrALineBreak() {
        XCTAssertEqual(CSVText.quote("Selwerd"), "Selwerd")
        XCTAssertEqual(CSVText.quote("Oosterparkwijk, De Hoogte"), "\"Oosterparkwijk, De Hoogte\"")
        XCTAssertEqual(CSVText.quote("zegt \"ja\""), "\"zegt \"\"ja\"\"\"")
        XCTAssertEqual(CSVText.quote("twee\nregels"), "\"twee\nregels\"")
        // "\r\n" is one Character, equal to neither "\r" nor "\n": it must be quoted all the same
        XCTAssertEqual(CSVText.quote("a\r\nb"), "\"a\r\nb\"")
        XCTAssertEqual(CSVText.quote("a\rb"), "\"a\rb\"")
        XCTAssertEqual(CSVText.quote("café"), "café")
        var csv = CSVText(header: ["wijk", "noot"])
        csv.append(["Paddepoel", "1,5"])
        XCTAssertEqual(csv.text, "wijk,noot\nPaddepoel,\"1,5\"\n")
    }
}
