import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimLoad
import WijkSimModel
import WijkSimReport

struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Set observed values against the scenario's predicted band (p05–p95).",
        discussion: "Prints the observations outside the band first, per wijk. Being outside is news, not an error: the exit status is 0.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "observed.csv: wijk,indicator,year,value[,sd] (wijk may be city).")
    var observed: String

    @Option(help: ArgumentHelp("Write monitor.csv and report.html (the fan charts with the observations) into this folder.",
                               discussion: "A new or empty folder, or one holding an earlier wijksim output (replaced; files you added are kept)."))
    var out: String?

    @Option(parsing: .unconditional, help: "The variant of a sweep to monitor (default 0).")
    var variant: Int = 0

    @OptionGroup var options: SimulationOptions

    func run() throws {
        let loaded = try ScenarioLoader.load(scenario)
        let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: options.draws, seed: options.seed)
        guard variant >= 0, variant < plan.variants else {
            throw BadInput("--variant \(variant): the scenario has variant\(plan.variants == 1 ? " 0 only" : "s 0 to \(plan.variants - 1)")")
        }
        let observations = try ObservedLoader.load(observed, city: loaded.city, years: loaded.scenario.years)
        let folder = try out.map { try OutputFolder($0, command: "monitor") }
        do {
            let progress = ProgressLine()
            let monitoring = try Monitoring.run(plan, variant: variant, observations: observations,
                                                threads: options.workerThreads, progress: progress.update)
            progress.clear()
            var outcome: OutputFolder.Outcome?
            if let folder {
                try folder.write("monitor.csv", MonitorOutput.csv(monitoring))
                try folder.write("report.html", HTMLReport.monitor(monitoring))
                outcome = try folder.commit()
            }
            print(MonitorOutput.terminal(monitoring), terminator: "")
            if let folder, let outcome { print(OutputNotice.text(folder, outcome), terminator: "") }
        } catch {
            folder?.discard()
            throw error
        }
    }
}
