/// What the engine lends the plugin host for one `step` call: pointers into
/// the engine's lane buffers (structure of arrays, lane = block·W + wijk),
/// valid until the call returns. The host never owns or frees them.
public struct StepBindings {
    public var lanes = 0
    public var wijkCount = 0
    public var year = 0
    public var firstYear = 0
    public var lastYear = 0
    /// Per indicator: state at t, at years.from, and the city average at t.
    public var x: [UnsafeMutablePointer<Double>] = []
    public var x0: [UnsafeMutablePointer<Double>] = []
    public var city: [UnsafeMutablePointer<Double>] = []
    /// Per attribute of `CityData.attributeNames`.
    public var attributes: [UnsafeMutablePointer<Double>] = []
    /// Per indicator: Σ ctx:add of this year, over all instances.
    public var adds: [UnsafeMutablePointer<Double>] = []
    /// Per block: Σ ctx:spend of the current instance this year.
    public var spend: UnsafeMutablePointer<Double>? = nil
    /// Per lane: 1 where the current instance targets the lane's wijk.
    public var mask: UnsafeMutablePointer<Double>? = nil
    /// Per plugin parameter (in the descriptor's order).
    public var params: [UnsafeMutablePointer<Double>] = []
    /// Per plugin parameter: its value when the same in every lane of the
    /// run (neither drawn nor swept), so that it reaches Lua as a uniform vector.
    public var paramConstants: [Double?] = []
    public var from = 0
    public var to = 0
    public var isRule = false
    /// For `sim.normal`/`sim.uniform`: the draw of each block and a key per wijk.
    public var seed: UInt64 = 0
    public var instanceKey: UInt64 = 0
    public var blockDraws: UnsafeMutablePointer<Int>? = nil
    public var wijkKeys: UnsafeMutablePointer<UInt64>? = nil
    /// For `explain`: per block, Σ of the current instance's counted adds to
    /// indicator `traceIndicator` in wijk `traceWijk`.
    public var trace: UnsafeMutablePointer<Double>? = nil
    public var traceIndicator = -1
    public var traceWijk = 0

    public init() {}
}
