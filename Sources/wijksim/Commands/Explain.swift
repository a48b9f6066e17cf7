import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimLoad
import WijkSimModel
import WijkSimReport

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show each rule's and intervention's contribution to one wijk's indicator, year by year.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "The wijk (a name from wijken.csv).")
    var wijk: String

    @Option(help: "The indicator id.")
    var indicator: String

    @Option(help: "The sweep variant (0-based).")
    var variant: Int = 0

    @Option(help: "Also write the contributions as CSV (instance,year,contribution) to this file (a file of yours is never overwritten; an earlier explain output is replaced).")
    var out: String?

    @OptionGroup var options: SimulationOptions

    func validate() throws {
        if variant < 0 { throw ValidationError("--variant must be 0 or more") }
    }

    func run() throws {
        let loaded = try ScenarioLoader.load(scenario)
        var plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: options.draws, seed: options.seed)
        let location = SourceLocation(file: scenario)
        guard let w = plan.city.wijken.firstIndex(of: wijk) else {
            throw BadInput("--wijk: unknown wijk \"\(wijk)\"\(NearestName.suggestion(for: wijk, among: plan.city.wijken))", at: location)
        }
        guard let i = plan.city.indicatorIndex(indicator) else {
            throw BadInput("--indicator: unknown indicator \"\(indicator)\"\(NearestName.suggestion(for: indicator, among: plan.city.indicators.map(\.id)))", at: location)
        }
        guard variant < plan.variants else {
            throw BadInput("--variant \(variant): the scenario has \(plan.variants) variant\(plan.variants == 1 ? "" : "s") (0…\(plan.variants - 1))", at: location)
        }
        plan.trace = Plan.Trace(wijk: w, indicator: i)
        let results = try Engine.run(plan, threads: options.workerThreads)
        let explanation = Explanation(results, variant: variant)
        print(ExplanationText.table(explanation), terminator: "")
        if let out {
            let replaced = try OutputFiles.write([(out, ExplanationText.csv(explanation))], command: "explain")
            print(replaced.isEmpty ? "\nWrote \(DisplayPath.of(out))" : "\nreplaced the earlier explain output \(DisplayPath.of(out))")
        }
    }
}
