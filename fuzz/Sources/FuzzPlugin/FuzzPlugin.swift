import Foundation
import FuzzSupport
@testable import WijkSimLua
@testable import WijkSimModel

/// Fuzzes the plugin host: Lua source from `LuaGrammar` (plausible plugin
/// statements and hostile ones) is loaded with `LuaHost.loadPlugin` into a
/// host that already holds a well-behaved plugin, stepped three years, and
/// the well-behaved plugin is stepped after it. Loading may only fail with
/// `BadInput`, stepping only with a `RunFailure` that names the plugin file
/// and the instance; the well-behaved plugin must keep its exact result.
///
/// Set FUZZ_PLUGIN_PRINT=1 to print the generated source of each input
/// (e.g. to read a crash reproducer).
let indicators = ["a", "b", "out"]
let attributes = ["pupils"]
let lanes = 4, wijkCount = 2

final class Buffers {
    var all: [UnsafeMutablePointer<Double>] = []
    func make(_ value: Double = 1) -> UnsafeMutablePointer<Double> {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: lanes)
        p.initialize(repeating: value, count: lanes)
        all.append(p)
        return p
    }
    deinit { all.forEach { $0.deallocate() } }
}

let buffers = Buffers()
let state = indicators.map { _ in buffers.make(2) }
let start = indicators.map { _ in buffers.make(3) }
let city = indicators.map { _ in buffers.make(4) }
let attributeValues = attributes.map { _ in buffers.make(100) }
let adds = indicators.map { _ in buffers.make(0) }
let spend = buffers.make(0)
let mask = buffers.make(1)
let draws: UnsafeMutablePointer<Int> = {
    let p = UnsafeMutablePointer<Int>.allocate(capacity: lanes)
    for i in 0..<lanes { p[i] = i }
    return p
}()
let wijkKeys: UnsafeMutablePointer<UInt64> = {
    let p = UnsafeMutablePointer<UInt64>.allocate(capacity: wijkCount)
    for i in 0..<wijkCount { p[i] = UInt64(i + 1) * 0x9E37_79B9 }
    return p
}()
let printSource = ProcessInfo.processInfo.environment["FUZZ_PLUGIN_PRINT"] != nil

let wellBehaved = """
    return {
      id = "good",
      params = {k = {default = 2, min = 0, max = 10}},
      writes = {"out"},
      step = function(ctx, p)
        ctx:add("out", ctx.x.a * p.k + 1)
      end,
    }
    """

func bindings(year: Int, params: [UnsafeMutablePointer<Double>]) -> StepBindings {
    var b = StepBindings()
    b.lanes = lanes
    b.wijkCount = wijkCount
    b.year = year
    b.firstYear = 2020
    b.lastYear = 2030
    b.from = 2022
    b.to = 2024
    b.x = state
    b.x0 = start
    b.city = city
    b.attributes = attributeValues
    b.adds = adds
    b.spend = spend
    b.mask = mask
    b.params = params
    b.seed = 42
    b.instanceKey = 7
    b.blockDraws = draws
    b.wijkKeys = wijkKeys
    return b
}

func clearSums() {
    for p in adds { p.update(repeating: 0, count: lanes) }
    spend.update(repeating: 0, count: lanes)
}

@_cdecl("FuzzPlugin_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzPlugin(data, size) }
}

/// The function under test; libFuzzer's runtime also links against this name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlugin(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    var grammar = LuaGrammar(Array(UnsafeBufferPointer(start: bytes, count: count)))
    let source = grammar.plugin(id: "fz")
    if printSource { print("----- fz.lua\n\(source)\n-----") }
    let host = LuaHost(indicators: indicators, attributes: attributes, wijken: ["Noord", "Zuid"], capacity: lanes)
    let good = try! host.loadPlugin(file: "/fuzz/good.lua", source: wellBehaved)
    let local = Buffers()   // this input's parameter buffers, freed when it ends
    let goodParams = good.descriptor.params.map { local.make($0.defaultValue) }
    let loaded: (index: Int, descriptor: PluginDescriptor)
    do {
        loaded = try host.loadPlugin(file: "/fuzz/fz.lua", source: source)
    } catch let bad as BadInput {
        precondition(bad.description.contains("fz.lua"), "a load error that does not name the file: \(bad)")
        return 0
    } catch {
        fatalError("loadPlugin threw \(type(of: error)): \(error)")
    }
    let params = loaded.descriptor.params.map { local.make($0.defaultValue) }
    for year in 2022...2024 {
        clearSums()
        host.bindings = bindings(year: year, params: params)
        do {
            try host.step(plugin: loaded.index, instance: "fuzz_instance")
        } catch let failure as RunFailure {
            precondition(failure.message.contains("fz.lua"), "a step error that does not name the file: \(failure.message)")
            precondition(failure.message.contains("instance fuzz_instance"), "a step error that does not name the instance: \(failure.message)")
            if printSource { print("step \(year): \(failure.message)") }
        } catch {
            fatalError("step threw \(type(of: error)): \(error)")
        }
        // whatever the fuzzed plugin did, the well-behaved one still computes 2 * 2 + 1
        clearSums()
        host.bindings = bindings(year: year, params: goodParams)
        do {
            try host.step(plugin: good.index, instance: "good")
        } catch {
            fatalError("the well-behaved plugin failed after the fuzzed one: \(error)\n\(source)")
        }
        for lane in 0..<lanes {
            precondition(adds[2][lane] == 5, "the well-behaved plugin added \(adds[2][lane]) instead of 5 (lane \(lane))\n\(source)")
            precondition(adds[0][lane] == 0 && adds[1][lane] == 0, "an indicator the well-behaved plugin does not write changed\n\(source)")
        }
    }
    return 0
}
