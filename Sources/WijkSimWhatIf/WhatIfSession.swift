import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel

/// One scenario (and its baseline, CONTRACT §2) held by `wijksim serve`:
/// loaded and checked once; every request builds a modified `Scenario`
/// and a new `Plan` from it in memory, never reading a file again.
package final class WhatIfSession: Sendable {
    /// The most draws a request may ask for (and `serve --draws` may set):
    /// 10,000 draws of a Groningen programme take about a second on one
    /// core and some 640 MiB while they run.
    package static let maxDraws = 10_000
    /// The largest request body read (CONTRACT §13).
    package static let maxBodyBytes = 64 * 1024

    package let scenario: Scenario
    package let city: CityData
    package let plugins: [String: PluginDescriptor]
    package let baseline: Baseline?
    /// Draws of a request that does not say: `serve --draws`, else the scenario's (at most `maxDraws`).
    package let draws: Int
    /// The baseline's runs, which do not change with a request's params:
    /// kept per (draws, seed), the most recent few.
    private let references = ReferenceCache(capacity: 4)
    /// Lua states with every plugin loaded, made on the first requests and
    /// lent to the workers of every later one.
    private let hosts = LuaHostPool()
    /// Answers already given, by request (64 MiB: some 25 Groningen answers).
    let answers = AnswerCache(capacityBytes: 64 << 20)
    /// The scenario as it is, run whole with its draws and spends kept: a
    /// request's run takes from it the wijken that the interventions it
    /// changes do not reach (`UntouchedWijken.init(plan:kept:)`).
    private let asItIs = KeptRunSlot()
    /// The rows of the last answer to the scenario as it is (`AnswerRows`).
    private let rowsAsItIs = RowsSlot()
    /// Whether requests take unchanged wijken from the scenario as it is (off: to measure what that saves).
    package let reusesUnchangedWijken: Bool

    package struct Baseline: Sendable {
        package var scenario: Scenario
        package var city: CityData
        package var plugins: [String: PluginDescriptor]
        package init(scenario: Scenario, city: CityData, plugins: [String: PluginDescriptor]) {
            self.scenario = scenario; self.city = city; self.plugins = plugins
        }
    }

    package init(scenario: Scenario, city: CityData, plugins: [String: PluginDescriptor], baseline: Baseline?, draws: Int?,
                 reusesUnchangedWijken: Bool = true) throws {
        if let draws, !(1...WhatIfSession.maxDraws).contains(draws) {
            throw BadInput("--draws \(draws): serve allows 1 to \(WhatIfSession.maxDraws) draws")
        }
        self.scenario = scenario
        self.city = city
        self.plugins = plugins
        self.baseline = baseline
        self.draws = draws ?? min(scenario.draws, WhatIfSession.maxDraws)
        self.reusesUnchangedWijken = reusesUnchangedWijken
        if let baseline {
            let plan = Plan(scenario: scenario, city: city, plugins: plugins, draws: 1)
            let reference = Plan(scenario: baseline.scenario, city: baseline.city, plugins: baseline.plugins, draws: 1)
            try Comparison.checkCompatible([reference, plan], files: [baseline.scenario.file, scenario.file])
        }
    }

    package var interventions: [Instance] { scenario.instances.filter { $0.kind == .intervention } }

    // MARK: requests

    /// Reads and checks a `POST /api/run` body; an empty body is `{}`.
    package func request(_ body: Data) throws -> WhatIfRequest {
        if body.count > WhatIfSession.maxBodyBytes {
            throw BadRequest("the request body has \(body.count) bytes; at most \(WhatIfSession.maxBodyBytes) (64 KiB) are read")
        }
        if body.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) { return WhatIfRequest() }
        let value: RequestValue
        do {
            value = try JSONDecoder().decode(RequestValue.self, from: body)
        } catch {
            throw BadRequest("the body is not valid JSON: \(WhatIfSession.jsonProblem(error))")
        }
        guard case let .object(fields) = value else {
            throw BadRequest("the body must be a JSON object such as {\"params\": {\"INSTANCE.PARAM\": 0.5}, \"draws\": 1000}, found \(value.kind)")
        }
        var request = WhatIfRequest()
        for key in fields.keys.sorted() where !WhatIfRequest.fields.contains(key) {
            throw BadRequest("unknown field \"\(key)\"\(NearestName.suggestion(for: key, among: WhatIfRequest.fields)); the fields are \(WhatIfRequest.fields.joined(separator: ", "))")
        }
        if let params = fields["params"] {
            request.params = try checkParams(params)
        }
        if let draws = fields["draws"], draws.isPresent {
            guard let n = draws.wholeNumber, n >= 1 else {
                throw BadRequest("draws: expected a whole number of at least 1, found \(draws.describe)")
            }
            if n > WhatIfSession.maxDraws {
                throw BadRequest("draws \(n) is more than this server allows (\(WhatIfSession.maxDraws))")
            }
            request.draws = n
        }
        if let seed = fields["seed"], seed.isPresent {
            guard let n = seed.wholeNumber, n >= 0 else {
                throw BadRequest("seed: expected a whole number of at least 0, found \(seed.describe)")
            }
            request.seed = UInt64(n)
        }
        if let windows = fields["interventions"] {
            request.interventions = try checkWindows(windows)
        }
        return request
    }

    private func checkParams(_ value: RequestValue) throws -> [(key: String, instance: String, param: String, value: Double)] {
        if case .null = value { return [] }
        guard case let .object(entries) = value else {
            throw BadRequest("params: expected an object {\"INSTANCE.PARAM\": number, …}, found \(value.kind)")
        }
        let names = interventions.map(\.name)
        var checked: [(key: String, instance: String, param: String, value: Double)] = []
        for key in entries.keys.sorted() {
            let parts = key.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let instance = interventions.first(where: { $0.name == parts[0] }) else {
                let known = interventions.flatMap { i in plugins[i.plugin]!.params.map { "\(i.name).\($0.name)" } }
                if parts.count == 2, scenario.instances.contains(where: { $0.name == parts[0] }) {
                    throw BadRequest("params: \"\(key)\": \(parts[0]) is a rule, not an intervention; only interventions' parameters can be set")
                }
                let hint = parts.count == 2 ? NearestName.suggestion(for: parts[0], among: names) : NearestName.suggestion(for: key, among: known)
                throw BadRequest("params: unknown parameter \"\(key)\"\(hint): a key is INSTANCE.PARAM, with INSTANCE one of the interventions (\(names.joined(separator: ", ")))")
            }
            let descriptor = plugins[instance.plugin]!
            guard let spec = descriptor.param(parts[1]) else {
                throw BadRequest("params: unknown parameter \"\(key)\"\(NearestName.suggestion(for: parts[1], among: descriptor.params.map(\.name))): plugin \(descriptor.id) has \(descriptor.params.map(\.name).joined(separator: ", "))")
            }
            guard case let .number(x) = entries[key]! else {
                throw BadRequest("params: \"\(key)\": expected a number, found \(entries[key]!.describe)")
            }
            guard spec.allows(x) else {
                throw BadRequest("params: \"\(key)\": \(x.shortText) is outside \(spec.rangeText), the range of \(descriptor.id).\(spec.name)")
            }
            checked.append((key, instance.name, spec.name, x))
        }
        return checked
    }

    private func checkWindows(_ value: RequestValue) throws -> [String: WhatIfRequest.Window] {
        if case .null = value { return [:] }
        guard case let .object(entries) = value else {
            throw BadRequest("interventions: expected an object {\"NAME\": {\"from\": year, \"to\": year, \"active\": true/false}}, found \(value.kind)")
        }
        let names = interventions.map(\.name)
        var windows: [String: WhatIfRequest.Window] = [:]
        for name in entries.keys.sorted() {
            guard let instance = interventions.first(where: { $0.name == name }) else {
                throw BadRequest("interventions: unknown intervention \"\(name)\"\(NearestName.suggestion(for: name, among: names)); the interventions are \(names.joined(separator: ", "))")
            }
            guard case let .object(keys) = entries[name]! else {
                throw BadRequest("interventions.\(name): expected an object {\"from\": year, \"to\": year, \"active\": true/false}, found \(entries[name]!.kind)")
            }
            var window = WhatIfRequest.Window()
            for (key, v) in keys.sorted(by: { $0.key < $1.key }) where v.isPresent {
                switch key {
                case "from", "to":
                    guard let year = v.wholeNumber, scenario.years.contains(year) else {
                        throw BadRequest("interventions.\(name).\(key): expected a year from \(scenario.firstYear) to \(scenario.lastYear), found \(v.describe)")
                    }
                    if key == "from" { window.from = year } else { window.to = year }
                case "active":
                    guard case let .bool(b) = v else { throw BadRequest("interventions.\(name).active: expected true or false, found \(v.describe)") }
                    window.active = b
                default:
                    throw BadRequest("interventions.\(name): unknown field \"\(key)\"; the fields are from, to, active")
                }
            }
            let from = window.from ?? instance.from, to = window.to ?? instance.to
            if from > to { throw BadRequest("interventions.\(name): from \(from) is after to \(to)") }
            windows[name] = window
        }
        return windows
    }

    /// Where JSONDecoder's error says what went wrong, without its Swift wording.
    static func jsonProblem(_ error: Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error {
            let inner = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return inner ?? context.debugDescription
        }
        return "\(error)"
    }

    // MARK: runs

    /// The scenario a request asks for: the loaded one with its parameters
    /// fixed (`ParameterValue.fixed`, which also takes the parameter out of a
    /// sweep), windows moved and interventions switched off. It is the
    /// scenario a YAML file with those values would load as, so a run of it
    /// equals `wijksim run` of that file.
    package func scenario(for request: WhatIfRequest) -> Scenario {
        var s = scenario
        for p in request.params {
            guard let k = s.instances.firstIndex(where: { $0.name == p.instance }) else { continue }
            s.instances[k].params.removeAll { $0.name == p.param }
            s.instances[k].params.append(ParameterSetting(name: p.param, value: .fixed(p.value)))
            s.sweep.removeAll { $0.instance == p.instance && $0.param == p.param }
        }
        for (name, window) in request.interventions {
            guard let k = s.instances.firstIndex(where: { $0.name == name }) else { continue }
            if let from = window.from { s.instances[k].from = from }
            if let to = window.to { s.instances[k].to = to }
            if window.active == false {
                s.instances.remove(at: k)
                s.sweep.removeAll { $0.instance == name }
            }
        }
        if let draws = request.draws { s.draws = draws }
        if let seed = request.seed { s.seed = seed }
        return s
    }

    /// The plan of a request, with the session's draws unless it asks for others.
    package func plan(for request: WhatIfRequest) -> Plan {
        var plan = Plan(scenario: scenario(for: request), city: city, plugins: plugins, draws: request.draws ?? draws,
                        seed: request.seed)
        plan.hosts = hosts
        return plan
    }

    /// Runs a request as `wijksim run` runs its scenario: with a baseline,
    /// both paired in one comparison (the baseline's part made once per
    /// draws and seed and kept), and a request that changes something
    /// re-runs only the wijken its changes reach, the others taken from the
    /// scenario as it is (`keptAsItIs`); the numbers are the whole run's.
    package func run(_ request: WhatIfRequest, threads: Int) throws -> WhatIfRun {
        let plan = plan(for: request)
        guard baseline != nil else {
            return WhatIfRun(results: try Engine.run(plan, threads: threads), comparison: nil)
        }
        let reference = try self.reference(draws: plan.draws, seed: plan.seed, threads: threads)
        let kept = request == WhatIfRequest(draws: request.draws, seed: request.seed) ? nil
            : try keptAsItIs(draws: plan.draws, seed: plan.seed, reference: reference, threads: threads)
        let comparison = try Comparison.run([plan], against: reference, kept: kept, threads: threads)
        return WhatIfRun(results: comparison.scenarios[1].results, comparison: comparison)
    }

    /// The baseline's part of a comparison at these draws and seed, made once and kept.
    private func reference(draws: Int, seed: UInt64, threads: Int) throws -> PreparedReference {
        try references.value(for: ReferenceCache.Key(draws: draws, seed: seed)) {
            var referencePlan = Plan(scenario: baseline!.scenario, city: baseline!.city, plugins: baseline!.plugins,
                                     draws: draws, seed: seed)
            referencePlan.hosts = hosts
            return try Comparison.prepare(reference: referencePlan, threads: threads)
        }
    }

    /// The scenario as it is at these draws and seed, run whole with its
    /// draws and spends kept (made once, on the first request that changes
    /// something, or at warm-up); nil when it is a sweep or reuse is off.
    private func keptAsItIs(draws: Int, seed: UInt64, reference: PreparedReference, threads: Int) throws -> KeptRun? {
        guard reusesUnchangedWijken else { return nil }
        let plan = plan(for: WhatIfRequest(draws: draws, seed: seed))
        guard plan.variants == 1 else { return nil }
        return try asItIs.value(draws: draws, seed: seed) {
            try Comparison.runKeeping(plan, against: reference, threads: threads).kept
        }
    }
}

