import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimLoad
import WijkSimModel
import WijkSimReport

/// `wijksim sensitivity` (CONTRACT §12): which uncertain parameter drives
/// which outcome, by Sobol' indices or Morris screening, all evaluations in
/// one engine run.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Rank which uncertain parameter drives which outcome (Sobol' indices or Morris screening).",
        discussion: "The factors are the scenario's distributed parameters. sobol: Saltelli's scheme on a Sobol' sequence, N(k+2) evaluations for k factors, first-order (S1) and total (ST) indices with 95% bootstrap intervals. morris: N trajectories on a 4-level grid, N(k+1) evaluations, mu*, sigma. Every evaluation uses draw 0's random numbers.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "sobol or morris.")
    var method: String

    @Option(parsing: .unconditional, help: "N: base samples (sobol, default 1024) or trajectories (morris, default 100).")
    var samples: Int?

    @Option(parsing: .unconditional, help: "The year whose values are analysed (default years.to).")
    var year: Int?

    @Flag(help: "Analyse each wijk's gap to the city (+ = worse than the city) instead of its value; the city's rows are then 0.")
    var gap = false

    @Option(help: ArgumentHelp(
        "Write sensitivity.csv and report.html into this folder.",
        discussion: "A new or empty folder, or one holding an earlier wijksim output (replaced; files you added are kept). Any other folder is refused."))
    var out: String?

    @Option(parsing: .unconditional, help: "Random seed (overrides the scenario's seed): draw 0's random numbers, the Morris trajectories and the bootstrap.")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads (all cores unless given).")
    var threads: Int?

    func validate() throws {
        guard SensitivityMethod(rawValue: method) != nil else {
            throw ValidationError("--method must be sobol or morris, found \"\(method)\"\(NearestName.suggestion(for: method, among: SensitivityMethod.allCases.map(\.rawValue)))")
        }
        if let samples, samples < 2 { throw ValidationError("--samples must be at least 2") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let method = SensitivityMethod(rawValue: method)!
        let loaded = try ScenarioLoader.load(scenario)
        let base = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: 1, seed: seed)
        let location = SourceLocation(file: scenario)
        let year = self.year ?? base.lastYear
        guard base.scenario.years.contains(year) else {
            throw BadInput("--year \(year) is outside the scenario's years \(base.firstYear)–\(base.lastYear)", at: location)
        }
        let factors = SensitivityDesign.factors(of: base)
        guard !factors.isEmpty else {
            throw BadInput("the scenario has no distributed parameters (a parameter given as {dist: …}): there is nothing whose uncertainty could drive the outcome", at: location)
        }
        if method == .sobol, 2 * factors.count > SobolSequence.maxDimensions {
            throw BadInput("sobol handles at most \(SobolSequence.maxDimensions / 2) factors, the scenario has \(factors.count); use --method morris to screen them", at: location)
        }
        let n = samples ?? method.defaultSamples
        let perSample = method == .sobol ? factors.count + 2 : factors.count + 1
        let (evaluations, overflow) = n.multipliedReportingOverflow(by: perSample)
        guard !overflow, evaluations <= ScenarioLimits.maxDraws,
              !evaluations.multipliedReportingOverflow(by: max(1, base.wijkCount)).overflow else {
            throw BadInput("--samples \(n) makes more evaluations than a run can hold", at: location)
        }
        if method == .sobol, n + 1 >= 1 << 32 { throw BadInput("--samples \(n) is more than the Sobol' sequence holds", at: location) }
        let folder = try out.map { try OutputFolder($0, command: "sensitivity") }
        do {
            let design = method == .sobol
                ? SensitivityDesign.sobol(factors: factors, samples: n, seed: base.seed)
                : SensitivityDesign.morris(factors: factors, trajectories: n, seed: base.seed)
            let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
            let results = try Sensitivity.run(design, base: base, year: year, gaps: gap, threads: threads)
            var outcome: OutputFolder.Outcome?
            if let folder {
                try folder.write("sensitivity.csv", SensitivityReport.csv(results))
                try folder.write("report.html", SensitivityReport.html(results))
                outcome = try folder.commit()
            }
            print(SensitivityReport.terminal(results), terminator: "")
            if let folder, let outcome { print(OutputNotice.text(folder, outcome), terminator: "") }
        } catch {
            folder?.discard()
            throw error
        }
    }
}
