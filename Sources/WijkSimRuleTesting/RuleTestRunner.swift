import Foundation
import WijkSimLoad
import WijkSimLua
import WijkSimModel

/// The outcome of one case.
package struct CaseOutcome {
    package var testCase: RuleCase
    /// Empty when the case passed; otherwise one line per mismatch or error.
    package var failures: [String]
    package var passed: Bool { failures.isEmpty }
}

/// Runs rule-test cases on one lane each (CONTRACT §9).
package struct RuleTestRunner {
    package let catalog: PluginCatalog

    package init(pluginPath: [String]) { catalog = PluginCatalog(path: pluginPath) }

    /// Every case of `file`; `BadInput` when the plugin is missing or broken,
    /// or a parameter is unknown or out of range.
    package func run(_ file: RuleTestFile) throws -> [CaseOutcome] {
        let descriptor = try catalog.descriptor(file.plugin, usedAt: file.pluginLocation)
        var problems = DiagnosticList()
        for c in file.cases {
            for p in c.params {
                guard let spec = descriptor.param(p.name) else {
                    problems.add("plugin \(descriptor.id) has no parameter \"\(p.name)\"\(NearestName.suggestion(for: p.name, among: descriptor.params.map(\.name)))", at: p.location)
                    continue
                }
                if !spec.allows(p.value) {
                    problems.add("\(p.value.shortText) is outside the range of \(descriptor.id).\(p.name): \(spec.rangeText)", at: p.location)
                }
            }
        }
        try problems.check()
        return try file.cases.map { try run($0, descriptor) }
    }

    package func run(_ c: RuleCase, _ descriptor: PluginDescriptor) throws -> CaseOutcome {
        let ids = c.x.map(\.id)
        let host = LuaHost(indicators: ids, attributes: c.wijk.map(\.name), wijken: ["test"], capacity: 1)
        let plugin = try host.loadPlugin(file: descriptor.file, source: descriptor.source).index
        let n = ids.count
        let buffers = UnsafeMutablePointer<Double>.allocate(capacity: 4 * n + c.wijk.count + descriptor.params.count + 3)
        defer { buffers.deallocate() }
        for (i, (id, value)) in c.x.enumerated() {
            buffers[i] = value
            buffers[n + i] = c.x0[id] ?? value
            buffers[2 * n + i] = c.city[id] ?? value
            buffers[3 * n + i] = 0
        }
        let attributes = buffers + 4 * n, params = attributes + c.wijk.count, extra = params + descriptor.params.count
        for (a, attribute) in c.wijk.enumerated() { attributes[a] = attribute.value }
        for (k, spec) in descriptor.params.enumerated() {
            params[k] = c.params.last { $0.name == spec.name }?.value ?? spec.defaultValue
        }
        let spend = extra, mask = extra + 1
        spend[0] = 0
        mask[0] = 1
        var draws = 0
        var wijkKey = CounterRandom.key("test")
        var b = StepBindings()
        b.lanes = 1; b.wijkCount = 1
        b.year = c.year; b.firstYear = c.firstYear; b.lastYear = c.lastYear
        b.from = c.from; b.to = c.to
        b.x = (0..<n).map { buffers + $0 }
        b.x0 = (0..<n).map { buffers + n + $0 }
        b.city = (0..<n).map { buffers + 2 * n + $0 }
        b.adds = (0..<n).map { buffers + 3 * n + $0 }
        b.attributes = c.wijk.indices.map { attributes + $0 }
        b.params = descriptor.params.indices.map { params + $0 }
        b.spend = spend
        b.mask = mask
        b.instanceKey = CounterRandom.key(descriptor.id)
        return withUnsafeMutablePointer(to: &draws) { drawsPointer in
            withUnsafeMutablePointer(to: &wijkKey) { keyPointer in
                b.blockDraws = drawsPointer
                b.wijkKeys = keyPointer
                host.bindings = b
                do {
                    try host.step(plugin: plugin, instance: descriptor.id)
                } catch let error as RunFailure {
                    return CaseOutcome(testCase: c, failures: [error.message.components(separatedBy: "\n").first ?? error.message])
                } catch {
                    return CaseOutcome(testCase: c, failures: ["\(error)"])
                }
                var failures: [String] = []
                for (id, expected) in c.expectedAdds {
                    let actual = buffers[3 * n + ids.firstIndex(of: id)!]
                    if !close(actual, expected, c.tolerance) {
                        failures.append("add \(id): expected \(expected.shortText), got \(actual.shortText)")
                    }
                }
                if let expected = c.expectedSpend, !close(spend[0], expected, c.tolerance) {
                    failures.append("spend: expected \(expected.shortText), got \(spend[0].shortText)")
                }
                return CaseOutcome(testCase: c, failures: failures)
            }
        }
    }

    /// Relative tolerance, measured against max(1, |expected|) so that an
    /// expected 0 accepts rounding noise of the same size.
    func close(_ actual: Double, _ expected: Double, _ tolerance: Double) -> Bool {
        actual == expected || abs(actual - expected) <= tolerance * max(1, abs(expected))
    }

    /// Every `*.yaml` under each path (a file or a folder), sorted.
    package static func files(in paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw BadInput("no such file or folder", at: SourceLocation(file: path))
            }
            if !isFolder.boolValue { found.append(path); continue }
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let item = enumerator?.nextObject() as? String {
                if item.hasSuffix(".yaml") || item.hasSuffix(".yml") { found.append(path + "/" + item) }
            }
        }
        return found.sorted()
    }
}