/// The kept rows of an answer, swapped whole under a lock.
final class RowsSlot: @unchecked Sendable {  // unchecked: `rows` is only touched under `lock`
    private let lock = NSLock()
    private var rows: AnswerRows?
    var value: AnswerRows? {
        get { lock.withLock { rows } }
        set { lock.withLock { rows = newValue } }
    }
}

/// The scenario as it is, run once with its draws kept, for one (draws,
/// seed): the session's own, in practice. One is made at a time.
final class KeptRunSlot: @unchecked Sendable {  // unchecked: `kept` is only touched under `lock`
    private let lock = NSLock()
    private let making = NSLock()
    private var kept: KeptRun?

    func value(draws: Int, seed: UInt64, make: () throws -> KeptRun) throws -> KeptRun {
        func lookup() -> KeptRun? {
            lock.withLock { kept.flatMap { $0.drawCount == draws && $0.seed == seed ? $0 : nil } }
        }
        if let found = lookup() { return found }
        making.lock(); defer { making.unlock() }
        if let found = lookup() { return found }
        let made = try make()
        lock.withLock { kept = made }
        return made
    }
}

extension WhatIfSession {
    /// The JSON answer to a request (`runJSON` of `run`), from the answers
    /// already given when it was asked before; `cached` says which.
    package func answer(_ request: WhatIfRequest, threads: Int) throws -> (bytes: [UInt8], cached: Bool) {
        try answers.answer(for: key(of: request)) {
            let run = try run(request, threads: threads)
            guard reusesUnchangedWijken else { return WhatIfSession.runJSON(run).bytes }
            // the answer to the scenario as it is lends its rows' text to later answers
            let asItIs = request == WhatIfRequest(draws: request.draws, seed: request.seed)
            let written = WhatIfSession.runJSON(run, lending: asItIs ? nil : rowsAsItIs.value, recording: asItIs)
            if let rows = written.rows { rowsAsItIs.value = rows }
            return written.json.bytes
        }
    }

