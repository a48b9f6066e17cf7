@testable import WijkSimEngine
import XCTest

/// A variant is complete once every draw is both summed and counted, and
/// exactly one call may say so: the Aggregator finishes the variant on it.
final class VariantSumsTests: XCTestCase {
    private func output(draws: Int, cells: Int) -> ChunkOutput {
        let output = ChunkOutput(capacityBlocks: draws, cells: cells, costCells: 1)
        output.blocks = draws
        for k in 0..<(draws * cells) { output.values[k] = Double(k % 97) / 8 }
        for d in 0..<draws { output.costs[d] = Double(d) }
        return output
    }

    /// A sketched pilot can be counted (by the worker that completes it)
    /// before another pilot piece commits its sums: the commit that comes
    /// last completes the variant, not the count.
    func testTheVariantCompletesOnTheLastOfSumsAndCountsAndOnlyOnce() {
        let sums = VariantSums(draws: 128, cells: 2, costCells: 1)
        let chunk = output(draws: 128, cells: 2)
        let first = sums.prepare(chunk, offset: 0, firstDraw: 0, count: 64)
        XCTAssertFalse(sums.commit(first, chunk, offset: 0, firstDraw: 0, count: 64, counted: 0))
        XCTAssertFalse(sums.count(128), "draws 64..<128 are not summed yet")
        let second = sums.prepare(chunk, offset: 64, firstDraw: 64, count: 64)
        XCTAssertTrue(sums.commit(second, chunk, offset: 64, firstDraw: 64, count: 64, counted: 0))
        XCTAssertFalse(sums.count(0), "complete once")
        XCTAssertEqual(sums.meanCosts(), [Double((0..<128).reduce(0, +)) / 128])
    }

    func testPiecesSummedAndCountedTogetherCompleteWithTheLastPiece() {
        let sums = VariantSums(draws: 100, cells: 1, costCells: 1)
        let chunk = output(draws: 100, cells: 1)
        for (first, count) in [(64, 36), (0, 30), (30, 34)] {
            let run = sums.prepare(chunk, offset: first, firstDraw: first, count: count)
            XCTAssertEqual(sums.commit(run, chunk, offset: first, firstDraw: first, count: count, counted: count),
                           first == 30)
        }
    }
}
