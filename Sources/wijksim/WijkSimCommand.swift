import ArgumentParser

/// The root command. `main` is written by hand (see `ExitStatus`) because
/// the contract wants exit 2 for bad input where argument-parser uses 64.
struct WijkSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wijksim",
        abstract: "Scenario simulator for neighbourhood renewal (wijkvernieuwing).",
        discussion: "Simulates wijk indicators year by year under interventions written as Lua plugins, over Monte Carlo draws and sweeps.",
        version: "0.1.0",
        subcommands: [Run.self, Compare.self, Explain.self, Monitor.self, Learn.self, SensitivityCommand.self, Serve.self, Test.self, Check.self, Plugins.self, NewPlugin.self, DataCommand.self]
    )
}