    /// The answer to a request asked before, without running anything:
    /// the server gives it at once instead of waiting for a free core.
    package func keptAnswer(_ request: WhatIfRequest) -> [UInt8]? {
        answers.lookup(key(of: request))
    }

    /// What makes two requests give the same answer: every value as its bit
    /// pattern, the draws and seed it runs with, the windows by name.
    func key(of request: WhatIfRequest) -> String {
        var key = "draws=\(request.draws ?? draws);seed=\(request.seed.map(String.init) ?? "-")"
        for p in request.params { key += ";\(p.key)=\(String(p.value.bitPattern, radix: 16))" }
        for (name, window) in request.interventions.sorted(by: { $0.key < $1.key }) {
            key += ";\(name)@\(window.from.map(String.init) ?? "-"):\(window.to.map(String.init) ?? "-"):\(window.active.map { $0 ? "on" : "off" } ?? "-")"
        }
        return key
    }

    /// Runs the scenario as it is `runs` times at once, one thread each, and
    /// forgets the answers: the baseline's part, the Lua states and the
    /// buffers that `runs` requests at once need are then made before the
    /// first request instead of during it (the first requests of four
    /// clients took 170 ms instead of 120). A failure is left for the
    /// requests to report.
    package func warmUp(runs: Int) {
        DispatchQueue.concurrentPerform(iterations: max(1, runs)) { _ in
            _ = try? run(WhatIfRequest(), threads: 1)
        }
        // the page's first request: the scenario as it is
        _ = try? answer(WhatIfRequest(), threads: max(1, runs))
        // what a request that changes some interventions takes its other wijken from
        if baseline != nil, let reference = try? reference(draws: draws, seed: scenario.seed, threads: runs) {
            _ = try? keptAsItIs(draws: draws, seed: scenario.seed, reference: reference, threads: max(1, runs))
        }
    }
}

