import ArgumentParser
import Foundation
import WijkSimLoad

/// The options every command that simulates shares (`run`, `compare`,
/// `explain`): draws, seed and threads, checked once.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Monte Carlo draws (overrides the scenario's draws).")
    var draws: Int?

    @Option(help: "Random seed (overrides the scenario's seed).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    func validate() throws {
        if let draws, draws < 1 { throw ValidationError("--draws must be at least 1") }
        if let draws, draws > ScenarioLimits.maxDraws {
            throw ValidationError("--draws \(draws) is more than the \(ScenarioLimits.maxDraws) a run can hold")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    var workerThreads: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
