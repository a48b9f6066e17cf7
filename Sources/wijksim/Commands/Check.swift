import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate scenarios and plugins without a full run; report every problem found.",
        discussion: "A .lua file is read as a plugin; any other file as a scenario, which is also tried for one draw so that plugin errors at run time show up too.")

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
                _ = try PluginCatalog(path: [folder.isEmpty ? "." : folder]).read(file: file)
                return []
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