/// A request's outcome: the plan's results and, with a baseline, the comparison.
package struct WhatIfRun: Sendable {
    package var results: Results
    package var comparison: Comparison?
}

/// The most recently used prepared references; one is made at a time per
/// key (a second request for it waits for the first).
final class ReferenceCache: @unchecked Sendable {  // unchecked: `entries` is only touched under `lock`
    struct Key: Hashable { var draws: Int; var seed: UInt64 }
    private let lock = NSLock()
    private var entries: [(key: Key, value: PreparedReference)] = []
    private let making = NSLock()
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func value(for key: Key, make: () throws -> PreparedReference) throws -> PreparedReference {
        if let found = lookup(key) { return found }
        making.lock(); defer { making.unlock() }
        if let found = lookup(key) { return found }
        let value = try make()
        lock.lock(); defer { lock.unlock() }
        entries.append((key, value))
        if entries.count > capacity { entries.removeFirst() }
        return value
    }

    private func lookup(_ key: Key) -> PreparedReference? {
        lock.lock(); defer { lock.unlock() }
        guard let k = entries.firstIndex(where: { $0.key == key }) else { return nil }
        let entry = entries.remove(at: k)
        entries.append(entry)
        return entry.value
    }
}

extension RequestValue {
    /// Not absent: JSON null counts as not given.
    var isPresent: Bool { if case .null = self { return false } else { return true } }

    var describe: String {
        switch self {
        case let .number(x): return x.shortText
        case let .string(s): return "the string \"\(s.prefix(40))\""
        case let .bool(b): return b ? "true" : "false"
        default: return kind
        }
    }
}
