import Foundation
import WijkSimLua
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// `sim.normal()` and `sim.uniform()`: a fresh vector per call, reproducible
/// from (seed, instance, year, draw, wijk), independent of where a block sits.
final class RandomNumberTests: XCTestCase {
    struct Coordinates {
        var seed: UInt64 = 11
        var instanceKey: UInt64 = 22
        var year = 2024
        var draws: [Int] = [0, 1, 2]
        var wijkCount = 4
        var wijkKeys: [UInt64]? = nil
    }

    func sample(_ expression: String, _ c: Coordinates) throws -> [Double] {
        let h = LuaStepHarness(lanes: c.draws.count * c.wijkCount, wijkCount: c.wijkCount)
        h.seed = c.seed
        h.instanceKey = c.instanceKey
        h.year = c.year
        h.setDraws(c.draws)
        if let keys = c.wijkKeys { h.setWijkKeys(keys) }
        return try evaluate(expression, harness: h)
    }

    func block(_ values: [Double], _ b: Int, _ w: Int) -> [Double] { Array(values[(b * w)..<((b + 1) * w)]) }

    func assertAllDifferent(_ x: [Double], _ y: [Double], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(x.count, y.count, label, file: file, line: line)
        for (i, (p, q)) in zip(x, y).enumerated() where p == q {
            XCTFail("\(label): lane \(i) equal (\(p))", file: file, line: line)
        }
    }

    func testSameCoordinatesGiveSameNumbers() throws {
        for function in ["sim.uniform()", "sim.normal()"] {
            let first = try sample(function, Coordinates())
            let second = try sample(function, Coordinates())
            XCTAssertEqual(first, second, function)
            XCTAssertEqual(Set(first).count, first.count, "\(function): every lane its own number")
        }
    }

    func testSameDrawGivesSameNumbersWhateverTheBlock() throws {
        let c = Coordinates(draws: [5, 9, 5, 2])
        for function in ["sim.uniform()", "sim.normal()"] {
            let v = try sample(function, c)
            XCTAssertEqual(block(v, 0, 4), block(v, 2, 4), "\(function): draw 5 in blocks 0 and 2")
            assertAllDifferent(block(v, 0, 4), block(v, 1, 4), "\(function): draws 5 and 9")
            assertAllDifferent(block(v, 0, 4), block(v, 3, 4), "\(function): draws 5 and 2")
            // another chunking of the same draws: a chunk holding only draw 9
            let alone = try sample(function, Coordinates(draws: [9]))
            XCTAssertEqual(alone, block(v, 1, 4), "\(function): draw 9 alone")
        }
    }

    func testAnotherWijkKeyGivesOtherNumbersAndTheSameKeyTheSame() throws {
        let keys: [UInt64] = [100, 200, 300, 400]
        let v = try sample("sim.uniform()", Coordinates(draws: [0], wijkKeys: keys))
        // a wijk's numbers follow its key, not its position
        let shuffled = try sample("sim.uniform()", Coordinates(draws: [0], wijkKeys: [300, 400, 100, 200]))
        XCTAssertEqual(shuffled, [v[2], v[3], v[0], v[1]])
        let other = try sample("sim.uniform()", Coordinates(draws: [0], wijkKeys: [101, 201, 301, 401]))
        assertAllDifferent(v, other, "other wijk keys")
    }

    func testSeedInstanceAndYearChangeTheNumbers() throws {
        let base = try sample("sim.uniform()", Coordinates())
        assertAllDifferent(base, try sample("sim.uniform()", Coordinates(seed: 12)), "seed")
        assertAllDifferent(base, try sample("sim.uniform()", Coordinates(instanceKey: 23)), "instance")
        assertAllDifferent(base, try sample("sim.uniform()", Coordinates(year: 2025)), "year")
    }

    func testEachCallInAStepGivesAFreshVector() throws {
        let v = try sample("sim.uniform() - sim.uniform()", Coordinates())
        XCTAssertTrue(v.allSatisfy { $0 != 0 }, "two calls gave equal lanes: \(v)")
        let n = try sample("sim.normal() - sim.normal()", Coordinates())
        XCTAssertTrue(n.allSatisfy { $0 != 0 }, "two calls gave equal lanes: \(n)")
        // ...but the sequence restarts each step, so a step is reproducible
        let again = try sample("sim.uniform() - sim.uniform()", Coordinates())
        XCTAssertEqual(v, again)
    }

    func testTheSameStepTwiceInOneHostRepeatsItsNumbers() throws {
        let h = LuaStepHarness(lanes: 8, wijkCount: 4)
        let plugin = try h.load("rnd", PluginSource.make("rnd", body: "    ctx:add(\"out\", sim.uniform() + 10 * sim.normal())"))
        let first = try h.run(plugin).adds["out"]!
        let second = try h.run(plugin).adds["out"]!
        XCTAssertEqual(first, second)
    }

    func testUniformIsInsideTheOpenUnitInterval() throws {
        let c = Coordinates(draws: Array(0..<5000), wijkCount: 4)
        let u = try sample("sim.uniform()", c)
        XCTAssertEqual(u.count, 20000)
        XCTAssertTrue(u.allSatisfy { $0 > 0 && $0 < 1 }, "uniform outside (0, 1)")
        let mean = u.reduce(0, +) / Double(u.count)
        let variance = u.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(u.count - 1)
        XCTAssertEqual(mean, 0.5, accuracy: 0.01)
        XCTAssertEqual(variance, 1.0 / 12, accuracy: 0.003)
        // no lane bunching: each tenth of (0, 1) holds about a tenth of the lanes
        var bins = Array(repeating: 0, count: 10)
        for x in u { bins[Swift.min(Int(x * 10), 9)] += 1 }
        for (i, count) in bins.enumerated() {
            XCTAssertEqual(Double(count), 2000, accuracy: 200, "bin \(i)")
        }
    }

    func testNormalHasMeanZeroAndSdOne() throws {
        let c = Coordinates(draws: Array(0..<5000), wijkCount: 4)
        let z = try sample("sim.normal()", c)
        XCTAssertEqual(z.count, 20000)
        XCTAssertTrue(z.allSatisfy { $0.isFinite })
        let mean = z.reduce(0, +) / Double(z.count)
        let sd = (z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(z.count - 1)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(sd, 1, accuracy: 0.03)
        let belowMinusOne = Double(z.filter { $0 < -1 }.count) / Double(z.count)
        XCTAssertEqual(belowMinusOne, 0.158655, accuracy: 0.01)
    }

    func testRandomVectorsMixWithOtherVectors() throws {
        let h = LuaStepHarness()
        h.setX("a", Lanes.a)
        let u = try evaluate("sim.uniform()", harness: h)
        let h2 = LuaStepHarness()
        h2.setX("a", Lanes.a)
        let v = try evaluate("ctx.x.a + 2 * sim.uniform()", harness: h2)
        assertLanes(v, zip(Lanes.a, u).map { $0 + 2 * $1 }, "a + 2u")
    }
}
