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

    @Option(help: "Write trajectories.csv, gaps.csv, costs.csv, funding.csv, variants.csv and scenario.json into this folder.")
    var out: String?

    @OptionGroup var options: SimulationOptions

    @Flag(help: "Print the seconds each phase took (load, simulate, files, report) to standard error.")
    var timings = false

    func run() throws {
        var clock = PhaseClock(enabled: timings)
        // a thread of the pool takes milliseconds to start on this kind of
        // machine: have it start while the scenario loads, not when the
        // engine needs it
        if options.workerThreads > 1 { DispatchQueue.global().async {} }
        let loaded = try ScenarioLoader.load(scenario)
        clock.lap("load")
        let folder = try out.map { try OutputFolder($0, command: "run") }
        var outcome: OutputFolder.Outcome?
        do {
            let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: options.draws, seed: options.seed)
            let start = Date()
            let progress = ProgressLine()
            let results = try Engine.run(plan, threads: options.workerThreads,
                                         progress: progress.update)
            progress.clear()
            let seconds = Date().timeIntervalSince(start)
            clock.lap("simulate")
            // with a second core, the report and the summary are made on it
            // while the CSV files are written
            let parallel = options.workerThreads > 1
            let summary = Background(inParallel: parallel) { SummaryTable.text(results, seconds: seconds) }
            if let folder {
                let report = Background(inParallel: parallel) { HTMLReport.run(results) }
                try ResultFiles.write(results, to: folder.files, threads: options.workerThreads)
                clock.lap("files")
                try folder.write("report.html", report.value)
                clock.lap("report")
                outcome = try folder.commit()
            }
            print(summary.value, terminator: "")
            clock.lap("summary")
            clock.report()
            if let folder, let outcome { print(OutputNotice.text(folder, outcome), terminator: "") }
        } catch {
            folder?.discard()
            throw error
        }
    }
}
