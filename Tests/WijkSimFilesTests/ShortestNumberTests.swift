import WijkSimFiles
import XCTest

/// Numbers written straight into bytes are `description`'s text, bit
/// patterns of every kind included.
final class ShortestNumberTests: XCTestCase {
    func testTheTextIsDescriptions() {
        var generator = SplitMix(seed: 42)
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

/// A small fixed-seed generator, so that the values are the same every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
