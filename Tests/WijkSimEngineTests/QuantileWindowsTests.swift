import CVectorMath
@testable import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// Exact percentiles from windows around a pilot's (`QuantileWindows`) are
/// the bits of every draw stored, whatever the threads and the chunking,
/// and a window that misses a rank makes the run again with every draw
/// stored rather than a wrong number.
final class QuantileWindowsTests: EngineTestCase {
    /// Ties at the indicator's floor (Zuid starts at 5 and loses about a
    /// point a year) and, in the second plugin, values on a lattice (±1 a
    /// year), where whole windows hold one value.
    private func scenarios() -> [String] {
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("munt", """
            return {id = "munt", writes = {"meedoen"},
              params = {u = {default = 0.5, min = 0, max = 1}},
              step = function(ctx, p) ctx:add("meedoen", sim.where(sim.gt(p.u, 0.5), 1, -1)) end}
            """)
        return [
            normalEffectScenario("glad", draws: 9000),
            city.scenario("rooster", """
                draws: 9000
                rules: [{plugin: munt, params: {u: {dist: uniform, low: 0, high: 1, per_wijk: true}}}]
                interventions: [{plugin: effect, params: {delta: {dist: uniform, low: -2, high: 1}}}]
                """),
        ]
    }

    private func assertSame(_ a: Results, _ b: Results, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(a.exactPercentiles && b.exactPercentiles, message, file: file, line: line)
        XCTAssertEqual(a.trajectories, b.trajectories, message, file: file, line: line)
        XCTAssertEqual(a.endGaps, b.endGaps, message, file: file, line: line)
        XCTAssertEqual(a.costs, b.costs, message, file: file, line: line)
    }

    func testWindowsGiveTheBitsOfEveryDrawStored() throws {
        for file in scenarios() {
            let stored = try run(file, threads: 2, exactPercentiles: true)
            let cells = stored.trajectories[0].count
            // what a run of this size gets when nothing is asked
            XCTAssertEqual(Aggregator.method(draws: 9000, cells: cells), .windowed(margin: QuantileWindows.margin))
            XCTAssertEqual(Aggregator.method(draws: 4096, cells: cells), .stored)
            assertSame(try run(file, threads: 2), stored, "default, 2 threads")
            let windows = PercentileMethod.windowed(margin: QuantileWindows.margin)
            assertSame(try run(file, threads: 1, percentiles: windows), stored, "1 thread")
            assertSame(try run(file, threads: 3, percentiles: windows), stored, "3 threads")
            assertSame(try run(file, threads: 2, blocksPerChunk: 333, percentiles: windows), stored, "chunks of 333")
            assertSame(try run(file, threads: 2, blocksPerChunk: 640, percentiles: windows), stored, "chunks of 640")
        }
    }

    /// A sweep's variants each have their own pilot and windows; chunks
    /// that cross from one variant into the next are cut at both.
    func testEveryVariantOfASweepGetsItsOwnWindows() throws {
        let file = normalEffectScenario("zwaai", draws: 5000, more: """
              - {name: b, plugin: effect, wijken: [Noord]}
            sweep:
              b.delta: [-0.5, 0.5, 1.5]
            """)
        let stored = try run(file, threads: 2, exactPercentiles: true)
        XCTAssertEqual(stored.plan.variants, 3)
        XCTAssertNotEqual(stored.trajectories[0], stored.trajectories[2])
        assertSame(try run(file, threads: 2), stored, "default, 2 threads")
        assertSame(try run(file, threads: 1, blocksPerChunk: 448), stored, "1 thread, chunks of 448")
    }

    /// Windows of no margin at all miss ranks (`testANarrowWindowSaysItMissed`):
    /// the engine then runs the plan again with every draw stored.
    func testAWindowThatMissesARankRunsAgainWithEveryDrawStored() throws {
        for file in scenarios() {
            let stored = try run(file, threads: 2, exactPercentiles: true)
            assertSame(try run(file, threads: 2, percentiles: .windowed(margin: 0)), stored, "margin 0")
        }
    }

    /// Values `0 ..< n` in a scrambled order (a fixed permutation: 7919 is prime to n).
    private func scrambled(_ n: Int, scale: Double = 1, offset: Double = 0) -> [Double] {
        (0..<n).map { Double(($0 * 7919) % n) * scale + offset }
    }

    /// Counts `values` in pieces from two workers into windows made from
    /// their first `pilot`, as a `PilotTally` does.
    private func windows(_ values: [[Double]], pilot: Int, margin: Double) -> QuantileWindows {
        let n = values[0].count
        let rows = values.flatMap { $0 }
        return rows.withUnsafeBufferPointer { rows in
            let base = rows.baseAddress!
            let made = QuantileWindows(cells: values.count, pilot: { base + $0 * n }, count: pilot, draws: n, workers: 2,
                                       margin: margin)
            for cell in values.indices {
                var start = 0, worker = 0
                while start < n {
                    let count = min(1000, n - start)
                    made.add(worker: worker, cell: cell, base + cell * n + start, count: count)
                    start += count
                    worker = 1 - worker
                }
            }
            return made
        }
    }

