import WijkSimFiles
import WijkSimTestSupport
import XCTest

/// Numbers written straight into bytes are `description`'s text, bit
/// patterns of every kind included.
final class ShortestNumberTests: XCTestCase {
    func testTheTextIsDescriptions() {
        var generator = SplitMix(state: 42)
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e-5, 1e16, 123_456_789_012_345_678, 5e-324,
                                .greatestFiniteMagnitude, .infinity, -.infinity, .nan, -.nan, .signalingNaN, 16.7, 8.6]
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: generator.next()))
            values.append(Double(generator.next() % 2_000_000) / 1024 - 900)
        }
        for x in values {
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            bytes.appendShortest(x)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "[" + x.description, "\(x.bitPattern)")
        }
    }
}
