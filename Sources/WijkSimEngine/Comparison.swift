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
        let reference = try prepare(reference: plans[0], threads: threads, progress: progress)
        return try run(Array(plans.dropFirst()), against: reference, threads: threads, progress: progress)
    }

    /// The reference's part of a comparison: its kept draws and its own
    /// results. It depends on the reference plan only, so `serve`, which
    /// runs one plan after another against one baseline, makes it once.
    package static func prepare(reference plan: Plan, threads: Int,
                                progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> PreparedReference {
        var referencePlan = plan
        referencePlan.variants = 1
        let keep = Pairing(reference: nil, keepVariantZero: true, sign: Pairing.signs(referencePlan))
        let run = try Engine.run(referencePlan, threads: threads, blocksPerChunk: nil, method: .stored,
                                 pairing: keep, progress: nil)
        guard let kept = run.kept else { throw RunFailure("the reference run kept no draws") }
        let scenario = try compared(plan, with: kept, cells: nil, threads: threads, progress: progress)
        return PreparedReference(kept: kept, scenario: scenario, coupled: run.coupled)
    }

    /// `plans` paired with a prepared reference; the reference comes first
    /// in the comparison, as with `run(_:threads:progress:)`. Each plan must
    /// have the reference's seed, draws, wijken, indicators and years.
    /// With `kept` (a run of the same scenario with other settings,
    /// `runKeeping`), a plan's wijken that its changed interventions do not
    /// reach are taken from it (`UntouchedWijken.init(plan:kept:)`).
    package static func run(_ plans: [Plan], against reference: PreparedReference, kept: KeptRun? = nil, threads: Int,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Comparison {
        var scenarios = [reference.scenario]
        for plan in plans {
            scenarios.append(try compared(plan, with: reference.kept, cells: reference.scenario.results.cells(variant: 0),
                                          reference: reference, kept: kept, threads: threads, progress: progress))
        }
        return Comparison(scenarios: scenarios)
    }

    /// `plan` (one variant) paired with a prepared reference, as
    /// `run(_:against:threads:)` but simulated whole, with its draws and
    /// spends kept for later runs of the scenario with other settings.
    package static func runKeeping(_ plan: Plan, against reference: PreparedReference,
                                   threads: Int) throws -> (comparison: Comparison, kept: KeptRun) {
        precondition(plan.variants == 1)
        var keeping = plan
        let lanes = SpendLanes(draws: plan.draws), adds = AddLanes(draws: plan.draws)
        keeping.spendLanes = lanes
        keeping.addLanes = adds
        let pairing = Pairing(reference: reference.kept, keepVariantZero: true, sign: Pairing.signs(plan),
                              referenceCells: reference.scenario.results.cells(variant: 0))
        let run = try Engine.run(keeping, threads: threads, blocksPerChunk: nil, method: .stored, pairing: pairing, progress: nil)
        guard let draws = run.kept else { throw RunFailure("the kept run kept no draws") }
        let scenario = ComparedScenario(results: run.results, differences: run.differences)
        let kept = KeptRun(plan: plan, draws: draws, cells: run.results.cells(variant: 0), differences: run.differences[0],
                           spendLanes: lanes, addLanes: adds, independent: !run.coupled)
        return (Comparison(scenarios: [reference.scenario, scenario]), kept)
    }

    /// `plan` paired with the reference's draws. With a prepared reference
    /// (and its statistics, `cells`), the wijken no intervention reaches are
    /// not simulated when they can only be the reference's
    /// (`UntouchedWijken`); a run that turns out otherwise, or fails, is run
    /// again whole.
    static func compared(_ plan: Plan, with reference: DrawStore, cells: [CellStatistics]?, reference prepared: PreparedReference? = nil,
                         kept: KeptRun? = nil, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> ComparedScenario {
        var pairing = Pairing(reference: reference, keepVariantZero: false, sign: Pairing.signs(plan), referenceCells: cells)
        if let kept, kept.laysOutCells(as: plan) { pairing.kept = kept }
        if let cells, let prepared,
           let untouched = kept.flatMap({ UntouchedWijken(plan: plan, kept: $0) })
            ?? UntouchedWijken(plan: plan, reference: prepared.plan, draws: reference, referenceCoupled: prepared.coupled) {
            var partial = plan
            partial.untouched = untouched
            var partialPairing = pairing
            partialPairing.untouched = (0..<(plan.wijkCount + 1) * plan.indicatorCount * plan.yearCount).map {
                untouched.isUntouched(cell: $0, plan: plan)
            }
            partialPairing.untouchedStatistics = untouched.statistics(referenceCells: cells)
            if let run = try? Engine.run(partial, threads: threads, blocksPerChunk: nil, method: .stored,
                                         pairing: partialPairing, progress: progress), !run.coupled {
                return ComparedScenario(results: run.results, differences: run.differences)
            }
        }
        let run = try Engine.run(plan, threads: threads, blocksPerChunk: nil, method: .stored,
                                 pairing: pairing, progress: progress)
        return ComparedScenario(results: run.results, differences: run.differences)
    }
}

/// A comparison's reference, run once (`Comparison.prepare`): its draws,
/// kept for pairing, and its own results and differences (all zero).
package struct PreparedReference: Sendable {
    let kept: DrawStore
    package let scenario: ComparedScenario
    /// A step of the reference read `ctx.city` or a rule spent (`UntouchedWijken`).
    let coupled: Bool
    package var plan: Plan { scenario.results.plan }
}
