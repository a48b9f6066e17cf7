import Foundation

/// The last resort for a plugin stuck inside one library call that no hook
/// can interrupt (a backtracking string pattern, say): say so, remove every
/// unfinished output folder, and end the process with the run-failure
/// status, so that even then no partial output is left behind.
package enum EmergencyExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [UUID: String] = [:]

    /// Registers a path to remove if the process has to stop; returns a token for `unregister`.
    package static func register(removing path: String) -> UUID {
        let token = UUID()
        lock.lock(); defer { lock.unlock() }
        paths[token] = path
        return token
    }

    package static func unregister(_ token: UUID) {
        lock.lock(); defer { lock.unlock() }
        paths[token] = nil
    }

    package static func stop(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        lock.lock()
        for path in paths.values { try? FileManager.default.removeItem(atPath: path) }
        lock.unlock()
        exit(1)
    }
}
