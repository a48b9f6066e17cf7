import Foundation

/// Wall-clock seconds per phase of a command, for `--timings`: tells an
/// analyst or a CI job whether a slow run is spent loading, simulating or
/// writing, without a profiler.
struct PhaseClock {
    let enabled: Bool
    private var last = DispatchTime.now().uptimeNanoseconds
    private let first = DispatchTime.now().uptimeNanoseconds
    private var laps: [(String, Double)] = []

    init(enabled: Bool) { self.enabled = enabled }

    mutating func lap(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((phase, Double(now - last) / 1e9))
        last = now
    }

    func report() {
        guard enabled else { return }
        let total = Double(DispatchTime.now().uptimeNanoseconds - first) / 1e9
        let lines = (laps + [("total", total)]).map {
            $0.0.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%8.4f s", $0.1)
        }
        FileHandle.standardError.write(("timings:\n" + lines.joined(separator: "\n") + "\n").data(using: .utf8)!)
    }
}
