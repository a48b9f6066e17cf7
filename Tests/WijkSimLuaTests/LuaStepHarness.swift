import Foundation
import WijkSimLua
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// Lane buffers and `StepBindings` for one `LuaHost`, the way the engine
/// lends them: N lanes in blocks of W wijken (lane l is wijk l % W), one
/// buffer per indicator for x, x0, city and adds, one per attribute, a mask
/// per lane, a spend sum per block. Tests set values, load plugins from
/// source strings and run one step, then read adds and spend as arrays.
final class LuaStepHarness {
    let indicators: [String]
    let attributes: [String]
    let lanes: Int
    let wijkCount: Int
    let host: LuaHost

    var year = 2024
    /// Set by `target(wijken:)`: the mask is the same in every block, as the engine's is.
    var maskIsPerWijk = false
    var firstYear = 2020
    var lastYear = 2030
    var from = 2022
    var to = 2026
    var isRule = false
    var seed: UInt64 = 20_261_129
    var instanceKey: UInt64 = 7
    /// Lend `ctx.city` and these parameters per block, as the engine does
    /// for values that are the same in every wijk of a draw (each block's
    /// first lane is taken).
    var cityPerBlock = false
    var paramsPerBlock: Set<String> = []

    private(set) var x: [UnsafeMutablePointer<Double>] = []
    private(set) var x0: [UnsafeMutablePointer<Double>] = []
    private(set) var city: [UnsafeMutablePointer<Double>] = []
    private(set) var attributeBuffers: [UnsafeMutablePointer<Double>] = []
    private(set) var adds: [UnsafeMutablePointer<Double>] = []
    let spend: UnsafeMutablePointer<Double>
    let mask: UnsafeMutablePointer<Double>
    let blockDraws: UnsafeMutablePointer<Int>
    let wijkKeys: UnsafeMutablePointer<UInt64>
    private var params: [Int: [UnsafeMutablePointer<Double>]] = [:]
    private(set) var descriptors: [Int: PluginDescriptor] = [:]
    private var owned: [UnsafeMutablePointer<Double>] = []

    static let defaultIndicators = ["a", "b", "c", "m", "out"]
    static let defaultAttributes = ["pupils", "homes"]

    var blocks: Int { lanes / wijkCount }

