@testable import WijkSimEngine
import WijkSimTestSupport
import XCTest

/// Means must not depend on how the draws were cut into pieces or in what
/// order the pieces arrived: that is what makes `--threads` and the chunk
/// size invisible in the output.
final class DrawOrderSumsTests: XCTestCase {
    /// Values whose sum depends on the order of the additions.
    private func values(rows: Int, draws: Int) -> [[Double]] {
        (0..<rows).map { r -> [Double] in
            (0..<draws).map { d -> Double in
                let base = Double((d * 7919 + r * 104_729) % 1000) / 7
                return base * (d % 3 == 0 ? 1e8 : 1e-3)
            }
        }
    }

    /// The definition: groups of 64 draws from draw 0, each summed draw by
    /// draw, the group sums added in order.
    private func reference(_ row: [Double]) -> Double {
        var total = 0.0
        var start = 0
        while start < row.count {
            var s = 0.0
            for d in start..<min(start + DrawOrderSums.group, row.count) { s += row[d] }
            total += s
            start += DrawOrderSums.group
        }
        return total
    }

    private func sum(_ data: [[Double]], pieces: [Range<Int>]) -> [Double] {
        let sums = DrawOrderSums(rows: data.count, draws: data[0].count)
        for piece in pieces {
            let rows = data.map { Array($0[piece]) }
            rows.withUnsafeBufferPointers { pointers in
                let row = { (r: Int) -> UnsafePointer<Double> in pointers[r] }
                let run = sums.prepare(row, first: piece.lowerBound, count: piece.count)
                sums.commit(run, row, first: piece.lowerBound, count: piece.count)
            }
        }
        return sums.totals
    }

    /// Cuts 0..<draws into pieces of the given sizes (cycled), then shuffles them.
    private func pieces(draws: Int, sizes: [Int], seed: UInt64) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0, k = 0
        while start < draws {
            let end = min(draws, start + sizes[k % sizes.count])
            result.append(start..<end)
            start = end
            k += 1
        }
        var generator = SplitMix(state: seed)
        return result.shuffled(using: &generator)
    }

    func testAnySplitInAnyOrderGivesTheSameBitsAsTheDefinition() {
        for draws in [1, 63, 64, 65, 200, 1000, 4097] {
            let data = values(rows: 22, draws: draws)   // 22 rows: the 16-, 4- and 1-row paths
            let expected = data.map(reference)
            XCTAssertEqual(sum(data, pieces: [0..<draws]), expected, "one piece, draws \(draws)")
            for (sizes, seed) in [([1], 1), ([7, 64, 3], 2), ([585], 3), ([100, 28, 300], 4)] as [([Int], UInt64)] {
                XCTAssertEqual(sum(data, pieces: pieces(draws: draws, sizes: sizes, seed: seed)), expected,
                               "draws \(draws), pieces \(sizes)")
            }
        }
    }

    func testTheGroupingIsNotTheNaiveSumYetAgreesWithIt() {
        let data = values(rows: 1, draws: 1000)
        let naive = data[0].reduce(0, +)
        let grouped = sum(data, pieces: [0..<1000])[0]
        XCTAssertNotEqual(grouped, naive)   // these values are chosen so that the order shows
        XCTAssertEqual(grouped, naive, accuracy: abs(naive) * 1e-14)
    }
}

private extension Array where Element == [Double] {
    func withUnsafeBufferPointers<R>(_ body: ([UnsafePointer<Double>]) -> R) -> R {
        let copies = map { row -> UnsafeMutablePointer<Double> in
            let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, row.count))
            p.initialize(from: row, count: row.count)
            return p
        }
        defer { copies.forEach { $0.deallocate() } }
        return body(copies.map { UnsafePointer($0) })
    }
}
