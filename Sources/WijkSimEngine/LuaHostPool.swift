import Foundation
import WijkSimLua

/// Plugin hosts kept between runs: a run borrows one per worker and gives
/// it back when the worker is done. For `serve`, which runs one plan after
/// another with the same plugins: making a Lua state and loading every
/// plugin into it took a millisecond and a half per worker per request.
/// Only a host made for the same plugin sources, names and lane capacity is
/// lent again, so a borrowed host is the one a fresh worker would have made
/// (a plugin's module-level values are made at load and read-only in steps).
package final class LuaHostPool: @unchecked Sendable {  // unchecked: `idle` is only touched under `lock`
    private let lock = NSLock()
    private var idle: [Key: [LuaHost]] = [:]
    /// At most this many idle hosts per key: one per worker of the runs at once.
    let capacity: Int

    struct Key: Hashable {
        var plugins: [String]
        var names: [String]
        var capacity: Int
    }

    package init(capacity: Int = 16) { self.capacity = capacity }

    static func key(for plan: Plan, capacity: Int) -> Key {
        Key(plugins: plan.plugins.flatMap { [$0.file, $0.source] },
            names: plan.city.indicators.map(\.id) + ["|"] + plan.city.attributeNames + ["|"] + plan.city.wijken,
            capacity: capacity)
    }

    /// Hosts waiting to be lent, over all keys.
    package var idleCount: Int {
        lock.lock(); defer { lock.unlock() }
        return idle.values.reduce(0) { $0 + $1.count }
    }

    /// An idle host for `key`, or nil.
    func borrow(_ key: Key) -> LuaHost? {
        lock.lock(); defer { lock.unlock() }
        return idle[key]?.popLast()
    }

    func giveBack(_ host: LuaHost, _ key: Key) {
        lock.lock(); defer { lock.unlock() }
        if idle[key, default: []].count < capacity { idle[key, default: []].append(host) }
    }
}
