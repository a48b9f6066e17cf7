import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// The files of CONTRACT §5 as text, computed from `Results` only.
package enum ResultFiles {
    package static let version = WijkSimVersion.current

    /// With `threads` > 1 the files are made and written on that many
    /// threads at once (a sweep's trajectories alone are millions of rows;
    /// creating a file costs a fraction of a millisecond on its own). The
    /// error of the first file in order is the one thrown.
    package static func write(_ results: Results, to folder: FolderWriter, threads: Int = 1) throws {
        precondition(results.keepsPercentiles, "the files need the percentiles: a run that keeps them")
        let makers: [(String, @Sendable () throws -> [UInt8])] = [
            ("gaps.csv", { Array(gaps(results).utf8) }),
            ("costs.csv", { Array(costs(results).utf8) }),
            ("funding.csv", { Array(funding(results).utf8) }),
            ("variants.csv", { Array(variants(results).utf8) }),
            ("scenario.json", { Array(try ScenarioJSON.text(results.plan, version: version).utf8) }),
        ]
        let writers: [@Sendable () throws -> Void] = [{ try writeTrajectories(results, to: folder, threads: threads) }]
            + makers.map { name, make in { try folder.write(name, bytes: make()) } }
        let outcomes = Outcomes(count: writers.count)
        let make = { @Sendable (k: Int) in outcomes.set(k, Result { try writers[k]() }) }
        if threads > 1 {
            DispatchQueue.concurrentPerform(iterations: writers.count, execute: make)
        } else {
            for k in writers.indices { make(k) }
        }
        try outcomes.check()
    }

    package static func trajectories(_ results: Results) -> String {
        var csv = CSVText(header: trajectoryHeader)
        TrajectoryRows(results).append(0..<results.plan.variants, to: &csv)
        return csv.text
    }

    static let trajectoryHeader = ["variant", "wijk", "indicator", "year", "mean", "p05", "p50", "p95"]

    /// trajectories.csv in pieces of variants, made on `threads` threads a
    /// round of pieces at a time into buffers kept from round to round, and
    /// written in order: a sweep's file is 670 MB, and made whole on one
    /// thread it was 160,000 fresh pages and most of the time `run` spent
    /// writing files. The bytes are the same. `pieceBytes`: about how much
    /// text a piece holds (tests make it small).
    package static func writeTrajectories(_ results: Results, to folder: FolderWriter, threads: Int,
                                          pieceBytes: Int = 4 << 20) throws {
        let plan = results.plan, rows = TrajectoryRows(results)
        let perPiece = max(1, pieceBytes / max(1, rows.perVariant * 100))
        let pieces = (plan.variants + perPiece - 1) / perPiece
        let slots = (0..<max(1, min(threads, pieces))).map { _ in PieceBuffer(capacity: min(plan.variants, perPiece) * rows.perVariant * 110) }
        try folder.write("trajectories.csv") { emit in
            try CSVText(header: trajectoryHeader).withBytes(emit)
            for first in stride(from: 0, to: pieces, by: slots.count) {
                let round = min(slots.count, pieces - first)
                let make = { @Sendable (k: Int) in
                    let lower = (first + k) * perPiece
                    slots[k].csv.clear()
                    rows.append(lower..<min(plan.variants, lower + perPiece), to: &slots[k].csv)
                }
                if round > 1 {
                    DispatchQueue.concurrentPerform(iterations: round, execute: make)
                } else {
                    make(0)
                }
                for k in 0..<round { try slots[k].csv.withBytes(emit) }
            }
        }
    }

    package static func gaps(_ results: Results) -> String {
        let plan = results.plan
        // extra columns (CONTRACT §5 allows them): the end-year gap over the
        // draws, and the share of draws in which it is closed
        var csv = CSVText(header: ["variant", "wijk", "indicator", "gap_start", "gap_end", "closed_share", "year_closed",
                                   "gap_end_p05", "gap_end_p95", "p_closed_end"])
        for variant in 0..<plan.variants {
            for (i, indicator) in plan.city.indicators.enumerated() {
                for (w, name) in plan.city.wijken.enumerated() {
                    let g = results.gapSummary(variant: variant, wijk: w, indicator: i)
                    let draws = results.endGap(variant: variant, wijk: w, indicator: i)
                    csv.append([String(variant), name, indicator.id, g.start.csv, g.end.csv, g.closedShare.csv,
                                g.yearClosed.map(String.init) ?? "",
                                draws.map(\.p05).csv, draws.map(\.p95).csv, draws.map(\.closedShare).csv])
                }
            }
        }
        return csv.text
    }

    package static func costs(_ results: Results) -> String {
        let plan = results.plan
        var csv = CSVText(header: ["variant", "intervention", "funding", "year", "mean"])
        for variant in 0..<plan.variants {
            for (k, instance) in plan.instances.enumerated() where instance.kind == .intervention {
                let funding = instance.funding.map { plan.scenario.funding[$0].name } ?? ""
                for step in 0..<plan.stepCount {
                    csv.append([String(variant), instance.name, funding, String(plan.firstYear + step),
                                results.cost(variant: variant, instance: k, step: step).csv])
                }
            }
        }
        return csv.text
    }

    package static func funding(_ results: Results) -> String {
        var csv = CSVText(header: ["variant", "funding", "budget", "spent", "spent_outside", "overspent"])
        for variant in 0..<results.plan.variants {
            for f in results.fundingSummary(variant: variant) {
                csv.append([String(variant), f.funding.name, f.funding.budget.csv, f.spent.csv, f.spentOutside.csv,
                            f.overspent ? "true" : "false"])
            }
        }
        return csv.text
    }

    package static func variants(_ results: Results) -> String {
        let scenario = results.plan.scenario
        var csv = CSVText(header: ["variant"] + scenario.sweep.map(\.key))
        for variant in 0..<results.plan.variants {
            csv.append([String(variant)] + scenario.sweepValues(ofVariant: variant).map(\.csv))
        }
        return csv.text
    }
}

