import WijkSimModel

/// One scenario of a comparison: its own results and, per variant and
/// cell, its paired difference from the reference.
package struct ComparedScenario: Sendable {
    package let results: Results
    /// `differences[variant][cell]`, cells indexed as in `Results`.
    package let differences: [[DifferenceStatistics]]

    package var name: String { results.plan.scenario.name }

    package func difference(variant: Int, wijk: Int, indicator: Int, yearIndex: Int) -> DifferenceStatistics {
        let plan = results.plan
        return differences[variant][(wijk * plan.indicatorCount + indicator) * plan.yearCount + yearIndex]
    }
}

/// Scenarios run with one seed and number of draws, so that draw d of each
/// shares its random numbers per (instance, parameter), and differences from
/// the reference (the first scenario's variant 0) are paired (CONTRACT §7).
package struct Comparison: Sendable {
    package let scenarios: [ComparedScenario]

    package var reference: ComparedScenario { scenarios[0] }

    /// Refuses plans that cannot be compared cell by cell.
    package static func checkCompatible(_ plans: [Plan], files: [String]) throws {
        var problems = DiagnosticList()
        let first = plans[0]
        for (plan, file) in zip(plans, files).dropFirst() {
            let location = SourceLocation(file: file)
            if plan.city.wijken != first.city.wijken {
                let missing = Set(first.city.wijken).symmetricDifference(plan.city.wijken).sorted()
                problems.add("other wijken than \(DisplayPath.of(files[0])): \(missing.isEmpty ? "same names in another order" : "differs in " + missing.joined(separator: ", ")); compared scenarios need the same wijken", at: location)
            }
            if plan.city.indicators.map(\.id) != first.city.indicators.map(\.id) {
                let differ = Set(first.city.indicators.map(\.id)).symmetricDifference(plan.city.indicators.map(\.id)).sorted()
                problems.add("other indicators than \(DisplayPath.of(files[0])): \(differ.isEmpty ? "same ids in another order" : "differs in " + differ.joined(separator: ", "))", at: location)
            }
            if plan.firstYear != first.firstYear || plan.lastYear != first.lastYear {
                problems.add("years \(plan.firstYear)–\(plan.lastYear) differ from \(DisplayPath.of(files[0]))'s \(first.firstYear)–\(first.lastYear)", at: location)
            }
        }
        try problems.check()
    }

    /// Runs every plan (which must share seed and draws) paired with the first's variant 0.
    package static func run(_ plans: [Plan], threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Comparison {
        var referencePlan = plans[0]
        referencePlan.variants = 1
        let keep = Pairing(reference: nil, keepVariantZero: true, sign: Pairing.signs(referencePlan))
        guard let reference = try Engine.run(referencePlan, threads: threads, blocksPerChunk: nil, exactPercentiles: true,
                                             pairing: keep, progress: nil).kept else {
            throw RunFailure("the reference run kept no draws")
        }
        var scenarios: [ComparedScenario] = []
        for plan in plans {
            let pairing = Pairing(reference: reference, keepVariantZero: false, sign: Pairing.signs(plan))
            let run = try Engine.run(plan, threads: threads, blocksPerChunk: nil, exactPercentiles: true,
                                     pairing: pairing, progress: progress)
            scenarios.append(ComparedScenario(results: run.results, differences: run.differences))
        }
        return Comparison(scenarios: scenarios)
    }
}
