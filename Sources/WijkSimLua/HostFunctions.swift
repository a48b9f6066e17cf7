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

    static let ctxIndex: wjs_Function = { L, c in
        let host = LuaHost.from(c)
        guard let key = host.lua.string(at: 2) else { return host.fail("ctx has no field of type \(host.lua.typeName(at: 2))") }
        let b = host.bindings
        switch key {
        case "year": lua_pushinteger(L, lua_Integer(b.year))
        case "first_year": lua_pushinteger(L, lua_Integer(b.firstYear))
        case "last_year": lua_pushinteger(L, lua_Integer(b.lastYear))
        case "from": lua_pushinteger(L, lua_Integer(b.isRule ? b.firstYear : b.from))
        case "to": lua_pushinteger(L, lua_Integer(b.isRule ? b.lastYear : b.to))
        case "active":
            let active = b.isRule || (b.from <= b.year && b.year <= b.to)
            return host.pushUniform(active ? 1 : 0)
        case "since": return host.pushUniform(Double(b.year - (b.isRule ? b.firstYear : b.from)))
        case "x": wjs_getref(L, host.stateProxyRefs[0])
        case "x0": wjs_getref(L, host.stateProxyRefs[1])
        case "city": wjs_getref(L, host.stateProxyRefs[2])
        case "wijk": wjs_getref(L, host.stateProxyRefs[3])
        case "add": wjs_getref(L, host.addFunctionRef)
        case "spend": wjs_getref(L, host.spendFunctionRef)
        default:
            return host.fail("ctx has no field '\(key)'\(NearestName.suggestion(for: key, among: ctxFields))")
        }
        return 1
    }

    static let readOnly: wjs_Function = { _, c in
        LuaHost.from(c).fail("ctx and p are read-only; keep your own values in local variables")
    }

    static let paramIndex: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        let current = host.current.plugin
        guard let key = host.lua.string(at: 2), let index = host.plugins[current].paramIndex[key] else {
            let plugin = host.plugins[current]
            let key = host.lua.string(at: 2) ?? host.lua.typeName(at: 2)
            let names = plugin.descriptor.params.map(\.name)
            return host.fail("plugin \(plugin.descriptor.id) has no parameter '\(key)'\(NearestName.suggestion(for: key, among: names)); declare it in params")
        }
        let b = host.bindings
        if index < b.paramConstants.count, let value = b.paramConstants[index] { return host.pushUniform(value) }
        if index < b.paramBlocks.count, let perBlock = b.paramBlocks[index] { return host.pushView(perBlock, perBlock: true) }
        return host.pushView(b.params[index])
    }

    static let xIndex: wjs_Function = { _, c in indicator(c, "ctx.x") { $0.x } }
    static let x0Index: wjs_Function = { _, c in indicator(c, "ctx.x0") { $0.x0 } }
    static let cityIndex: wjs_Function = { _, c in
        // per block where the engine lends it so: the average is one number per draw
        let perBlock = !LuaHost.from(c).bindings.cityBlocks.isEmpty
        return indicator(c, "ctx.city", perBlock: perBlock) { perBlock ? $0.cityBlocks : $0.city }
    }

    static func indicator(_ c: UnsafeMutableRawPointer?, _ table: String, perBlock: Bool = false,
                          _ buffers: (StepBindings) -> [UnsafeMutablePointer<Double>]) -> Int32 {
        let host = LuaHost.from(c)
        let key = host.lua.string(at: 2) ?? host.lua.typeName(at: 2)
        guard let index = host.indicatorIndex[key] else {
            return host.fail("\(table): unknown indicator '\(key)'\(NearestName.suggestion(for: key, among: host.indicatorNames))")
        }
        return host.pushView(buffers(host.bindings)[index], perBlock: perBlock)
    }

    static let wijkIndex: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        let key = host.lua.string(at: 2) ?? host.lua.typeName(at: 2)
        guard let index = host.attributeIndex[key] else {
            return host.fail("ctx.wijk: unknown attribute '\(key)'\(NearestName.suggestion(for: key, among: host.attributeNames)) (a numeric column of wijken.csv)")
        }
        return host.pushView(host.bindings.attributes[index])
    }

    /// ctx:add(ID, v): adds v to the change of ID, only in targeted lanes.
    static let add: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        guard host.inStep else { return host.fail("ctx:add works only during a step") }
        let current = host.current.plugin
        guard let id = host.lua.string(at: 2) else {
            return host.fail("bad argument #1 to 'add' (indicator id expected, got \(host.lua.typeName(at: 2)))")
        }
        guard let index = host.indicatorIndex[id] else {
            return host.fail("add: unknown indicator '\(id)'\(NearestName.suggestion(for: id, among: host.indicatorNames))")
        }
        guard host.plugins[current].writes[index] else {
            let writes = host.plugins[current].descriptor.writes.map { "\"\($0)\"" }.joined(separator: ", ")
            return host.fail("add: '\(id)' is not in the plugin's writes {\(writes)}")
        }
        guard let value = argument(host, 3, position: 2, "add") else { return WJS_RAISE }
        let b = host.bindings
        let traced = index == b.traceIndicator ? b.trace : nil
        guard host.arena.sink(value, into: b.adds[index], mask: b.mask!, isSpend: false, trace: traced,
                              traceWijk: b.traceWijk, line: wjs_caller_line(host.lua.L), indicator: index) else {
            return host.fail(host.tooManyVectors)
        }
        return 0
    }

    /// ctx:spend(v): adds v euros to this instance's cost in this year.
    static let spend: wjs_Function = { _, c in
        let host = LuaHost.from(c)
        guard host.inStep else { return host.fail("ctx:spend works only during a step") }
        guard let value = argument(host, 2, position: 1, "spend") else { return WJS_RAISE }
        let b = host.bindings
        guard host.arena.sink(value, into: b.spend!, mask: b.mask!, isSpend: true,
                              line: wjs_caller_line(host.lua.L), indicator: -1) else {
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
