import CVectorMath
@testable import WijkSimEngine
import WijkSimLoad
import XCTest

/// A sweep's variants of a few draws take their means and percentiles in
/// one pass (`wjs_small_row_statistics`), straight from a chunk's rows where
/// a variant comes whole: the same bits as summing draw by draw and
/// selecting after `Selection`'s stable sort, whatever the chunking.
final class SmallRowStatisticsTests: EngineTestCase {
    /// Rows of every length 1...64: values on a lattice (many ties), a
    /// constant row, and rows where -0 and +0 both occur (a sort that is not
    /// stable could put either first); 37 rows, so that the last batch of
    /// eight is short; statistics written 3 apart.
    func testTheKernelGivesTheBitsOfTheStableSortAndTheDrawOrderSum() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let rows = 37, outStride = 3
        for n in 1...64 {
            var values = [Double](repeating: 0, count: rows * n)
            for r in 0..<rows {
                for d in 0..<n {
                    let v: Double = switch r % 4 {
                    case 0: Double(Int(next() % 7) - 3) * 0.25                      // lattice with ties at 0
                    case 1: next() % 2 == 0 ? -0.0 : (next() % 3 == 0 ? 0.0 : 1.5)  // -0 and +0
                    case 2: 4.2                                                      // constant
                    default: Double(next() % 1_000_003) / 997 - 300                   // spread
                    }
                    values[r * n + d] = v
                }
            }
            let expected = (0..<rows).map { r in
                values.withUnsafeBufferPointer { ExactTally.statistics(of: $0.baseAddress! + r * n, draws: n) }
            }
            for kernel in [wjs_small_row_statistics, wjs_small_row_statistics_portable] {
                var out = [Double](repeating: .nan, count: rows * outStride * 4)
                kernel(values, n, rows, n, &out, outStride * 4)
                for r in 0..<rows {
                    let e = expected[r], o = Array(out[(r * outStride * 4)..<(r * outStride * 4 + 4)])
                    XCTAssertEqual(o.map(\.bitPattern), [e.mean, e.p05, e.p50, e.p95].map(\.bitPattern), "n \(n), row \(r)")
                    // nothing written between rows
                    XCTAssertTrue(out[(r * outStride * 4 + 4)..<((r + 1) * outStride * 4)].allSatisfy(\.isNaN))
                }
            }
        }
        // the reference itself, by hand: 10 draws, p05 at rank 0.45, p50 at 4.5, p95 at 8.55
        let row: [Double] = [3, -1, 4, 1, -5, 9, 2, 6, 5, 3]
        let s = row.withUnsafeBufferPointer { ExactTally.statistics(of: $0.baseAddress!, draws: 10) }
        XCTAssertEqual(s.mean, 2.7, accuracy: 1e-15)
        XCTAssertEqual(s.p05, -5 + 0.45 * 4, accuracy: 1e-12)
        XCTAssertEqual(s.p50, 3, accuracy: 1e-15)
        XCTAssertEqual(s.p95, 6 + 0.55 * 3, accuracy: 1e-12)
    }

    /// A sweep of 10 draws a variant: chunks that hold whole variants take
    /// them straight from their rows; chunks of 7 blocks split every
    /// variant, whose draws go through the store; a sketch sums the means
    /// group by group (`DrawOrderSums`); a table of means only keeps them
    /// alone. All give the same bits.
    func testAFewDrawsGiveTheSameBitsWholeSplitOrSummed() throws {
        let file = normalEffectScenario("zwaai", draws: 10, more: """
              - {name: b, plugin: effect, wijken: [Noord]}
            sweep:
              b.delta: [-1.5, -0.5, 0, 0.5, 1.5, 2.5, -2.5, 3]
            """)
        let whole = try run(file, threads: 2)
        XCTAssertEqual(whole.plan.variants, 8)
        XCTAssertTrue(whole.exactPercentiles)
        XCTAssertNotEqual(whole.cells(variant: 0), whole.cells(variant: 4))
        for (threads, chunk) in [(1, nil), (3, nil), (1, 7), (2, 7), (2, 64), (2, 3)] as [(Int, Int?)] {
            let other = try run(file, threads: threads, blocksPerChunk: chunk)
            let label = "\(threads) threads, chunks of \(chunk.map(String.init) ?? "the engine's choice")"
            XCTAssertEqual(other.trajectories, whole.trajectories, label)
            XCTAssertEqual(other.endGaps, whole.endGaps, label)
            XCTAssertEqual(other.costs, whole.costs, label)
        }
        // a run that keeps only the means (the terminal summary's): the same means, no percentiles
        let loaded = try ScenarioLoader.load(file)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: nil, seed: nil)
        for threads in [1, 2] {
            let means = try Engine.run(plan, threads: threads, keepPercentiles: false)
            XCTAssertTrue(whole.keepsPercentiles)
            XCTAssertFalse(means.keepsPercentiles)
            XCTAssertEqual(means.trajectories.map { $0.map(\.mean) }, whole.trajectories.map { $0.map(\.mean) })
            XCTAssertTrue(means.trajectories.joined().allSatisfy { $0.p05.isNaN && $0.p50.isNaN && $0.p95.isNaN })
            XCTAssertEqual(means.endGaps, whole.endGaps)
            XCTAssertEqual(means.costs, whole.costs)
        }
        for chunk in [3, 7] {
            let split = try Engine.run(plan, threads: 2, blocksPerChunk: chunk, keepPercentiles: false)
            XCTAssertEqual(split.trajectories.map { $0.map(\.mean) }, whole.trajectories.map { $0.map(\.mean) }, "chunks of \(chunk)")
        }
        let summed = try run(file, threads: 2, exactPercentiles: false)
        XCTAssertFalse(summed.exactPercentiles)
        XCTAssertEqual(summed.trajectories.map { $0.map(\.mean) }, whole.trajectories.map { $0.map(\.mean) })
        XCTAssertEqual(summed.costs, whole.costs)
    }

    /// A table of means only (`run` without `--out`) keeps the means of
    /// every path: a pilot's windows, the sketch, and every draw stored.
    func testATableOfMeansKeepsTheMeansOfEveryPercentileMethod() throws {
        let file = normalEffectScenario("veel", draws: 5000)
        let loaded = try ScenarioLoader.load(file)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: nil, seed: nil)
        let full = try Engine.run(plan, threads: 2)
        for method in [PercentileMethod.windowed(margin: QuantileWindows.margin), .sketched, .stored] {
            let means = try Engine.run(plan, threads: 2, percentiles: method, keepPercentiles: false)
            XCTAssertFalse(means.keepsPercentiles)
            XCTAssertEqual(means.trajectories.map { $0.map(\.mean) }, full.trajectories.map { $0.map(\.mean) }, "\(method)")
            XCTAssertTrue(means.cells(variant: 0).allSatisfy { $0.p50.isNaN }, "\(method)")
            XCTAssertEqual(means.costs, full.costs, "\(method)")
        }
    }
}
