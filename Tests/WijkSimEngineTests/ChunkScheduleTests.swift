@testable import WijkSimEngine
import WijkSimLoad
import WijkSimTestSupport
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

    /// With fewer than eight chunks, quarters would be most of them (and
    /// each costs every plugin a Lua call per year): a 1,000-draw run of 18
    /// wijken is three chunks, not two and twelve quarters.
    func testFewChunksAreNotCutIntoQuarters() {
        let list = chunks(ChunkSchedule(blocks: 1000, perChunk: 448))
        XCTAssertEqual(list.map(\.count), [448, 448, 104])
        XCTAssertEqual(chunks(ChunkSchedule(blocks: 8 * 448, perChunk: 448)).count, 6 + 2 * 7)
    }

    /// Half the plan's blocks, a multiple of 64 blocks, at most 8,192
    /// lanes: three chunks for a 1,000-draw run, the lane cap for large runs.
    func testChunksAreHalfTheBlocksUpToTheLaneCap() throws {
        let city = MiniCity()   // 3 wijken
        city.plugin("vast", MiniCity.constantPlugin("vast"))
        let file = city.scenario("chunks", "rules:\n  - plugin: vast\n", header: true)
        let loaded = try ScenarioLoader.load(file)
        func perChunk(draws: Int) -> Int {
            Engine.blocksPerChunk(for: Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: draws))
        }
        XCTAssertEqual(perChunk(draws: 1000), 448)     // 500 blocks, down to whole groups of 64
        XCTAssertEqual(perChunk(draws: 20_000), 2688)  // the cap: 8,192 lanes / 3 wijken = 2,730 blocks
        XCTAssertEqual(perChunk(draws: 100), 320)      // at least 1,024 lanes: 341 blocks
    }

    func testNoChunkSpansACut() {
        // the benchmark's sketch cuts (variant starts and pilot ends), and cuts at odd places
        for cuts in [[0, 4096], [4096, 100_000, 104_096], [1, 63, 5000, 5000, 199_999, 300_000]] {
            let schedule = ChunkSchedule(blocks: 200_000, perChunk: 1152, cuts: cuts)
            let list = chunks(schedule)
            XCTAssertEqual(list.count, schedule.count)
            var next = 0
            for chunk in list {
                XCTAssertEqual(chunk.first, next, "cuts \(cuts)")
                XCTAssertGreaterThan(chunk.count, 0)
                XCTAssertLessThanOrEqual(chunk.count, 1152)
                for cut in cuts where cut > chunk.first && cut < chunk.first + chunk.count {
                    XCTFail("chunk at \(chunk.first) of \(chunk.count) spans cut \(cut)")
                }
                next += chunk.count
            }
            XCTAssertEqual(next, 200_000)
        }
        // 4,096 pilot draws: three full chunks and one of 640, then full chunks again
        let list = chunks(ChunkSchedule(blocks: 100_000, perChunk: 1152, cuts: [0, 4096]))
        XCTAssertEqual(list.prefix(5).map(\.count), [1152, 1152, 1152, 640, 1152])
        XCTAssertEqual(list[4].first, 4096)
        // only the run's end is cut into quarters: after the cut 81 full chunks
        // (93,312 blocks), then 2,592 blocks in ten quarters of 256 and one of 32
        XCTAssertEqual(list.dropFirst(4).prefix(81).filter { $0.count == 1152 }.count, 81)
        XCTAssertEqual(list.dropFirst(85).map(\.count), Array(repeating: 256, count: 10) + [32])
    }
}
