/// What the engine lends the plugin host for one `step` call: pointers into
/// the engine's lane buffers (structure of arrays, lane = block·W + wijk),
/// valid until the call returns. The host never owns or frees them.
package struct StepBindings {
    package var lanes = 0
    package var wijkCount = 0
    package var year = 0
    package var firstYear = 0
    package var lastYear = 0
    /// Per indicator: state at t, at years.from, and the city average at t.
    package var x: [UnsafeMutablePointer<Double>] = []
    package var x0: [UnsafeMutablePointer<Double>] = []
    package var city: [UnsafeMutablePointer<Double>] = []
    /// Per indicator: the city average at t per block, when the engine lends
    /// it so (empty: `ctx.city` reads `city`, per lane). One number per draw
    /// makes what is computed from it a per-block value in the step's program.
    package var cityBlocks: [UnsafeMutablePointer<Double>] = []
    /// Per attribute of `CityData.attributeNames`.
    package var attributes: [UnsafeMutablePointer<Double>] = []
    /// Per indicator: Σ ctx:add of this year, over all instances.
    package var adds: [UnsafeMutablePointer<Double>] = []
    /// Per block: Σ ctx:spend of the current instance this year.
    package var spend: UnsafeMutablePointer<Double>? = nil
    /// When set, each `ctx:spend` of the step also leaves its lane values
    /// here, `spendCaptureStride` doubles per call, at most
    /// `spendCaptureLimit` calls (`LuaHost.capturedSpends` counts them).
    package var spendCapture: UnsafeMutablePointer<Double>? = nil
    package var spendCaptureStride = 0
    package var spendCaptureLimit = 0
    /// The same for each `ctx:add` (`spendCaptureStride` apart), with its indicator in
    /// `LuaHost.capturedAdds` (`addCaptureLimit` calls at most; a step with
    /// more sets `LuaHost.addsOverflowed`).
    package var addCapture: UnsafeMutablePointer<Double>? = nil
    package var addCaptureLimit = 0
    /// Per lane: 1 where the current instance targets the lane's wijk.
    package var mask: UnsafeMutablePointer<Double>? = nil
    /// The mask is the same in every block (it is the instance's wijken),
    /// so a step computes only the lanes of the wijken it lets through.
    package var maskRepeatsPerBlock = false
    /// Per plugin parameter (in the descriptor's order).
    package var params: [UnsafeMutablePointer<Double>] = []
    /// Per plugin parameter: its values per block when it is the same in
    /// every wijk of a draw (drawn per draw, or swept), else nil.
    package var paramBlocks: [UnsafeMutablePointer<Double>?] = []
    /// Per plugin parameter: its value when the same in every lane of the
    /// run (neither drawn nor swept), so that it reaches Lua as a uniform vector.
    package var paramConstants: [Double?] = []
    package var from = 0
    package var to = 0
    package var isRule = false
    /// For `sim.normal`/`sim.uniform`: the draw of each block and a key per wijk.
    package var seed: UInt64 = 0
    package var instanceKey: UInt64 = 0
    package var blockDraws: UnsafeMutablePointer<Int>? = nil
    package var wijkKeys: UnsafeMutablePointer<UInt64>? = nil
    /// For `explain`: per block, Σ of the current instance's counted adds to
    /// indicator `traceIndicator` in wijk `traceWijk`.
    package var trace: UnsafeMutablePointer<Double>? = nil
    package var traceIndicator = -1
    package var traceWijk = 0

    package init() {}
}