    init(indicators: [String] = LuaStepHarness.defaultIndicators,
         attributes: [String] = LuaStepHarness.defaultAttributes,
         lanes: Int = 5, wijkCount: Int? = nil, wijken: [String] = [], memoryLimit: Int = LuaState.defaultMemoryLimit) {
        self.indicators = indicators
        self.attributes = attributes
        self.lanes = lanes
        self.wijkCount = wijkCount ?? lanes
        precondition(lanes % self.wijkCount == 0, "lanes must be whole blocks")
        host = LuaHost(indicators: indicators, attributes: attributes, wijken: wijken, capacity: lanes,
                       memoryLimit: memoryLimit)
        spend = .allocate(capacity: lanes)
        mask = .allocate(capacity: lanes)
        blockDraws = .allocate(capacity: lanes)
        wijkKeys = .allocate(capacity: self.wijkCount)
        func buffer(_ value: Double = 0) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: lanes)
            p.initialize(repeating: value, count: lanes)
            owned.append(p)
            return p
        }
        x = indicators.map { _ in buffer() }
        x0 = indicators.map { _ in buffer() }
        city = indicators.map { _ in buffer() }
        adds = indicators.map { _ in buffer() }
        attributeBuffers = attributes.map { _ in buffer() }
        spend.initialize(repeating: 0, count: lanes)
        mask.initialize(repeating: 1, count: lanes)
        for block in 0..<blocks { blockDraws[block] = block }
        for w in 0..<self.wijkCount { wijkKeys[w] = CounterRandom.key("wijk \(w)") }
    }

    deinit {
        owned.forEach { $0.deallocate() }
        params.values.joined().forEach { $0.deallocate() }
        spend.deallocate()
        mask.deallocate()
        blockDraws.deallocate()
        wijkKeys.deallocate()
    }

    // MARK: Filling buffers

    private func fill(_ p: UnsafeMutablePointer<Double>, _ values: [Double]) {
        precondition(values.count == lanes, "expected \(lanes) values, got \(values.count)")
        for i in 0..<lanes { p[i] = values[i] }
    }

    private func index(_ id: String) -> Int { indicators.firstIndex(of: id)! }

    func setX(_ id: String, _ values: [Double]) { fill(x[index(id)], values) }
    func setX0(_ id: String, _ values: [Double]) { fill(x0[index(id)], values) }
    func setCity(_ id: String, _ values: [Double]) { fill(city[index(id)], values) }
    func setAdds(_ id: String, _ values: [Double]) { fill(adds[index(id)], values) }
    func setAttribute(_ name: String, _ values: [Double]) { fill(attributeBuffers[attributes.firstIndex(of: name)!], values) }
    func setMask(_ values: [Double]) { fill(mask, values); maskIsPerWijk = false }

    /// Mask 1 on every lane whose wijk is in `wijken`, 0 elsewhere.
    func target(wijken: Set<Int>) {
        for lane in 0..<lanes { mask[lane] = wijken.contains(lane % wijkCount) ? 1 : 0 }
        maskIsPerWijk = true
    }

    func setDraws(_ draws: [Int]) {
        precondition(draws.count == blocks)
        for (i, d) in draws.enumerated() { blockDraws[i] = d }
    }

    func setWijkKeys(_ keys: [UInt64]) {
        precondition(keys.count == wijkCount)
        for (i, k) in keys.enumerated() { wijkKeys[i] = k }
    }

    func setParam(plugin: Int, _ name: String, _ values: [Double]) {
        let i = descriptors[plugin]!.params.firstIndex { $0.name == name }!
        fill(params[plugin]![i], values)
    }

    // MARK: Reading results

    func addsOf(_ id: String) -> [Double] { Array(UnsafeBufferPointer(start: adds[index(id)], count: lanes)) }
    var spendPerBlock: [Double] { Array(UnsafeBufferPointer(start: spend, count: blocks)) }

    func clearSums() {
        for p in adds { p.update(repeating: 0, count: lanes) }
        spend.update(repeating: 0, count: lanes)
    }

    // MARK: Plugins

    /// Loads `source` as `/tmp/x/ID.lua` (or `folder/ID.lua`); parameter
    /// buffers start at the defaults.
    @discardableResult
    func load(_ id: String, _ source: String, folder: String = "/tmp/x") throws -> Int {
        try load(file: folder + "/" + id + ".lua", source)
    }

    @discardableResult
    func load(file: String, _ source: String) throws -> Int {
        let (index, descriptor) = try host.loadPlugin(file: file, source: source)
        descriptors[index] = descriptor
        params[index] = descriptor.params.map { spec in
            let p = UnsafeMutablePointer<Double>.allocate(capacity: lanes)
            p.initialize(repeating: spec.defaultValue, count: lanes)
            return p
        }
        return index
    }

    /// Fills the bindings as the engine does and calls step once; sums are not cleared.
    func step(_ plugin: Int, instance: String? = nil) throws {
        var b = StepBindings()
        b.lanes = lanes
        b.wijkCount = wijkCount
        b.year = year
        b.firstYear = firstYear
        b.lastYear = lastYear
        b.x = x
        b.x0 = x0
        b.city = city
        b.attributes = attributeBuffers
        b.adds = adds
        b.spend = spend
        b.mask = mask
        b.maskRepeatsPerBlock = maskIsPerWijk
        b.params = params[plugin] ?? []
        var lent: [UnsafeMutablePointer<Double>] = []
        defer { lent.forEach { $0.deallocate() } }
        func perBlock(_ lanes: UnsafeMutablePointer<Double>) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: blocks)
            for block in 0..<blocks { p[block] = lanes[block * wijkCount] }
            lent.append(p)
            return p
        }
        if cityPerBlock { b.cityBlocks = city.map(perBlock) }
        if let descriptor = descriptors[plugin] {
            b.paramBlocks = descriptor.params.enumerated().map { k, spec in
                paramsPerBlock.contains(spec.name) ? perBlock(b.params[k]) : nil
            }
        }
        b.from = from
        b.to = to
        b.isRule = isRule
        b.seed = seed
        b.instanceKey = instanceKey
        b.blockDraws = blockDraws
        b.wijkKeys = wijkKeys
        host.bindings = b
        try host.step(plugin: plugin, instance: instance ?? descriptors[plugin]!.id)
    }

    /// Clears the sums, runs one step and returns what it added and spent.
    func run(_ plugin: Int, instance: String? = nil) throws -> StepOutput {
        clearSums()
        try step(plugin, instance: instance)
        return StepOutput(adds: Dictionary(uniqueKeysWithValues: indicators.map { ($0, addsOf($0)) }), spend: spendPerBlock)
    }
}

struct StepOutput {
    var adds: [String: [Double]]
    var spend: [Double]
}

// MARK: Plugin sources