/// The rows of trajectories.csv, variant by variant. A sweep's file has
/// millions of rows: the text cells of a row are quoted once, not per row,
/// and the numbers appended as they are made.
private struct TrajectoryRows: Sendable {
    let results: Results
    let names: [String], ids: [String]

    init(_ results: Results) {
        self.results = results
        names = (results.plan.city.wijken + ["city"]).map { CSVText.quote($0) + "," }
        ids = results.plan.city.indicators.map { CSVText.quote($0.id) }
    }

    var perVariant: Int { names.count * ids.count * results.plan.yearCount }

    func append(_ variants: Range<Int>, to csv: inout CSVText) {
        let plan = results.plan
        for variant in variants {
            let head = String(variant) + ","
            for (i, id) in ids.enumerated() {
                for y in 0..<plan.yearCount {
                    let tail = id + "," + String(plan.firstYear + y) + ","
                    for (w, name) in names.enumerated() {
                        let s = results.cell(variant: variant, wijk: w, indicator: i, yearIndex: y)
                        csv.appendRaw(head)
                        csv.appendRaw(name)
                        csv.appendRaw(tail)
                        csv.appendNumbers(s.mean, s.p05, s.p50, s.p95)
                    }
                }
            }
        }
    }
}

/// One thread's buffer for a piece of a file, kept from piece to piece.
private final class PieceBuffer: @unchecked Sendable {  // unchecked: each round, slot k is written by one thread, read after all are done
    var csv: CSVText
    init(capacity: Int) { csv = CSVText(capacity: capacity) }
}

/// The outcome of each file of `ResultFiles.write`, set from the threads
/// that write them.
private final class Outcomes: @unchecked Sendable {  // unchecked: `results` is only touched under `lock`
    private let lock = NSLock()
    private var results: [Result<Void, Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ k: Int, _ result: Result<Void, Error>) {
        lock.lock(); defer { lock.unlock() }
        results[k] = result
    }

    /// Throws the error of the first file in order.
    func check() throws {
        lock.lock(); defer { lock.unlock() }
        for result in results { try result?.get() }
    }
}
