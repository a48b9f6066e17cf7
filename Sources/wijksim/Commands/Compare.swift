import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimLoad
import WijkSimModel
import WijkSimReport

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run scenarios with the same seed and draws and compare them with the first (paired draws).")

    @Argument(help: "Scenario files; the first is the reference.")
    var scenarios: [String]

    @Option(help: ArgumentHelp(
        "Write comparison.csv, comparison_costs.csv, report.html (the comparison to open in a browser) and, per scenario, a folder with its trajectories.csv, gaps.csv, costs.csv, funding.csv, variants.csv and scenario.json here.",
        discussion: "A new or empty folder, or one holding an earlier wijksim output (replaced; files you added are kept). Any other folder is refused."))
    var out: String?

    @Option(help: "The language of the summary: nl (Dutch, as the report) or en.")
    var lang: TerminalLanguage = .nl

    /// --draws and --seed apply to every scenario; by default the first scenario's.
    @OptionGroup var options: SimulationOptions

    func validate() throws {
        if scenarios.count < 2 { throw ValidationError("compare needs at least two scenarios") }
    }

    func run() throws {
        // the output folder is inspected on another core while the scenarios
        // load; their problems are still reported first
        let inspection = out.map { out in Background(inParallel: options.workerThreads > 1) { Result { try OutputFolder.inspect(out) } } }
        var problems = DiagnosticList()
        var loaded: [LoadedScenario] = []
        for file in scenarios {
            do { loaded.append(try ScenarioLoader.load(file)) } catch let error as BadInput { problems.add(error) }
        }
        try problems.check()
        let first = loaded[0].scenario
        let plans = loaded.map {
            Plan(scenario: $0.scenario, city: $0.city, plugins: $0.plugins, draws: options.draws ?? first.draws, seed: options.seed ?? first.seed)
        }
        try Comparison.checkCompatible(plans, files: scenarios)
        let folder = try inspection.map { try OutputFolder($0.value.get(), command: "compare") }
        var outcome: OutputFolder.Outcome?
        do {
            let progress = ProgressLine()
            let comparison = try Comparison.run(plans, threads: options.workerThreads,
                                                progress: progress.update)
            progress.clear()
            if let folder {
                // each alternative's interventions and streams left out in turn, for the ranking of what a point costs
                var ranking: [(String, CostEffectiveness)] = []
                for plan in plans.dropFirst() where plan.instances.contains(where: { $0.kind == .intervention }) {
                    ranking.append((plan.scenario.name, try CostEffectiveness.measure(plan, threads: options.workerThreads)))
                }
                try ComparisonFiles.write(comparison, stems: ComparisonFiles.stems(scenarios), to: folder)
                for (k, stem) in ComparisonFiles.stems(scenarios).enumerated().dropFirst() {
                    if let e = ranking.first(where: { $0.0 == plans[k].scenario.name })?.1 {
                        try folder.subfolder(stem).write("effectiveness.csv", EffectivenessFiles.csv(e, plan: plans[k]))
                    }
                }
                try folder.write("report.html", HTMLReport.compare(comparison, effectiveness: ranking))
                outcome = try folder.commit()
            }
            print(ComparisonTable.text(comparison, language: lang), terminator: "")
            if let folder, let outcome { print(OutputNotice.text(folder, outcome, language: lang), terminator: "") }
        } catch {
            folder?.discard()
            throw error
        }
    }
}
