import Foundation
import WijkSimLua
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// Every vector operator and `sim.*` function against its scalar formula,
/// lane by lane, for vector∘vector, vector∘number and number∘vector.
final class VectorOperationTests: XCTestCase {
    let a = Lanes.a, b = Lanes.b, c = Lanes.c, m = Lanes.m

    func zipped(_ x: [Double], _ y: [Double], _ f: (Double, Double) -> Double) -> [Double] { zip(x, y).map(f) }
    func zipped3(_ x: [Double], _ y: [Double], _ z: [Double], _ f: (Double, Double, Double) -> Double) -> [Double] {
        (0..<x.count).map { f(x[$0], y[$0], z[$0]) }
    }
    func constant(_ v: Double) -> [Double] { Array(repeating: v, count: 5) }

    func testAdditionOfVectorsAndNumbers() {
        assertEvaluates("A + B", zipped(a, b, +))
        assertEvaluates("A + 2.5", a.map { $0 + 2.5 })
        assertEvaluates("2.5 + A", a.map { 2.5 + $0 })
    }

    func testSubtractionOfVectorsAndNumbers() {
        assertEvaluates("A - B", zipped(a, b, -))
        assertEvaluates("A - 2.5", a.map { $0 - 2.5 })
        assertEvaluates("2.5 - A", a.map { 2.5 - $0 })
    }

    func testMultiplicationOfVectorsAndNumbers() {
        assertEvaluates("A * B", zipped(a, b, *))
        assertEvaluates("A * 3", a.map { $0 * 3 })
        assertEvaluates("3 * A", a.map { 3 * $0 })
    }

    func testDivisionOfVectorsAndNumbers() {
        assertEvaluates("A / B", zipped(a, b, /))
        assertEvaluates("A / 4", a.map { $0 / 4 })
        assertEvaluates("3 / B", b.map { 3 / $0 })
    }

    func testPowerOfVectorsAndNumbers() {
        assertEvaluates("C ^ B", zipped(c, b) { pow($0, $1) })
        assertEvaluates("A ^ 2", a.map { pow($0, 2) })
        assertEvaluates("2 ^ A", a.map { pow(2, $0) })
        assertEvaluates("C ^ 0.5", c.map { pow($0, 0.5) })
    }

    func testUnaryMinusOfVectorsAndExpressions() {
        assertEvaluates("-A", a.map { -$0 })
        assertEvaluates("-(A * B) + -C", (0..<5).map { -(a[$0] * b[$0]) + -c[$0] })
        assertEvaluates("-A - -2", a.map { -$0 + 2 })
    }

    func testOperatorPrecedenceAndMixedExpressions() {
        assertEvaluates("1 + A * 2 ^ 2 / C - B", (0..<5).map { 1 + a[$0] * 4 / c[$0] - b[$0] })
    }

    func testMinAndMax() {
        assertEvaluates("sim.min(A, B)", zipped(a, b) { Swift.min($0, $1) })
        assertEvaluates("sim.min(A, 0.5)", a.map { Swift.min($0, 0.5) })
        assertEvaluates("sim.min(0.5, A)", a.map { Swift.min(0.5, $0) })
        assertEvaluates("sim.max(A, B)", zipped(a, b) { Swift.max($0, $1) })
        assertEvaluates("sim.max(A, 0.5)", a.map { Swift.max($0, 0.5) })
        assertEvaluates("sim.max(0.5, A)", a.map { Swift.max(0.5, $0) })
    }

    func testClamp() {
        func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double { Swift.min(Swift.max(v, lo), hi) }
        assertEvaluates("sim.clamp(A, -1, 2)", a.map { clamp($0, -1, 2) })
        assertEvaluates("sim.clamp(A, -1, C)", zipped(a, c) { clamp($0, -1, $1) })
        assertEvaluates("sim.clamp(0.7, A, C)", zipped(a, c) { clamp(0.7, $0, $1) })
        assertEvaluates("sim.clamp(B, A, 3.5)", zipped(b, a) { clamp($0, $1, 3.5) })
    }

    func testAbsExpLogSqrt() {
        assertEvaluates("sim.abs(A)", a.map { Swift.abs($0) })
        assertEvaluates("sim.exp(A)", a.map { Foundation.exp($0) })
        assertEvaluates("sim.log(C)", c.map { Foundation.log($0) })
        assertEvaluates("sim.sqrt(C)", c.map { $0.squareRoot() })
        assertEvaluates("sim.exp(sim.log(C))", c, tolerance: 1e-14)
    }

