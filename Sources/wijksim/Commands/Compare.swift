import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimReport

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scenarios with the same seed and draws and compare them with the first (paired draws).")

    @Argument(help: "Scenario files; the first is the reference.")
    var scenarios: [String]

    @Option(help: "Write comparison.csv, comparison_costs.csv and each scenario's files (in a folder per scenario) here.")
    var out: String?

    @Option(help: "Monte Carlo draws for every scenario (default: the first scenario's).")
    var draws: Int?

    @Option(help: "Random seed for every scenario (default: the first scenario's).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    func validate() throws {
        if scenarios.count < 2 { throw ValidationError("compare needs at least two scenarios") }
        if let draws, draws < 1 { throw ValidationError("--draws must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        var problems = DiagnosticList()
        var loaded: [LoadedScenario] = []
        for file in scenarios {
            do { loaded.append(try ScenarioLoader.load(file)) } catch let error as BadInput { problems.add(error) }
        }
        try problems.check()
        let first = loaded[0].scenario
        let plans = loaded.map {
            Plan(scenario: $0.scenario, city: $0.city, plugins: $0.plugins, draws: draws ?? first.draws, seed: seed ?? first.seed)
        }
        try Comparison.checkCompatible(plans, files: scenarios)
        let folder = try out.map(OutputFolder.init)
        do {
            let progress = ProgressLine()
            let comparison = try Comparison.run(plans, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                                progress: progress.update)
            progress.clear()
            if let folder {
                try ComparisonFiles.write(comparison, stems: ComparisonFiles.stems(scenarios), to: folder)
                try folder.commit()
            }
            print(ComparisonTable.text(comparison), terminator: "")
            if let folder { print("\nWrote \(DisplayPath.of(folder.destination))/") }
        } catch {
            folder?.discard()
            throw error
        }
    }
}
