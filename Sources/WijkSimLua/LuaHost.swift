import CLua
import CLuaShim
import CVectorMath
import WijkSimModel

/// The plugin host of one worker: a sandboxed Lua state, the plugins loaded
/// into it, the vector arena and the `ctx`/`p` objects that `step` sees
/// (CONTRACT §3). The engine fills `bindings` and calls `step` once per
/// plugin instance per year per chunk; nothing per lane happens in Lua: the
/// step's vector operations are recorded (`VectorArena`) and run in C when it returns.
package final class LuaHost {
    package let lua: LuaState
    package let arena: VectorArena
    package var bindings = StepBindings()

    let indicatorIndex: NameTable
    let indicatorNames: [String]
    let attributeIndex: NameTable
    let attributeNames: [String]
    let wijkNames: [String]
    var plugins: [LoadedPlugin] = []
    var current: (plugin: Int, instance: String) = (0, "")
    var randomCalls: UInt64 = 0
    /// True only while a `step` runs: host functions refuse to work outside one.
    var inStep = false
    /// Set when a step read `ctx.city` or a rule called `ctx:spend`: then
    /// one wijk's numbers depend on another's (a run that leaves some wijken
    /// to a reference checks it). Each run's workers clear it first.
    package var coupledWijken = false
    /// The `ctx:spend` calls of the current step whose lane values were
    /// captured (`StepBindings.spendCapture`); more calls than the limit set
    /// `coupledWijken`, since they cannot be put together again.
    package private(set) var capturedSpends = 0
    /// The indicators of the current step's captured `ctx:add` calls
    /// (`StepBindings.addCapture`), in call order.
    package private(set) var capturedAdds: [Int] = []
    /// The current step made more `ctx:add` calls than are captured.
    package private(set) var addsOverflowed = false
    /// The current step read the state (`ctx.x`): its adds and spends may
    /// differ from another run's of the same instance in the same lanes.
    /// A step that did not is a function of its instance, year and lanes
    /// alone (`ctx.city` couples the wijken instead: `coupledWijken`).
    package var readsState = false
    private var ctxRef: Int32 = 0
    private var paramsRef: Int32 = 0
    private var simRef: Int32 = 0
    private(set) var stateProxyRefs: [Int32] = []
    private(set) var addFunctionRef: Int32 = 0
    private(set) var spendFunctionRef: Int32 = 0

    /// A class, not a struct: `p.NAME` and `ctx:add` look it up on every
    /// call, and copying a struct retained the descriptor, which all workers
    /// share, so two threads fought over its reference counts.
    final class LoadedPlugin {
        let descriptor: PluginDescriptor
        let stepRef: Int32
        let paramIndex: NameTable
        let writes: [Bool]
        let chunkName: String
        /// What Lua calls the chunk; differs from `chunkName` only for long paths.
        let chunkLabel: String

        init(descriptor: PluginDescriptor, stepRef: Int32, paramIndex: NameTable, writes: [Bool],
             chunkName: String, chunkLabel: String) {
            self.descriptor = descriptor
            self.stepRef = stepRef
            self.paramIndex = paramIndex
            self.writes = writes
            self.chunkName = chunkName
            self.chunkLabel = chunkLabel
        }
    }

    /// `indicators` and `attributes` name what `ctx.x.*` and `ctx.wijk.*`
    /// may read; `capacity` is the most lanes a step will see.
    package init(indicators: [String] = [], attributes: [String] = [], wijken: [String] = [], capacity: Int = 1,
                memoryLimit: Int = LuaState.defaultMemoryLimit) {
        wijkNames = wijken
        lua = LuaState(memoryLimit: memoryLimit)
        arena = VectorArena(capacity: capacity)
        indicatorNames = indicators
        attributeNames = attributes
        indicatorIndex = NameTable(indicators)
        attributeIndex = NameTable(attributes)
        installVectorMetatable()
        simRef = makeSimTable()
        ctxRef = makeProxy(index: HostFunctions.ctxIndex, name: "ctx")
        paramsRef = makeProxy(index: HostFunctions.paramIndex, name: "p")
        // made here, not on a step's first `ctx.x`: there a new object could
        // meet the memory cap inside a Swift callback
        stateProxyRefs = [
            makeProxy(index: HostFunctions.xIndex, name: "ctx.x"),
            makeProxy(index: HostFunctions.x0Index, name: "ctx.x0"),
            makeProxy(index: HostFunctions.cityIndex, name: "ctx.city"),
            makeProxy(index: HostFunctions.wijkIndex, name: "ctx.wijk"),
        ]
        addFunctionRef = makeFunction(HostFunctions.add)
        spendFunctionRef = makeFunction(HostFunctions.spend)
    }

    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ context: UnsafeMutableRawPointer?) -> LuaHost {
        Unmanaged<LuaHost>.fromOpaque(context!).takeUnretainedValue()
    }

    // MARK: Loading

    /// Runs a plugin file in a fresh sandbox and reads its table. Throws
    /// `BadInput` naming the file (and Lua's line) when the file breaks §3.
    @discardableResult
    package func loadPlugin(file: String, source: String) throws -> (index: Int, descriptor: PluginDescriptor) {
        let L = lua.L
        let base = lua.top
        defer { lua.top = base }
        let shown = DisplayPath.of(file)
        let label = LuaHost.chunkLabel(for: shown, index: plugins.count)
        let status = source.withCString { wjs_loadtext(L, $0, source.utf8.count, label) }
        if status != LUA_OK {
            let message = status == LUA_ERRMEM ? lua.outOfMemoryMessage : lua.string(at: -1) ?? "cannot be loaded"
            throw BadInput(LuaHost.locate(message, label: label, shown: shown))
        }
        wjs_getref(L, simRef)
        if let message = lua.pushSandboxEnvironment(sim: -1) {
            throw BadInput(LuaHost.locate(message, label: label, shown: shown))
        }
        wjs_replace(L, -2)
        _ = lua_setupvalue(L, -2, 1)
        if let message = lua.protectedCall(arguments: 0, results: 1) {
            throw BadInput(LuaHost.locate(message, label: label, shown: shown))
        }
        let reader = PluginTableReader(lua: lua, file: file, shown: shown, source: source)
        let descriptor = try reader.read(tableAt: -1)
        // `read` found the function, so only a full state fails here
        let stepRef = wjs_rawgetfield(L, -1, "step") == LUA_TFUNCTION ? wjs_ref(L) : LUA_NOREF
        guard stepRef != LUA_NOREF else { throw BadInput("\(shown): \(lua.outOfMemoryMessage)") }
        let index = plugins.count
        plugins.append(LoadedPlugin(
            descriptor: descriptor,
            stepRef: stepRef,
            paramIndex: NameTable(descriptor.params.map(\.name)),
            writes: indicatorNames.map { descriptor.writes.contains($0) },
            chunkName: shown,
            chunkLabel: label))
        return (index, descriptor)
    }

    /// Lua cuts chunk names at 60 bytes ("...e/plugins/x.lua"), so a long
    /// path gets a short stand-in that `locate` swaps back in messages.
    static func chunkLabel(for shown: String, index: Int) -> String {
        shown.utf8.count <= 56 ? "@" + shown : "=plugin\u{1}\(index)"
    }

    /// The message with the plugin's path in front (Lua's own `path:line:`
    /// where it gave one), long paths restored.
    static func locate(_ message: String, label: String, shown: String) -> String {
        let text = label.hasPrefix("=") ? message.replacingOccurrences(of: String(label.dropFirst()), with: shown) : message
        return text.hasPrefix(shown) ? text : "\(shown): \(text)"
    }

    // MARK: Stepping

    /// Where the next `ctx:spend` leaves its lane values, if they are captured.
    func nextSpendCapture() -> UnsafeMutablePointer<Double>? {
        guard let capture = bindings.spendCapture else { return nil }
        guard capturedSpends < bindings.spendCaptureLimit else {
            coupledWijken = true
            return nil
        }
        capturedSpends += 1
        return capture + (capturedSpends - 1) * bindings.spendCaptureStride
    }

    /// Where the next `ctx:add` (to `indicator`) leaves its lane values, if they are captured.
    func nextAddCapture(indicator: Int) -> UnsafeMutablePointer<Double>? {
        guard let capture = bindings.addCapture else { return nil }
        guard capturedAdds.count < bindings.addCaptureLimit else {
            addsOverflowed = true
            return nil
        }
        capturedAdds.append(indicator)
        return capture + (capturedAdds.count - 1) * bindings.spendCaptureStride
    }

    /// Calls plugin `plugin`'s `step(ctx, p)` over `bindings.lanes` lanes.
    /// A Lua error, a stale vector or a non-finite add becomes a `RunFailure`
    /// naming the plugin file:line, the instance and the year.
    package func step(plugin: Int, instance: String) throws {
        let L = lua.L
        current = (plugin, instance)
        randomCalls = 0
        capturedSpends = 0
        capturedAdds.removeAll(keepingCapacity: true)
        addsOverflowed = false
        readsState = false
        arena.reset(lanes: bindings.lanes, wijkCount: bindings.wijkCount,
                    reaching: bindings.maskRepeatsPerBlock ? bindings.mask.map { UnsafePointer($0) } : nil)
        let base = lua.top
        defer { lua.top = base }
        wjs_getref(L, plugins[plugin].stepRef)
        wjs_getref(L, ctxRef)
        wjs_getref(L, paramsRef)
        inStep = true
        let year = bindings.year
        StepWatchdog.shared.begin(self) { [unowned self] in
            "\(self.plugins[plugin].chunkName): in step of \(self.describe(instance: instance)), year \(year)"
        }
        let failure = lua.protectedCall(arguments: 2, results: 0)
        StepWatchdog.shared.end(self)
        inStep = false
        if let message = failure {
            let located = LuaHost.locate(message, label: plugins[plugin].chunkLabel, shown: plugins[plugin].chunkName)
            throw RunFailure("\(located)\n  in step of \(describe(instance: instance)), year \(bindings.year)")
        }
        if let failed = arena.run() {
            let origin = arena.sinkOrigins[failed.sink]
            let what = origin.indicator >= 0 ? "add to '\(indicatorNames[origin.indicator])'" : "spend"
            let text: String
            if let lane = failed.lane {
                let wijk = lane % max(bindings.wijkCount, 1)
                let name = wijk < wijkNames.count ? wijkNames[wijk] : "#\(wijk + 1)"
                let value = failed.value.isNaN ? "NaN" : failed.value.description
                text = "\(what) is \(value) in wijk \(name); NaN or infinity may not reach the state"
            } else {
                text = "\(what) is not a finite number"
            }
            let label = plugins[plugin].chunkLabel
            let line = origin.line >= 0 ? "\(label.dropFirst()):\(origin.line): " : ""
            let located = LuaHost.locate(line + text, label: label, shown: plugins[plugin].chunkName)
            throw RunFailure("\(located)\n  in step of \(describe(instance: instance)), year \(bindings.year)")
        }
    }

    func describe(instance: String) -> String {
        let id = plugins[current.plugin].descriptor.id
        return instance == id ? "instance \(instance)" : "instance \(instance) (plugin \(id))"
    }

    // MARK: Lua objects
    //
    // Made in `init`, unprotected: no pcall is active there (an error would
    // abort, not longjmp over Swift) and the fresh state is far below its cap.

    private func installVectorMetatable() {
        let L = lua.L
        wjs_newtable(L)
        let entries: [(String, wjs_Function)] = [
            ("__add", VectorFunctions.add), ("__sub", VectorFunctions.sub), ("__mul", VectorFunctions.mul),
            ("__div", VectorFunctions.div), ("__pow", VectorFunctions.pow), ("__unm", VectorFunctions.unm),
            ("__lt", VectorFunctions.compare), ("__le", VectorFunctions.compare),
            ("__concat", VectorFunctions.concat), ("__index", VectorFunctions.index),
            ("__newindex", VectorFunctions.index), ("__call", VectorFunctions.call),
            ("__len", VectorFunctions.length), ("__tostring", VectorFunctions.describe),
            ("__mod", VectorFunctions.unsupported), ("__idiv", VectorFunctions.unsupported),
        ]
        for (name, function) in entries {
            wjs_pushfunction(L, function, context)
            wjs_rawsetfield(L, -2, name)
        }
        lua.push("vector")
        wjs_rawsetfield(L, -2, "__metatable")
        wjs_set_lightuserdata_metatable(L)
    }

    private func makeSimTable() -> Int32 {
        let L = lua.L
        wjs_newtable(L)
        for (name, function) in SimFunctions.all {
            wjs_pushfunction(L, function, context)
            wjs_rawsetfield(L, -2, name)
        }
        return reference()
    }

    /// A read-only object: a zero-size userdata whose `__index` is `index`,
    /// so a plugin can neither rawset into it nor reach its metatable.
    private func makeProxy(index: wjs_Function, name: String) -> Int32 {
        let L = lua.L
        _ = lua_newuserdatauv(L, 0, 0)
        wjs_newtable(L)
        wjs_pushfunction(L, index, context)
        wjs_rawsetfield(L, -2, "__index")
        wjs_pushfunction(L, HostFunctions.readOnly, context)
        wjs_rawsetfield(L, -2, "__newindex")
        lua.push(name)
        wjs_rawsetfield(L, -2, "__metatable")
        _ = lua_setmetatable(L, -2)
        return reference()
    }

    private func makeFunction(_ function: wjs_Function) -> Int32 {
        wjs_pushfunction(lua.L, function, context)
        return reference()
    }

    private func reference() -> Int32 {
        let ref = wjs_ref(lua.L)
        precondition(ref != LUA_NOREF, "could not set up the Lua host (out of memory)")
        return ref
    }

    // MARK: Helpers for the C-callable functions
    //
    // These run inside Lua calls, between a pcall and the C trampoline: they
    // push only numbers and light userdata, and an error goes through `fail`.

    /// Hands `message` to the trampoline, which raises it; returns its sentinel.
    func fail(_ message: String) -> Int32 {
        lua.raise(message)
    }

    /// Cannot raise: a light userdata needs no memory, and the trampoline's
    /// caller left LUA_MINSTACK free slots.
    func pushVector(_ handle: UInt64) {
        lua_pushlightuserdata(lua.L, UnsafeMutableRawPointer(bitPattern: UInt(handle)))
    }

    enum OperandResult { case operand(Operand), failure(String) }

    /// Reads argument `index` as a number or a live vector.
    func operand(at index: Int32) -> OperandResult {
        let L = lua.L
        switch lua_type(L, index) {
        case LUA_TNUMBER:
            return .operand(.scalar(lua_tonumberx(L, index, nil)))
        case LUA_TLIGHTUSERDATA:
            let bits = UInt64(UInt(bitPattern: lua_touserdata(L, index)))
            switch arena.resolve(bits) {
            case let .node(node, perBlock): return .operand(.node(node, perBlock: perBlock))
            case let .uniform(value): return .operand(.uniform(value))
            case .stale: return .failure("vector used after the step that made it ended (keep numbers, not vectors, between steps)")
            case .invalid: return .failure("not a vector of this step")
            }
        default:
            return .failure("number or vector expected, got \(lua.typeName(at: index))")
        }
    }

    /// A buffer for a value computed at once (random numbers), or nil when
    /// the step made too many.
    func newVector() -> (UInt64, UnsafeMutablePointer<Double>)? {
        arena.temporary()
    }

    var tooManyVectors: String {
        "too many vectors in one step (at most \(arena.maxNodes), of which \(arena.maxTemporaries) random); is a loop creating vectors without end?"
    }

    /// Pushes a view of an engine buffer (per lane, or per block), or fails
    /// when the step has made too many vectors.
    func pushView(_ buffer: UnsafePointer<Double>, perBlock: Bool = false) -> Int32 {
        guard let handle = arena.leaf(buffer, perBlock: perBlock) else { return fail(tooManyVectors) }
        pushVector(handle)
        return 1
    }

    /// Pushes `op` applied to the operands: recorded in the step's program
    /// when one is a vector node; computed at once when all are numbers or
    /// uniform vectors, giving a uniform vector, or a plain number when
    /// `numbers` says that numbers alone give one (as `sim.*` and Lua's
    /// math do) and none was a vector.
    @inline(__always)
    func pushResult(of op: Int32, _ a: Operand, _ b: Operand? = nil, _ c: Operand? = nil, numbers: Bool = false) -> Int32 {
        if let x = a.constant, b?.constant != nil || b == nil, c?.constant != nil || c == nil {
            let value = wjs_apply_constant(op, x, b?.constant ?? 0, c?.constant ?? 0)
            if numbers && !a.isUniform && b?.isUniform != true && c?.isUniform != true {
                lua_pushnumber(lua.L, value)
                return 1
            }
            return pushUniform(value)
        }
        // x · 1, 1 · x and x / 1 are x bit for bit (IEEE multiplication and
        // division by 1 are exact): the vector itself, no instruction. Most
        // common as `ctx.active * …` in an active year, and `r * …` with r = 1.
        if c == nil, let b, op == Int32(WJS_OP_MUL) || op == Int32(WJS_OP_DIV) {
            if b.constant == 1, case let .node(node, _) = a {
                pushVector(arena.handle(of: node))
                return 1
            }
            if op == Int32(WJS_OP_MUL), a.constant == 1, case let .node(node, _) = b {
                pushVector(arena.handle(of: node))
                return 1
            }
        }
        guard let handle = arena.record(op, a, b, c) else { return fail(tooManyVectors) }
        pushVector(handle)
        return 1
    }

    /// Pushes a uniform vector: ctx.active, ctx.since, a fixed parameter,
    /// or a result computed from uniform vectors and numbers only.
    func pushUniform(_ value: Double) -> Int32 {
        guard let handle = arena.uniform(value) else { return fail(tooManyVectors) }
        pushVector(handle)
        return 1
    }
}
