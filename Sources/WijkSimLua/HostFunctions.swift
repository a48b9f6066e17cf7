import CLua
import CLuaShim
import CVectorMath
import WijkSimModel

/// `ctx` and `p` as plugins see them (CONTRACT §3). Fields are looked up on
/// access, so a plugin pays only for what it reads, and nothing is copied:
/// `ctx.x.ID` is a view of the engine's state buffer. `ctx:add` and
/// `ctx:spend` are recorded and applied when the step returns, in the order
/// they were called (`VectorArena`).
enum HostFunctions {
    /// `from` and `to` extend CONTRACT §3 (compatibly): the instance's window
    /// as numbers, so an effect can fade by years since `to`.
    static let ctxFields = ["year", "first_year", "last_year", "from", "to", "active", "since", "x", "x0", "city", "wijk", "add", "spend"]

    static let ctxFieldIndex = NameTable(ctxFields)

    static let ctxIndex: wjs_Function = { L, c in
        let host = LuaHost.from(c)
        guard let bytes = host.lua.bytes(at: 2), let field = ctxFieldIndex.index(of: bytes) else {
            guard let key = host.lua.string(at: 2) else { return host.fail("ctx has no field of type \(host.lua.typeName(at: 2))") }
            return host.fail("ctx has no field '\(key)'\(NearestName.suggestion(for: key, among: ctxFields))")
        }
        // fields read one by one: a copy of `bindings` retained every array in it
        switch field {
        case 0: lua_pushinteger(L, lua_Integer(host.bindings.year))
        case 1: lua_pushinteger(L, lua_Integer(host.bindings.firstYear))
        case 2: lua_pushinteger(L, lua_Integer(host.bindings.lastYear))
        case 3: lua_pushinteger(L, lua_Integer(host.bindings.isRule ? host.bindings.firstYear : host.bindings.from))
        case 4: lua_pushinteger(L, lua_Integer(host.bindings.isRule ? host.bindings.lastYear : host.bindings.to))
        case 5:
            let year = host.bindings.year
            let active = host.bindings.isRule || (host.bindings.from <= year && year <= host.bindings.to)
            return host.pushUniform(active ? 1 : 0)
        case 6: return host.pushUniform(Double(host.bindings.year - (host.bindings.isRule ? host.bindings.firstYear : host.bindings.from)))
        case 7: wjs_getref(L, host.stateProxyRefs[0])
        case 8: wjs_getref(L, host.stateProxyRefs[1])
        case 9: wjs_getref(L, host.stateProxyRefs[2])
        case 10: wjs_getref(L, host.stateProxyRefs[3])
        case 11: wjs_getref(L, host.addFunctionRef)
        default: wjs_getref(L, host.spendFunctionRef)
        }
        return 1
    }

    static let readOnly: wjs_Function = { _, c in
        LuaHost.from(c).fail("ctx and p are read-only; keep your own values in local variables")
    }

