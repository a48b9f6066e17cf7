import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimLoad
import WijkSimModel
import WijkSimReport

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and print its summary; with --out, write the result files.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: ArgumentHelp(
        "Write trajectories.csv, gaps.csv, costs.csv, funding.csv, variants.csv, scenario.json, report.html (the report to open in a browser) and, with a baseline, comparison.csv into this folder.",
        discussion: "A new or empty folder, or one holding an earlier wijksim output (replaced; files you added are kept). Any other folder is refused."))
    var out: String?

    @OptionGroup var options: SimulationOptions

    @Option(help: "The language of the summary: nl (Dutch, as the report) or en.")
    var lang: TerminalLanguage = .nl

    var language: TerminalLanguage { lang }

    @Flag(help: "Print the seconds each phase took (load, simulate, files, report) to standard error.")
    var timings = false

    func run() throws {
        var clock = PhaseClock(enabled: timings)
        // a thread of the pool takes milliseconds to start on this kind of
        // machine: have it start while the scenario loads, not when the
        // engine needs it
        if options.workerThreads > 1 { DispatchQueue.global().async {} }
        // the output folder is inspected (its earlier output read back) on
        // that thread meanwhile; a scenario's problems are still reported first
        let inspection = out.map { out in Background(inParallel: options.workerThreads > 1) { Result { try OutputFolder.inspect(out) } } }
        let loaded = try ScenarioLoader.load(scenario)
        let baseline = try loaded.scenario.baseline.map(ScenarioLoader.loadBaseline)
        clock.lap("load")
        let folder = try inspection.map { try OutputFolder($0.value.get(), command: "run") }
        var outcome: OutputFolder.Outcome?
        do {
            let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: options.draws, seed: options.seed)
            let start = Date()
            let progress = ProgressLine()
            // with a baseline, both run as `compare BASELINE SCENARIO` runs them:
            // one seed, the same draws, paired
            let comparison = try baseline.map { base -> Comparison in
                let reference = Plan(scenario: base.scenario, city: base.city, plugins: base.plugins, draws: plan.draws, seed: plan.seed)
                try Comparison.checkCompatible([reference, plan], files: [base.scenario.file, scenario])
                return try Comparison.run([reference, plan], threads: options.workerThreads, progress: progress.update)
            }
            // without --out only the summary is shown, which reads means: a
            // sweep's percentiles are made but not kept (a quarter of the memory)
            let results = try comparison?.scenarios[1].results
                ?? Engine.run(plan, threads: options.workerThreads, keepPercentiles: folder != nil, progress: progress.update)
            // each intervention and funding stream left out in turn, for a plan
            // (a scenario with a baseline) written with --out: it runs the plan
            // once more per part, on at most the first `CostEffectiveness.maxDraws` draws
            let hasInterventions = plan.instances.contains { $0.kind == .intervention }
            let effectiveness = try folder != nil && hasInterventions && comparison != nil
                ? CostEffectiveness.measure(plan, threads: options.workerThreads) : nil
            progress.clear()
            let seconds = Date().timeIntervalSince(start)
            clock.lap("simulate")
            // with a second core, the report and the summary are made on it
            // while the CSV files are written
            let parallel = options.workerThreads > 1
            let summary = Background(inParallel: parallel) {
                (comparison.map { PlanEffectTable.text($0, language: language) } ?? PlanEffectTable.noBaseline(plan, language: language))
                    + SummaryTable.text(results, seconds: seconds, language: language)
                    + (effectiveness.map { EffectivenessFiles.text($0, plan: plan, language: language) } ?? "")
            }
            if let folder {
                let report = Background(inParallel: parallel) { HTMLReport.run(results, effect: comparison, effectiveness: effectiveness, parallel: parallel) }
                try ResultFiles.write(results, to: folder.files, threads: options.workerThreads)
                if let comparison { try folder.write("comparison.csv", ComparisonFiles.differences(comparison)) }
                if let effectiveness { try folder.write("effectiveness.csv", EffectivenessFiles.csv(effectiveness, plan: plan)) }
                clock.lap("files")
                try folder.write("report.html", report.value)
                clock.lap("report")
                outcome = try folder.commit()
            }
            print(summary.value, terminator: "")
            clock.lap("summary")
            clock.report()
            if let folder, let outcome { print(OutputNotice.text(folder, outcome, language: language), terminator: "") }
        } catch {
            folder?.discard()
            throw error
        }
    }
}

extension TerminalLanguage: ExpressibleByArgument {}