    func testWhereWithZeroOneVector() {
        assertEvaluates("sim.where(M, A, B)", zipped3(m, a, b) { $0 != 0 ? $1 : $2 })
        assertEvaluates("sim.where(M, A, 9)", zipped(m, a) { $0 != 0 ? $1 : 9 })
        assertEvaluates("sim.where(M, 7, B)", zipped(m, b) { $0 != 0 ? 7 : $1 })
        assertEvaluates("sim.where(M, 7, 9)", m.map { $0 != 0 ? 7 : 9 })
        // any non-zero counts as true
        assertEvaluates("sim.where(A, 1, 2)", a.map { $0 != 0 ? 1 : 2 })
        assertEvaluates("sim.where(1, A, B)", a)
        assertEvaluates("sim.where(0, A, B)", b)
    }

    func testComparisonsGiveOneOrZeroPerLane() {
        func flag(_ v: Bool) -> Double { v ? 1 : 0 }
        assertEvaluates("sim.gt(A, B)", zipped(a, b) { flag($0 > $1) })
        assertEvaluates("sim.ge(A, B)", zipped(a, b) { flag($0 >= $1) })
        assertEvaluates("sim.lt(A, B)", zipped(a, b) { flag($0 < $1) })
        assertEvaluates("sim.le(A, B)", zipped(a, b) { flag($0 <= $1) })
        assertEvaluates("sim.gt(A, 0)", a.map { flag($0 > 0) })
        assertEvaluates("sim.ge(A, 0)", a.map { flag($0 >= 0) })
        assertEvaluates("sim.lt(A, 0)", a.map { flag($0 < 0) })
        assertEvaluates("sim.le(A, 0)", a.map { flag($0 <= 0) })
        assertEvaluates("sim.gt(0, A)", a.map { flag(0 > $0) })
        assertEvaluates("sim.ge(0, A)", a.map { flag(0 >= $0) })
        assertEvaluates("sim.lt(0, A)", a.map { flag(0 < $0) })
        assertEvaluates("sim.le(0, A)", a.map { flag(0 <= $0) })
    }

    func testRampWithNumberAndVectorLength() {
        func ramp(_ v: Double, _ n: Double) -> Double { Swift.min(Swift.max((v + 1) / n, 0), 1) }
        assertEvaluates("sim.ramp(A, 3)", a.map { ramp($0, 3) })
        assertEvaluates("sim.ramp(A, C)", zipped(a, c, ramp))
        assertEvaluates("sim.ramp(1, C)", c.map { ramp(1, $0) })
        // the contract's own example: since = t − from, ramp over 3 years
        assertEvaluates("sim.ramp(A * 0 - 1, 3)", constant(0))
        assertEvaluates("sim.ramp(A * 0 + 1, 4)", constant(0.5))
    }

    func testSimFunctionsOnNumbersOnlyReturnNumbers() {
        let cases: [(String, Double)] = [
            ("sim.min(3, -1)", -1), ("sim.max(3, -1)", 3), ("sim.clamp(5, 0, 2)", 2),
            ("sim.clamp(-5, 0, 2)", 0), ("sim.clamp(1.5, 0, 2)", 1.5), ("sim.abs(-2.5)", 2.5),
            ("sim.exp(1)", Foundation.exp(1)), ("sim.log(10)", Foundation.log(10)), ("sim.sqrt(9)", 3),
            ("sim.where(0, 1, 2)", 2), ("sim.where(3, 1, 2)", 1),
            ("sim.gt(2, 1)", 1), ("sim.ge(1, 1)", 1), ("sim.lt(2, 1)", 0), ("sim.le(2, 2)", 1),
            ("sim.ramp(1, 4)", 0.5), ("sim.ramp(-3, 4)", 0), ("sim.ramp(10, 4)", 1),
        ]
        for (expression, value) in cases {
            let checked = "(function(v) if type(v) ~= \"number\" then error(\"not a number: \" .. type(v)) end return v end)(\(expression))"
            assertEvaluates(checked, constant(value))
        }
    }

    func testVectorResultsAreNotNumbers() {
        assertEvaluates("type(A + 1) == \"number\" and 1 or 0", constant(0))
        assertEvaluates("type(sim.min(A, 1)) == \"number\" and 1 or 0", constant(0))
        assertEvaluates("type(ctx.x.a) == \"number\" and 1 or 0", constant(0))
    }

    func testLengthOfVectorIsLaneCount() throws {
        assertEvaluates("#A", constant(5))
        assertEvaluates("#(A + 1)", constant(5))
        assertEvaluates("#sim.normal()", constant(5))
        let wide = LuaStepHarness(lanes: 12, wijkCount: 3)
        assertLanes(try evaluate("#A", harness: wide), Array(repeating: 12, count: 12), "#A over 12 lanes")
    }

    func testNumberAddedToVectorLanes() throws {
        // ctx:add with a plain number adds it in every lane
        assertEvaluates("2.5", constant(2.5))
    }
}
