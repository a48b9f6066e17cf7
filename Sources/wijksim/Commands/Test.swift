import ArgumentParser
import Foundation
import WijkSimModel
import WijkSimRuleTesting

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule-test cases (YAML) against the plugins; last line: N passed, N failed.")

    @Argument(help: "Test files or folders (default: plugins/tests).")
    var paths: [String] = []

    @Option(name: .customLong("plugins"), help: "The plugin folder.")
    var pluginFolder: String = "plugins"

    func run() throws {
        let files = try RuleTestRunner.files(in: paths.isEmpty ? ["plugins/tests"] : paths)
        let runner = RuleTestRunner(pluginPath: [pluginFolder])
        var passed = 0, failed = 0, invalid = false
        for file in files {
            do {
                let tests = try RuleTestParser.parse(file)
                for outcome in try runner.run(tests) {
                    if outcome.passed { passed += 1; continue }
                    failed += 1
                    print("FAIL \(outcome.testCase.location): \(outcome.testCase.name)")
                    for line in outcome.failures { print("  \(line)") }
                }
            } catch let error as BadInput {
                invalid = true
                ExitStatus.printError(error.description)
            }
        }
        print("\(passed) passed, \(failed) failed")
        if invalid { throw CommandFailure(status: ExitStatus.badInput) }
        if failed > 0 { throw CommandFailure(status: ExitStatus.runFailure) }
    }
}
