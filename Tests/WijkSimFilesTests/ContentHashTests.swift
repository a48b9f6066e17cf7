import Foundation
@testable import WijkSimFiles
import WijkSimTestSupport
import XCTest

/// A file hashed block by block must give `ContentHash.of` its bytes.
final class ContentHashTests: XCTestCase {
    func testPiecesOfAnyLengthGiveTheWholeHash() {
        var random = SystemRandomNumberGenerator()
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 100, 4099] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            let whole = bytes.withUnsafeBytes { ContentHash.of($0) }
            for piece in [1, 3, 8, 13, 64] {
                var hasher = ContentHash.Hasher(count: count)
                bytes.withUnsafeBytes { all in
                    var k = 0
                    while k < count {
                        let end = min(k + piece, count)
                        hasher.add(UnsafeRawBufferPointer(rebasing: all[k..<end]))
                        k = end
                    }
                }
                XCTAssertEqual(hasher.finish(), whole, "\(count) bytes in pieces of \(piece)")
            }
        }
    }

    func testAFileHashesAsItsBytes() {
        let scratch = ScratchFolder()
        let text = String(repeating: "wijk,indicator,0.1234567890123\n", count: 5000) + "é"
        let file = scratch.write("big.csv", text)
        XCTAssertEqual(ContentHash.ofFile(file, count: text.utf8.count), ContentHash.of(text))
        XCTAssertNil(ContentHash.ofFile(file, count: text.utf8.count - 1))
        XCTAssertNil(ContentHash.ofFile(file, count: text.utf8.count + 1))
        XCTAssertNil(ContentHash.ofFile(scratch.path + "/missing.csv", count: 0))
    }
}
