import ArgumentParser
import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimServer
import WijkSimWhatIf

/// `wijksim serve` (CONTRACT §13): a local what-if page for one scenario
/// and its baseline. A program of its own (`wijksim-serve`), which
/// `wijksim serve` starts: the HTTP server framework then costs build time
/// only to those who build the server, not to every `swift run wijksim`.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wijksim serve",
        abstract: "Serve a what-if page for a scenario: sliders re-run the simulation (Ctrl-C stops).",
        discussion: "GET / is the page, GET /api/scenario the scenario as JSON, POST /api/run runs it with {\"params\": {\"INSTANCE.PARAM\": number}, \"draws\": N}. Only this machine can reach it unless --host says otherwise.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "The port (0: any free port; the URL printed says which).")
    var port: Int = 8042

    @Option(help: "The address to listen on. Anything but a loopback address (127.x.x.x, localhost, ::1) makes the page reachable from the network.")
    var host: String = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Draws of a run when a request does not say (default: the scenario's; at most \(WhatIfSession.maxDraws)).")
    var draws: Int?

    func validate() throws {
        if let draws, !(1...WhatIfSession.maxDraws).contains(draws) {
            throw ValidationError("--draws must be from 1 to \(WhatIfSession.maxDraws) for serve")
        }
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    func run() throws {
        // one run after another of the same size: keep their draw stores
        // (some 32 MiB each at 1,000 draws of a Groningen programme) for the
        // next request instead of paging them in anew
        LargeBuffer.keepFreed(upTo: 512 << 20)
        let loaded = try ScenarioLoader.load(scenario)
        let baseline = try loaded.scenario.baseline.map(ScenarioLoader.loadBaseline)
        let session = try WhatIfSession(
            scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins,
            baseline: baseline.map { WhatIfSession.Baseline(scenario: $0.scenario, city: $0.city, plugins: $0.plugins) },
            draws: draws)
        session.warmUp(runs: ProcessInfo.processInfo.activeProcessorCount)
        if !Serve.isLoopback(host) {
            FileHandle.standardError.write(Data("""
                warning: --host \(host) is not a loopback address: the page and its API are REACHABLE FROM THE NETWORK, \
                without a password, by anyone who can reach this machine on port \(port). Stop it with Ctrl-C \
                unless that is what you want.

                """.utf8))
        }
        let name = loaded.scenario.name
        let baselineName = baseline?.scenario.name
        let defaultDraws = session.draws
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await WhatIfServer.run(session, host: host, port: port) { url in
                    let against = baselineName.map { ", measured against \($0)" } ?? ", without a baseline"
                    // unbuffered: a script that started the server reads the URL at once
                    FileHandle.standardOutput.write(Data("""
                        wijksim serve: \(name)\(against), \(defaultDraws) draws per run
                        Open \(url) in a browser (Ctrl-C stops the server).

                        """.utf8))
                }
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            throw RunFailure("the server at \(host):\(port) stopped: \(error)")
        }
        FileHandle.standardOutput.write(Data("wijksim serve: stopped.\n".utf8))
    }
}

/// The server task's error, handed to the waiting main thread.
private final class ServeOutcome: @unchecked Sendable {  // unchecked: set once before `done` is signalled, read after
    private(set) var error: Error?
    func set(_ error: Error) { self.error = error }
}
