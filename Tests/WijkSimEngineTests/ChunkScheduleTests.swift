@testable import WijkSimEngine
import XCTest

/// The chunks a run hands out: every block once, in order, the tail cut small.
final class ChunkScheduleTests: XCTestCase {
    func chunks(_ schedule: ChunkSchedule) -> [(first: Int, count: Int)] {
        (0..<schedule.count).map { schedule.chunk($0) }
    }

    func testChunksCoverEveryBlockOnceInOrder() {
        for (blocks, perChunk) in [(100_000, 1152), (10_000, 576), (1, 64), (1000, 1152), (3000, 1152), (5000, 100), (64, 64)] {
            let list = chunks(ChunkSchedule(blocks: blocks, perChunk: perChunk))
            var next = 0
            for chunk in list {
                XCTAssertEqual(chunk.first, next, "\(blocks) blocks by \(perChunk)")
                XCTAssertGreaterThan(chunk.count, 0)
                XCTAssertLessThanOrEqual(chunk.count, perChunk)
                next += chunk.count
            }
            XCTAssertEqual(next, blocks, "\(blocks) blocks by \(perChunk)")
        }
    }

    func testTheLastTwoChunksWorthAreQuartersOfWholeGroups() {
        let list = chunks(ChunkSchedule(blocks: 100_000, perChunk: 1152))
        // 84 full chunks (96,768 blocks), then 3,232 blocks in quarters of 256 (4 groups of 64)
        XCTAssertEqual(list.filter { $0.count == 1152 }.count, 84)
        XCTAssertEqual(list.count, 84 + 13)
        XCTAssertEqual(list[84].first, 96_768)
        XCTAssertTrue(list.dropFirst(84).dropLast().allSatisfy { $0.count == 256 })
        XCTAssertEqual(list.last!.count, 3232 - 12 * 256)
        // chunks not of whole groups, or asked for by size: no split
        XCTAssertEqual(chunks(ChunkSchedule(blocks: 5000, perChunk: 100)).count, 50)
        XCTAssertEqual(chunks(ChunkSchedule(blocks: 100_000, perChunk: 1152, splitTail: false)).count, 87)
    }
}
