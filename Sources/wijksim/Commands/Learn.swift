import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimLoad
import WijkSimModel
import WijkSimReport

struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Update the scenario's uncertain parameters from observations and write a scenario that uses them.",
        discussion: "Likelihood weighting of the scenario's draws (normal measurement error with each observation's sd). Writes posterior.csv, samples.csv, scenario.yaml (extends the original, samples: samples.csv) and report.html. Warns, with the draws that would help, when few draws carry the weight.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "observed.csv: wijk,indicator,year,value[,sd] (wijk may be city).")
    var observed: String

    @Option(help: ArgumentHelp("Write posterior.csv, samples.csv, scenario.yaml and report.html into this folder.",
                               discussion: "A new or empty folder, or one holding an earlier wijksim output (replaced; files you added are kept)."))
    var out: String

    @OptionGroup var options: SimulationOptions

    func run() throws {
        let loaded = try ScenarioLoader.load(scenario)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: options.draws, seed: options.seed)
        let observations = try ObservedLoader.load(observed, city: loaded.city, years: loaded.scenario.years)
        guard plan.instances.contains(where: { $0.params.contains(where: \.isUncertain) }) else {
            throw BadInput("the scenario has no distributed parameter to learn; give a parameter a distribution ({dist: …}) first",
                           at: SourceLocation(file: scenario))
        }
        let folder = try OutputFolder(out, command: "learn")
        do {
            let progress = ProgressLine()
            let learning = try Learning.run(plan, observations: observations, threads: options.workerThreads, progress: progress.update)
            progress.clear()
            let parallel = options.workerThreads > 1
            let report = Background(inParallel: parallel) { HTMLReport.learn(learning) }
            try folder.write("posterior.csv", LearnOutput.posterior(learning))
            try folder.write("samples.csv", LearnOutput.samples(learning))
            // the baseline gets the posterior of the parameters it shares, so that the plan's effect stays paired
            var learnedBaseline: String?
            if let choice = loaded.scenario.baseline, let base = try? ScenarioLoader.load(choice.file) {
                let shared = Set(learning.parameters.map(\.column).filter { column in
                    let name = String(column.prefix { $0 != "@" })
                    let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let instance = base.scenario.instances.first(where: { $0.name == parts[0] }) else { return false }
                    return base.plugins[instance.plugin]?.param(parts[1]) != nil
                        && !base.scenario.sweep.contains { $0.instance == parts[0] && $0.param == parts[1] }
                })
                if !shared.isEmpty {
                    try folder.write("baseline.yaml", LearnOutput.baselineYAML(name: base.scenario.name, baselineFile: choice.file,
                                                                                       pluginPath: base.scenario.pluginPath, folder: folder.destination))
                    try folder.write("baseline-samples.csv", LearnOutput.samples(learning, only: shared))
                    learnedBaseline = "baseline.yaml"
                }
            }
            try folder.write("scenario.yaml", LearnOutput.scenarioYAML(learning, original: loaded.scenario.file,
                                                                       folder: folder.destination, observed: observed,
                                                                       baseline: learnedBaseline))
            try folder.write("report.html", report.value)
            let outcome = try folder.commit()
            print(LearnOutput.terminal(learning), terminator: "")
            if learning.isLow {
                FileHandle.standardError.write(Data("warning: only \(FixedPointText.one(learning.effectiveDraws)) effective draws of \(plan.draws); rerun with --draws \(learning.drawsNeeded) for about \(Int(Learning.wantedEffectiveDraws))\n".utf8))
            }
            print(OutputNotice.text(folder, outcome), terminator: "")
            print("Next: wijksim run \(DisplayPath.of(folder.destination))/scenario.yaml projects forward with what the observations taught.")
        } catch {
            folder.discard()
            throw error
        }
    }
}

enum FixedPointText {
    static func one(_ value: Double) -> String { String(format: "%.1f", value) }
}