    private func selected(_ row: [Double]) -> (p05: Double, p50: Double, p95: Double) {
        var copy = row
        return copy.withUnsafeMutableBufferPointer { Selection.percentiles($0.baseAddress!, count: $0.count) }
    }

    func testWindowsSelectWhatEveryValueWouldAcrossTiesAndConstantCells() throws {
        let n = 20000
        let smooth = scrambled(n, scale: 0.001, offset: -3)
        // 30 % of the values exactly 0 (a floor), the rest spread above it
        let floored = smooth.map { $0 < 3 ? 0 : $0 }
        let constant = [Double](repeating: 2.5, count: n)
        // eleven levels only: the windows of p50 holds one value
        let lattice = scrambled(n).map { Double(Int($0) % 11) }
        let rows = [smooth, floored, constant, lattice]
        let made = windows(rows, pilot: 2048, margin: QuantileWindows.margin)
        for (cell, row) in rows.enumerated() {
            let p = try XCTUnwrap(made.percentiles(cell, total: n), "cell \(cell)")
            let q = selected(row)
            XCTAssertEqual(p.p05, q.p05, "cell \(cell)")
            XCTAssertEqual(p.p50, q.p50, "cell \(cell)")
            XCTAssertEqual(p.p95, q.p95, "cell \(cell)")
            XCTAssertEqual(made.countAtMostZero(cell), row.filter { $0 <= 0 }.count)
        }
        XCTAssertEqual(made.percentiles(2, total: n).map { [$0.p05, $0.p50, $0.p95] }, [2.5, 2.5, 2.5])
    }

    /// The kernel a machine without AVX-512 runs counts and keeps what the
    /// AVX-512 one does (on this machine the dispatch takes the latter;
    /// where it takes the former, both calls run the same code).
    func testBothWindowKernelsCountAndKeepTheSameValues() {
        let values = scrambled(1003, scale: 0.01, offset: -2) + [0, 0, 0, 1.5, 1.5]
        let windows = [
            wjs_windows(lo: (-.infinity, 1.5, 5), hi: (-1.5, 1.5, .infinity), count: 3, keep: (1, 0, 1)),
            wjs_windows(lo: (-0.5, .infinity, .infinity), hi: (0.5, -.infinity, -.infinity), count: 1, keep: (1, 0, 0)),
        ]
        for w in windows {
            for n in [0, 1, 7, 8, 9, values.count] {
                var window = w
                var a = wjs_window_counts(below: (0, 0, 0), inside: (0, 0, 0), at_most_zero: 0, minimum: .infinity, maximum: -.infinity)
                var b = a
                var keptA = [Double](repeating: .nan, count: n + 8), keptB = keptA
                let na = wjs_window_tally(values, n, &window, &a, &keptA)
                let nb = wjs_window_tally_portable(values, n, &window, &b, &keptB)
                XCTAssertEqual(na, nb, "n \(n)")
                XCTAssertEqual(Array(keptA.prefix(na)), Array(keptB.prefix(nb)), "n \(n)")
                XCTAssertEqual([a.below.0, a.below.1, a.below.2, a.inside.0, a.inside.1, a.inside.2, a.at_most_zero],
                               [b.below.0, b.below.1, b.below.2, b.inside.0, b.inside.1, b.inside.2, b.at_most_zero], "n \(n)")
                XCTAssertEqual(a.minimum, b.minimum)
                XCTAssertEqual(a.maximum, b.maximum)
                // and what they count is what the windows say
                let head = values.prefix(n)
                XCTAssertEqual(a.below.0, head.filter { $0 < w.lo.0 }.count)
                XCTAssertEqual(a.inside.0, head.filter { $0 >= w.lo.0 && $0 <= w.hi.0 }.count)
                XCTAssertEqual(a.at_most_zero, head.filter { $0 <= 0 }.count)
            }
        }
    }

    func testANarrowWindowSaysItMissed() {
        let n = 20000
        // the pilot (the first 2,048) lies low; the rest lies high: the
        // median of all lies far above the pilot's
        let row = scrambled(2048) + scrambled(n - 2048, offset: 10000)
        let wide = windows([row], pilot: 2048, margin: QuantileWindows.margin)
        XCTAssertNil(wide.percentiles(0, total: n))
        // fewer values counted than asked for: not told either
        let first = Array(scrambled(n).prefix(5000))
        let partial = windows([first], pilot: 2048, margin: QuantileWindows.margin)
        XCTAssertNil(partial.percentiles(0, total: n))
        XCTAssertEqual(partial.percentiles(0, total: 5000).map { [$0.p05, $0.p50, $0.p95] },
                       [selected(first).p05, selected(first).p50, selected(first).p95])
    }
}