    static let paramIndex: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        let current = host.current.plugin
        guard let key = host.lua.bytes(at: 2), let index = host.plugins[current].paramIndex.index(of: key) else {
            let plugin = host.plugins[current]
            let key = host.lua.string(at: 2) ?? host.lua.typeName(at: 2)
            let names = plugin.descriptor.params.map(\.name)
            return host.fail("plugin \(plugin.descriptor.id) has no parameter '\(key)'\(NearestName.suggestion(for: key, among: names)); declare it in params")
        }
        if index < host.bindings.paramConstants.count, let value = host.bindings.paramConstants[index] {
            return host.pushUniform(value)
        }
        if index < host.bindings.paramBlocks.count, let perBlock = host.bindings.paramBlocks[index] {
            return host.pushView(perBlock, perBlock: true)
        }
        return host.pushView(host.bindings.params[index])
    }

    static let xIndex: wjs_Function = { _, c in
        LuaHost.from(c).readsState = true
        return indicator(c, "ctx.x") { $0.x }
    }
    static let x0Index: wjs_Function = { _, c in indicator(c, "ctx.x0") { $0.x0 } }
    static let cityIndex: wjs_Function = { _, c in
        // per block where the engine lends it so: the average is one number per draw
        let host = LuaHost.from(c)
        host.coupledWijken = true
        let perBlock = !host.bindings.cityBlocks.isEmpty
        return indicator(c, "ctx.city", perBlock: perBlock) { perBlock ? $0.cityBlocks : $0.city }
    }

    static func indicator(_ c: UnsafeMutableRawPointer?, _ table: String, perBlock: Bool = false,
                          _ buffers: (StepBindings) -> [UnsafeMutablePointer<Double>]) -> Int32 {
        let host = LuaHost.from(c)
        guard let bytes = host.lua.bytes(at: 2), let index = host.indicatorIndex.index(of: bytes) else {
            let key = host.lua.string(at: 2) ?? host.lua.typeName(at: 2)
            return host.fail("\(table): unknown indicator '\(key)'\(NearestName.suggestion(for: key, among: host.indicatorNames))")
        }
        return host.pushView(buffers(host.bindings)[index], perBlock: perBlock)
    }

    static let wijkIndex: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        guard let bytes = host.lua.bytes(at: 2), let index = host.attributeIndex.index(of: bytes) else {
            let key = host.lua.string(at: 2) ?? host.lua.typeName(at: 2)
            return host.fail("ctx.wijk: unknown attribute '\(key)'\(NearestName.suggestion(for: key, among: host.attributeNames)) (a numeric column of wijken.csv)")
        }
        return host.pushView(host.bindings.attributes[index])
    }

    /// ctx:add(ID, v): adds v to the change of ID, only in targeted lanes.
    static let add: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        guard host.inStep else { return host.fail("ctx:add works only during a step") }
        let current = host.current.plugin
        guard let bytes = host.lua.bytes(at: 2) else {
            return host.fail("bad argument #1 to 'add' (indicator id expected, got \(host.lua.typeName(at: 2)))")
        }
        guard let index = host.indicatorIndex.index(of: bytes) else {
            let id = host.lua.string(at: 2) ?? ""
            return host.fail("add: unknown indicator '\(id)'\(NearestName.suggestion(for: id, among: host.indicatorNames))")
        }
        guard host.plugins[current].writes[index] else {
            let writes = host.plugins[current].descriptor.writes.map { "\"\($0)\"" }.joined(separator: ", ")
            return host.fail("add: '\(host.indicatorNames[index])' is not in the plugin's writes {\(writes)}")
        }
        guard let value = argument(host, 3, position: 2, "add") else { return WJS_RAISE }
        let traced = index == host.bindings.traceIndicator ? host.bindings.trace : nil
        guard host.arena.sink(value, into: host.bindings.adds[index], mask: host.bindings.mask!, isSpend: false, trace: traced,
                              traceWijk: host.bindings.traceWijk, capture: host.nextAddCapture(indicator: index),
                              line: wjs_caller_line(host.lua.L), indicator: index) else {
            return host.fail(host.tooManyVectors)
        }
        return 0
    }

    /// ctx:spend(v): adds v euros to this instance's cost in this year.
    static let spend: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        guard host.inStep else { return host.fail("ctx:spend works only during a step") }
        guard let value = argument(host, 2, position: 1, "spend") else { return WJS_RAISE }
        if host.bindings.isRule { host.coupledWijken = true }
        guard host.arena.sink(value, into: host.bindings.spend!, mask: host.bindings.mask!, isSpend: true,
                              capture: host.nextSpendCapture(), line: wjs_caller_line(host.lua.L), indicator: -1) else {
            return host.fail(host.tooManyVectors)
        }
        return 0
    }

    /// A method's argument, numbered as Lua numbers them (without `self`).
    static func argument(_ host: LuaHost, _ index: Int32, position: Int, _ name: String) -> Operand? {
        switch host.operand(at: index) {
        case let .operand(value): return value
        case let .failure(message):
            _ = host.fail("bad argument #\(position) to '\(name)' (\(message))")
            return nil
        }
    }
}