enum PluginSource {
    /// A plugin whose step body is `body` (indented as given). `writes` and
    /// `params` are Lua table bodies.
    static func make(_ id: String, writes: [String] = ["out"], params: String = "", body: String) -> String {
        """
        return {
          id = "\(id)",
          title = "Test \(id)",
          params = {\(params)},
          writes = {\(writes.map { "\"\($0)\"" }.joined(separator: ", "))},
          step = function(ctx, p)
        \(body)
          end,
        }
        """
    }

    /// The 1-based line of the first line containing `marker`.
    static func line(of marker: String, in source: String) -> Int {
        let lines = source.components(separatedBy: "\n")
        guard let i = lines.firstIndex(where: { $0.contains(marker) }) else {
            fatalError("marker \(marker) not in source")
        }
        return i + 1
    }
}

// MARK: Shared fixtures and assertions

/// The lane values used by the vector tests.
enum Lanes {
    static let a: [Double] = [-2, -0.5, 0, 1.5, 3]
    static let b: [Double] = [0.5, -0.5, -1, 4, 3]   // no zero; equals a in lanes 1 and 4
    static let c: [Double] = [0.25, 0.5, 1, 2, 4]    // positive
    static let m: [Double] = [1, 0, 1, 0, 1]         // a 0/1 condition
}

extension XCTestCase {
    /// Evaluates the Lua expression `expression` in a step (with locals A, B,
    /// C, M bound to ctx.x.a/b/c/m, all lanes targeted) and returns it per lane.
    func evaluate(_ expression: String, harness: LuaStepHarness? = nil) throws -> [Double] {
        let h = harness ?? LuaStepHarness()
        if harness == nil {
            h.setX("a", Lanes.a); h.setX("b", Lanes.b); h.setX("c", Lanes.c); h.setX("m", Lanes.m)
        }
        let source = PluginSource.make("expr", body: """
                local A, B, C, M = ctx.x.a, ctx.x.b, ctx.x.c, ctx.x.m
                ctx:add("out", \(expression))
            """)
        let plugin = try h.load("expr", source)
        return try h.run(plugin).adds["out"]!
    }

    /// Evaluates `expression` and asserts it equals `expected` lane by lane.
    func assertEvaluates(_ expression: String, _ expected: [Double], tolerance: Double = 1e-12,
                         file: StaticString = #filePath, line: UInt = #line) {
        do {
            let actual = try evaluate(expression)
            assertLanes(actual, expected, tolerance: tolerance, expression, file: file, line: line)
        } catch {
            XCTFail("\(expression): \(error)", file: file, line: line)
        }
    }

    func assertLanes(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12, _ label: String = "",
                     file: StaticString = #filePath, line: UInt = #line) {
        guard actual.count == expected.count else {
            XCTFail("\(label): \(actual.count) lanes, expected \(expected.count)", file: file, line: line)
            return
        }
        for (i, (a, e)) in zip(actual, expected).enumerated() where !isClose(a, e, tolerance: tolerance) {
            XCTFail("\(label): lane \(i) is \(a), expected \(e) (all: \(actual) vs \(expected))", file: file, line: line)
            return
        }
    }

    /// Runs `body` expecting a `RunFailure`; returns its message ("" and a failure if none).
    func runFailure(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> String {
        do {
            try body()
            XCTFail("expected a RunFailure, but the step succeeded", file: file, line: line)
        } catch let failure as RunFailure {
            return failure.message
        } catch {
            XCTFail("expected a RunFailure, got \(type(of: error)): \(error)", file: file, line: line)
        }
        return ""
    }

    /// Runs `body` expecting `BadInput`; returns it (nil and a failure if none).
    func badInput(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> BadInput? {
        do {
            try body()
            XCTFail("expected BadInput, but it loaded", file: file, line: line)
        } catch let bad as BadInput {
            return bad
        } catch {
            XCTFail("expected BadInput, got \(type(of: error)): \(error)", file: file, line: line)
        }
        return nil
    }

    /// Loads `source` as /tmp/x/ID.lua into a fresh harness and runs one step, expecting a RunFailure.
    func stepFailure(_ id: String, _ source: String, harness: LuaStepHarness? = nil,
                     file: StaticString = #filePath, line: UInt = #line) -> String {
        let h = harness ?? LuaStepHarness()
        return runFailure(file: file, line: line) {
            let plugin = try h.load(id, source)
            _ = try h.run(plugin)
        }
    }

    func assertPrefix(_ text: String, _ prefix: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(text.hasPrefix(prefix), "expected to start with \"\(prefix)\", got: \(text)", file: file, line: line)
    }

    func assertContains(_ text: String, _ part: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(text.contains(part), "expected to contain \"\(part)\", got: \(text)", file: file, line: line)
    }
}
