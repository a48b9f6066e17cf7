import Foundation
import FuzzSupport
@testable import WijkSimEngine
@testable import WijkSimLoad
@testable import WijkSimModel

/// Fuzzes the scenario loader (`ScenarioLoader.load`: YAML, `extends`,
/// validation against data and plugins) and, for every scenario it accepts,
/// does what `wijksim check` does next: builds the plan and runs one draw.
/// The input is scenarios/main.yaml;
/// after a `%%` line, scenarios/other.yaml (which main may extend or be
/// extended by). A valid city (data/) and two plugins (plugins/) sit beside
/// it so that inputs that get past YAML reach the validator.
let folder = FuzzFolder("fuzz-scenario")

let indicators = """
    id,title,unit,polarity,weight,min,max
    armoede,Armoede,% huishoudens,lower_better,households,0,40
    meedoen,Meedoen,% inwoners,higher_better,population,0,100

    """

let wijken = """
    wijk,gebied,households,population,dwellings,armoede,meedoen
    Noord,Boven,100,300,120,20,50
    Oost,Boven,300,100,280,10,70
    Zuid,Beneden,600,600,500,5,80

    """

let effect = """
    return {
      id = "effect",
      title = "Effect",
      params = {
        delta = {default = -1, min = -5, max = 5, unit = "pp"},
        cost = {default = 100, min = 0, unit = "EUR", evidence = "schatting"},
      },
      writes = {"armoede"},
      step = function(ctx, p)
        ctx:add("armoede", ctx.active * p.delta)
        ctx:spend(ctx.active * p.cost)
      end,
    }
    """

let trend = """
    return {
      id = "trend",
      params = {rate = {default = 0.1, min = 0, max = 1}},
      writes = {"armoede", "meedoen"},
      step = function(ctx, p)
        ctx:add("meedoen", p.rate * (ctx.city.meedoen - ctx.x.meedoen))
      end,
    }
    """

let setUp: Void = {
    folder.write("data/indicators.csv", indicators)
    folder.write("data/wijken.csv", wijken)
    folder.write("plugins/effect.lua", effect)
    folder.write("plugins/trend.lua", trend)
}()

@_cdecl("FuzzScenario_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzScenario(data, size) }
}

/// The function under test; libFuzzer's runtime also links against this name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    _ = setUp
    let parts = splitParts(Data(bytes: start, count: count), limit: 2)
    let main = folder.write("scenarios/main.yaml", parts[0])
    if parts.count == 2 {
        folder.write("scenarios/other.yaml", parts[1])
    } else {
        try? FileManager.default.removeItem(atPath: folder.path + "/scenarios/other.yaml")
    }
    do {
        let loaded = try ScenarioLoader.load(main)
        let scenario = loaded.scenario
        precondition(scenario.firstYear < scenario.lastYear)
        precondition(scenario.draws >= 1)
        for instance in scenario.instances { precondition(loaded.plugins[instance.plugin] != nil) }
        for axis in scenario.sweep { precondition(!axis.values.isEmpty, "empty sweep axis \(axis.key)") }
        // An accepted scenario must be one that can run: plan it and run one
        // draw, as `wijksim check` does (a plugin may still fail the run).
        let plan = Plan(scenario: scenario, city: loaded.city, plugins: loaded.plugins, draws: 1)
        // Large but valid grids and spans are fine and only slow: not run here.
        guard plan.variants <= 1000, plan.stepCount <= 100 else { return 0 }
        do {
            _ = try Engine.run(plan, threads: 1)
        } catch let failure as RunFailure {
            precondition(!failure.message.isEmpty)
        }
    } catch {
        FuzzOracle.expectLocated(error)
    }
    return 0
}
