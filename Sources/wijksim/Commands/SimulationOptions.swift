import ArgumentParser
import Foundation
import WijkSimLoad

/// The options every command that simulates shares (`run`, `compare`,
/// `explain`): draws, seed and threads, checked once.
struct SimulationOptions: ParsableArguments {
    // `.unconditional`: `--draws -5` is a value to refuse with a reason, not a missing one
    @Option(parsing: .unconditional, help: "Monte Carlo draws (overrides the scenario's draws).")
    var draws: Int?

    @Option(parsing: .unconditional, help: "Random seed (overrides the scenario's seed).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads (all cores unless given).")
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
