import Foundation

/// A small made-up city for tests: three wijken in two gebieden, two
/// indicators (one of each polarity), written into a scratch folder with
/// whatever plugins and scenarios a test adds. Numbers are chosen so that
/// hand computations stay short.
public final class MiniCity {
    public let folder = ScratchFolder()

    public static let indicators = """
        id,title,unit,polarity,weight,min,max
        armoede,Armoede,% huishoudens,lower_better,households,0,40
        meedoen,Meedoen,% inwoners,higher_better,population,0,100

        """

    public static let wijken = """
        wijk,gebied,households,population,dwellings,armoede,meedoen
        Noord,Boven,100,300,120,20,50
        Oost,Boven,300,100,280,10,70
        Zuid,Beneden,600,600,500,5,80

        """

    public init(indicators: String = MiniCity.indicators, wijken: String = MiniCity.wijken) {
        folder.write("data/indicators.csv", indicators)
        folder.write("data/wijken.csv", wijken)
    }

    public var path: String { folder.path }

    @discardableResult
    public func plugin(_ id: String, _ source: String) -> String { folder.write("plugins/\(id).lua", source) }

    /// Writes `scenarios/NAME.yaml` with the data and plugin paths filled in
    /// unless the body sets them.
    @discardableResult
    public func scenario(_ name: String, _ body: String, header: Bool = true) -> String {
        let prefix = header ? """
            name: \(name)
            years: {from: 2020, to: 2025}
            data: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}

            """ : ""
        return folder.write("scenarios/\(name).yaml", prefix + body)
    }

    /// A plugin that adds `p.delta` (× ctx.active) to one indicator and spends `p.cost` per targeted wijk.
    /// A rule "ruis": standard normal noise times `s` (default 1) on armoede and meedoen every year.
    public static let noisePlugin = """
        return {id = "ruis", params = {s = {default = 1, min = 0, max = 10}}, writes = {"armoede", "meedoen"},
          step = function(ctx, p)
            ctx:add("armoede", p.s * sim.normal())
            ctx:add("meedoen", p.s * sim.normal())
          end}
        """

    public static func constantPlugin(_ id: String, indicator: String = "armoede", delta: Double = 1,
                                      min: Double = -100, max: Double = 100) -> String {
        """
        return {
          id = "\(id)",
          title = "Test \(id)",
          params = {
            delta = {default = \(delta), min = \(min), max = \(max), unit = "pp"},
            cost = {default = 0, min = 0, unit = "EUR"},
          },
          writes = {"\(indicator)"},
          step = function(ctx, p)
            ctx:add("\(indicator)", ctx.active * p.delta)
            ctx:spend(ctx.active * p.cost)
          end,
        }
        """
    }
}
