import ArgumentParser
import Foundation
import WijkSimModel

/// `wijksim serve` starts the what-if server, `wijksim-serve`, a program of
/// its own beside this one (the same build and install put it there), and
/// hands it every argument: only those who serve the page pay for building
/// the HTTP framework.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a what-if page for a scenario: sliders re-run the simulation (Ctrl-C stops).",
        discussion: "Runs wijksim-serve, which must lie beside wijksim or on the PATH; `wijksim serve --help` shows its options (SCENARIO, --port, --host, --draws).")

    @Argument(parsing: .captureForPassthrough, help: "SCENARIO [--port P] [--host H] [--draws N]")
    var arguments: [String] = []

    func run() throws {
        guard let program = Serve.program() else {
            throw RunFailure("wijksim serve needs the program wijksim-serve beside wijksim or on the PATH; "
                + "`swift build -c release` builds both (install both: see the README)")
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        execv(program, argv)
        throw RunFailure("cannot start \(program): \(String(cString: strerror(errno)))")
    }

    static func program() -> String? {
        let fm = FileManager.default
        let own = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [own.deletingLastPathComponent().appendingPathComponent("wijksim-serve").path]
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(folder) + "/wijksim-serve")
        }
        return candidates.first { fm.isExecutableFile(atPath: $0) }
    }
}
