import Foundation

/// A progress line on stderr, shown only when stderr is a terminal and the
/// run has taken more than a second, so scripts and quick runs see nothing.
final class ProgressLine: @unchecked Sendable {  // unchecked: `shown` and `lastPrint` are only touched under `lock`
    private let lock = NSLock()
    private let start = Date()
    private let enabled = isatty(STDERR_FILENO) != 0
    private var shown = false
    private var lastPrint = Date.distantPast

    func update(done: Int, total: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastPrint) > 0.2 else { return }
        lastPrint = now
        shown = true
        let percent = 100 * done / max(total, 1)
        FileHandle.standardError.write(Data("\rrunning: \(percent)% (\(done)/\(total) chunks)".utf8))
    }

    func clear() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
