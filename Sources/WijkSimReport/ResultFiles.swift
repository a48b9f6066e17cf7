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
            ("trajectories.csv", { trajectoryCSV(results).utf8 }),
            ("gaps.csv", { Array(gaps(results).utf8) }),
            ("costs.csv", { Array(costs(results).utf8) }),
            ("funding.csv", { Array(funding(results).utf8) }),
            ("variants.csv", { Array(variants(results).utf8) }),
            ("scenario.json", { Array(try ScenarioJSON.text(results.plan, version: version).utf8) }),
        ]
        let outcomes = Outcomes(count: makers.count)
        let make = { @Sendable (k: Int) in outcomes.set(k, Result { try folder.write(makers[k].0, bytes: makers[k].1()) }) }
        if threads > 1 {
            DispatchQueue.concurrentPerform(iterations: makers.count, execute: make)
        } else {
            for k in makers.indices { make(k) }
        }
        try outcomes.check()
    }

    package static func trajectories(_ results: Results) -> String { trajectoryCSV(results).text }

    static func trajectoryCSV(_ results: Results) -> CSVText {
        let plan = results.plan
        let rows = plan.variants * plan.indicatorCount * plan.yearCount * (plan.wijkCount + 1)
        var csv = CSVText(header: ["variant", "wijk", "indicator", "year", "mean", "p05", "p50", "p95"],
                          capacity: rows * 110)
        // a sweep's file has millions of rows: the text cells of a row are
        // quoted once, not per row, and the numbers appended as they are made
        let names = (plan.city.wijken + ["city"]).map { CSVText.quote($0) + "," }
        let ids = plan.city.indicators.map { CSVText.quote($0.id) }
        for variant in 0..<plan.variants {
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
        return csv
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
