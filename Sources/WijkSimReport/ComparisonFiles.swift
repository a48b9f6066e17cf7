import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// `comparison.csv` and `comparison_costs.csv` (CONTRACT §7) and the
/// per-scenario folders of a comparison's output.
package enum ComparisonFiles {
    package static func write(_ comparison: Comparison, stems: [String], to folder: OutputFolder) throws {
        try folder.write("comparison.csv", differences(comparison))
        try folder.write("comparison_costs.csv", costs(comparison))
        for (scenario, stem) in zip(comparison.scenarios, stems) {
            try ResultFiles.write(scenario.results, to: folder.subfolder(stem))
        }
    }

    /// Folder names from the scenario files' stems, made unique with _2, _3 …
    package static func stems(_ files: [String]) -> [String] {
        var taken = Set<String>()
        return files.map { file in
            let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            var stem = base, n = 1
            while taken.contains(stem) { n += 1; stem = "\(base)_\(n)" }
            taken.insert(stem)
            return stem
        }
    }

    package static func differences(_ comparison: Comparison) -> String {
        var csv = CSVText(header: ["scenario", "variant", "wijk", "indicator", "year", "mean", "diff_mean", "diff_p05", "diff_p95", "p_better"])
        for scenario in comparison.scenarios {
            let plan = scenario.results.plan
            let names = plan.city.wijken + ["city"]
            for variant in 0..<plan.variants {
                for (i, indicator) in plan.city.indicators.enumerated() {
                    for y in 0..<plan.yearCount {
                        for (w, wijk) in names.enumerated() {
                            let value = scenario.results.cell(variant: variant, wijk: w, indicator: i, yearIndex: y)
                            let d = scenario.difference(variant: variant, wijk: w, indicator: i, yearIndex: y)
                            csv.append([scenario.name, String(variant), wijk, indicator.id, String(plan.firstYear + y),
                                        value.mean.csv, d.mean.csv, d.p05.csv, d.p95.csv, d.pBetter.csv])
                        }
                    }
                }
            }
        }
        return csv.text
    }

    package static func costs(_ comparison: Comparison) -> String {
        var csv = CSVText(header: ["scenario", "variant", "funding", "total_mean", "budget", "overspent"])
        for scenario in comparison.scenarios {
            let results = scenario.results
            for variant in 0..<results.plan.variants {
                for f in results.fundingSummary(variant: variant) {
                    csv.append([scenario.name, String(variant), f.funding.name, f.spent.csv, f.funding.budget.csv,
                                f.overspent ? "true" : "false"])
                }
                if let unfunded = results.unfundedSpend(variant: variant) {
                    csv.append([scenario.name, String(variant), "", unfunded.csv, "", "false"])
                }
            }
        }
        return csv.text
    }
}
