import Foundation
import WijkSimModel

/// Watches every running `step` from a thread of its own. The count hook
/// stops Lua code that runs too long, but not a single long C call inside
/// the Lua library (a backtracking `string.find`, a huge `table.move`): when
/// a step is still running `grace` seconds after its time limit, the
/// process stops with an error naming the plugin (`EmergencyExit`).
final class StepWatchdog: @unchecked Sendable {  // unchecked: `running` and `started` are only touched under `lock`
    static let shared = StepWatchdog()

    /// Seconds beyond `LuaState.timeLimit` before the process is stopped.
    static let grace = 2.0

    private let lock = NSLock()
    private var running: [ObjectIdentifier: (start: Date, what: () -> String)] = [:]
    private var started = false

    /// `what` names the step; it is only evaluated when the step is stuck.
    func begin(_ host: AnyObject, _ what: @escaping () -> String) {
        lock.lock(); defer { lock.unlock() }
        running[ObjectIdentifier(host)] = (Date(), what)
        if !started {
            started = true
            let thread = Thread { [unowned self] in self.watch() }
            thread.name = "wijksim step watchdog"
            thread.start()
        }
    }

    func end(_ host: AnyObject) {
        lock.lock(); defer { lock.unlock() }
        running[ObjectIdentifier(host)] = nil
    }

    private func watch() {
        let limit = LuaState.timeLimit + StepWatchdog.grace
        while true {
            Thread.sleep(forTimeInterval: min(0.25, limit / 8))
            lock.lock()
            let stuck = running.values.first { Date().timeIntervalSince($0.start) > limit }
            lock.unlock()
            if let stuck {
                EmergencyExit.stop("\(stuck.what()): one library call ran for more than \(Int(limit)) s and cannot be interrupted (a backtracking string pattern, or a huge string.rep or table.move?); wijksim stopped")
            }
        }
    }
}
