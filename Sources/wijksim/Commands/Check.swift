import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimRuleTesting

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate scenarios and plugins without a full run; report every problem found.",
        discussion: "A .lua file is read as a plugin and, where the project's data set lies beside its folder (plugins/ next to scenarios/data/NAME/), its step is run once on one lane of that data, so that reading an undeclared parameter or a missing field shows up; any other file is read as a scenario, which is also tried for one draw so that plugin errors at run time show up too.")

    @Argument(help: "Scenario (.yaml) and plugin (.lua) files.")
    var files: [String]

    func run() throws {
        var problems: [String] = []
        for file in files {
            let found = check(file)
            if found.isEmpty { print("\(DisplayPath.of(file)): ok") }
            problems += found
        }
        if !problems.isEmpty {
            for problem in problems { ExitStatus.printError(problem) }
            print("\(problems.count) problem\(problems.count == 1 ? "" : "s") found")
            throw CommandFailure(status: ExitStatus.badInput)
        }
    }

    func check(_ file: String) -> [String] {
        do {
            if file.hasSuffix(".lua") {
                let folder = (file as NSString).deletingLastPathComponent
                let descriptor = try PluginCatalog(path: [folder.isEmpty ? "." : folder]).read(file: file)
                guard let data = ProjectData.folder(besidePlugins: folder) else { return [] }
                let city = try CityDataLoader.load(indicators: data + "/indicators.csv", wijken: data + "/wijken.csv")
                let failures = try RuleTestRunner(pluginPath: [folder.isEmpty ? "." : folder]).dryRun(descriptor, city: city)
                return failures.map {
                    "\(DisplayPath.of(file)): step failed in a dry run on one lane (\(city.wijken[0]) from \(DisplayPath.of(data)), year 2023): \($0)"
                }
            }
            let loaded = try ScenarioLoader.load(file)
            let plan = Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins, draws: 1)
            _ = try Engine.run(plan, threads: 1)
            return []
        } catch let error as BadInput {
            return error.diagnostics.map(\.description)
        } catch let error as RunFailure {
            return ["\(DisplayPath.of(file)): a trial run with one draw failed:\n\(error.message)"]
        } catch {
            return ["\(DisplayPath.of(file)): \(error)"]
        }
    }
}
