import Foundation

/// The most recently given answers of `POST /api/run`, by request. A run is
/// a pure function of the scenario and the request (the same seed, draws
/// and values give the same bytes, on any number of threads), so a request
/// asked before is answered from here instead of re-run. At the table a
/// slider goes back and forth over the same few values, and two people
/// looking at the same setting ask the same request. Requests for the same
/// key that arrive while it is being made wait for that one run instead of
/// starting their own.
///
/// Bounded by bytes, not entries: a Groningen programme's answer is about
/// 2.4 MB whatever the draws.
final class AnswerCache: @unchecked Sendable {  // unchecked: every var is only touched under `lock`
    private let lock = NSLock()
    private var entries: [String: [UInt8]] = [:]
    /// Keys from least to most recently used.
    private var order: [String] = []
    private var bytes = 0
    /// Keys being made, with what their waiters are woken by.
    private var making: [String: NSCondition] = [:]
    let capacity: Int
    private var hitCount = 0
    private var missCount = 0

    init(capacityBytes: Int) { capacity = capacityBytes }

    /// The answer for `key`, made by `make` when it is neither kept nor
    /// being made. A failure is not kept: the next request tries again (and
    /// each waiter makes its own, to report its own error).
    func answer(for key: String, make: () throws -> [UInt8]) throws -> (bytes: [UInt8], cached: Bool) {
        lock.lock()
        while true {
            if let found = entries[key] {
                hitCount += 1
                touch(key)
                lock.unlock()
                return (found, true)
            }
            guard let condition = making[key] else { break }
            // someone is making it: wait for them, then look again
            lock.unlock()
            condition.lock()
            while lock.withLock({ making[key] === condition }) { condition.wait() }
            condition.unlock()
            lock.lock()
        }
        missCount += 1
        let condition = NSCondition()
        making[key] = condition
        lock.unlock()
        defer {
            lock.withLock { making[key] = nil }
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
        let made = try make()
        lock.withLock { keep(made, for: key) }
        return (made, false)
    }

    /// The kept answer for `key`, if any (counted as a hit).
    func lookup(_ key: String) -> [UInt8]? {
        lock.withLock {
            guard let found = entries[key] else { return nil }
            hitCount += 1
            touch(key)
            return found
        }
    }

    var count: Int { lock.withLock { entries.count } }
    /// Answers given from the kept ones, and runs made (a failed one too).
    var hits: Int { lock.withLock { hitCount } }
    var misses: Int { lock.withLock { missCount } }

    private func touch(_ key: String) {
        if let k = order.firstIndex(of: key) { order.remove(at: k) }
        order.append(key)
    }

    private func keep(_ answer: [UInt8], for key: String) {
        guard answer.count <= capacity else { return }
        if let old = entries[key] { bytes -= old.count }
        entries[key] = answer
        bytes += answer.count
        touch(key)
        while bytes > capacity, let oldest = order.first {
            order.removeFirst()
            bytes -= entries.removeValue(forKey: oldest)?.count ?? 0
        }
    }
}
