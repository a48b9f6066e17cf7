import XCTest
@testable import WijkSimWhatIf

/// The kept answers: bounded by bytes, least recently used out first, a
/// failure not kept.
final class AnswerCacheTests: XCTestCase {
    struct Failed: Error {}

    func testTheLeastRecentlyUsedAnswerGoesFirstWhenTheBytesAreFull() throws {
        let cache = AnswerCache(capacityBytes: 10)
        for key in ["a", "b", "c"] { _ = try cache.answer(for: key) { [UInt8](repeating: 1, count: 3) } }
        XCTAssertNotNil(cache.lookup("a"))  // a is now the most recent
        _ = try cache.answer(for: "d") { [UInt8](repeating: 2, count: 3) }  // 12 bytes: b goes
        XCTAssertEqual(cache.count, 3)
        XCTAssertNil(cache.lookup("b"))
        XCTAssertEqual(cache.lookup("a"), [1, 1, 1])
        XCTAssertEqual(cache.lookup("d"), [2, 2, 2])
        _ = try cache.answer(for: "big") { [UInt8](repeating: 3, count: 11) }  // over the capacity: not kept
        XCTAssertNil(cache.lookup("big"))
        XCTAssertEqual(cache.count, 3)
    }

    func testAFailureIsNotKept() throws {
        let cache = AnswerCache(capacityBytes: 100)
        XCTAssertThrowsError(try cache.answer(for: "x") { throw Failed() })
        let made = try cache.answer(for: "x") { [7] }
        XCTAssertEqual(made.bytes, [7])
        XCTAssertFalse(made.cached)
        XCTAssertEqual(cache.misses, 2)
        XCTAssertTrue(try cache.answer(for: "x") { [8] }.cached)
    }
}
