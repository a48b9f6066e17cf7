import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimReport

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and print its summary; with --out, write the result files.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "Write trajectories.csv, gaps.csv, costs.csv, funding.csv, variants.csv and scenario.json into this folder.")
    var out: String?

    @Option(help: "Monte Carlo draws (overrides the scenario's draws).")
    var draws: Int?

    @Option(help: "Random seed (overrides the scenario's seed).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    func validate() throws {
        if let draws, draws < 1 { throw ValidationError("--draws must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let loaded = try ScenarioLoader.load(scenario)
        let folder = try out.map(OutputFolder.init)
        do {
            let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: draws, seed: seed)
            let start = Date()
            let progress = ProgressLine()
            let results = try Engine.run(plan, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                         progress: progress.update)
            progress.clear()
            let seconds = Date().timeIntervalSince(start)
            if let folder {
                try ResultFiles.write(results, to: folder.files)
                try folder.commit()
            }
            print(SummaryTable.text(results, seconds: seconds), terminator: "")
            if let folder { print("\nWrote \(DisplayPath.of(folder.destination))/") }
        } catch {
            folder?.discard()
            throw error
        }
    }
}
