import CLua
import CLuaShim
import WijkSimModel

/// Reads the table a plugin file returns into a `PluginDescriptor`, with raw
/// access only (a plugin's metamethods never run), and reports every way the
/// table breaks CONTRACT §3 and §10. Each field is read by a protected call
/// in C (`wjs_rawgetfield`): the plugin may have left its memory at the cap,
/// and the key's string may not fit; that ends as a clean `BadInput`.
final class PluginTableReader {
    let lua: LuaState
    let file: String
    let shown: String
    let source: String
    /// Set when a field could not be read for want of memory.
    private var outOfMemory = false

    init(lua: LuaState, file: String, shown: String, source: String) {
        self.lua = lua
        self.file = file
        self.shown = shown
        self.source = source
    }

    /// Where the table's entries are written, for the line of a problem
    /// (scanned only when there is one).
    var lines: PluginSourceLines { PluginSourceLines(source: source) }

    var L: OpaquePointer { lua.L }

    func read(tableAt index: Int32) throws -> PluginDescriptor {
        guard wjs_istable(L, index) != 0 else {
            throw BadInput("\(shown): a plugin must return a table (got \(lua.typeName(at: index)))")
        }
        let table = lua_absindex(L, index)
        var problems = DiagnosticList()
        let stem = FileStem.of(file)
        let id = stringField(table, "id")
        if id == nil {
            problems.add("field 'id' must be a string (the file name, \"\(stem)\")", at: location(lines.line(of: "id")))
        } else if id != stem {
            problems.add("id \"\(id!)\" must equal the file name \"\(stem)\"", at: location(lines.line(of: "id")))
        }
        if field(table, "step") != LUA_TFUNCTION {
            problems.add("field 'step' must be a function step(ctx, p)", at: location(lines.line(of: "step")))
        }
        wjs_pop(L, 1)
        let title = stringField(table, "title") ?? id ?? stem
        let doc = stringField(table, "doc") ?? ""
        let writes = readWrites(table, &problems)
        let params = readParams(table, &problems)
        // what is missing may only have been unreadable
        if outOfMemory { throw BadInput("\(shown): \(lua.outOfMemoryMessage)") }
        try problems.check()
        return PluginDescriptor(id: stem, title: title, doc: doc, params: params, writes: writes, file: file, source: source)
    }

    /// Pushes `table[key]` (raw) and returns its type; nil when it could not be read.
    private func field(_ table: Int32, _ key: String) -> Int32 {
        let type = wjs_rawgetfield(L, table, key)
        if type == LUA_TNONE { outOfMemory = true; return LUA_TNIL }
        return type
    }

    /// The plugin file, with the line found in its source text when there is one.
    func location(_ line: Int?) -> SourceLocation { SourceLocation(file: file, line: line) }

    private func stringField(_ table: Int32, _ key: String) -> String? {
        defer { wjs_pop(L, 1) }
        return field(table, key) == LUA_TSTRING ? lua.string(at: -1) : nil
    }

    private func readWrites(_ table: Int32, _ problems: inout DiagnosticList) -> [String] {
        defer { wjs_pop(L, 1) }
        let type = field(table, "writes")
        if type == LUA_TNIL { return [] }
        guard type == LUA_TTABLE else {
            problems.add("field 'writes' must be a list of indicator ids", at: location(lines.line(of: "writes")))
            return []
        }
        var writes: [String] = []
        // rawlen, rawgeti and next read what exists: they neither allocate nor raise
        let count = lua_rawlen(L, -1)
        for i in 0..<Int64(count) {
            _ = lua_rawgeti(L, -1, i + 1)
            if let id = lua.string(at: -1) { writes.append(id) } else {
                problems.add("writes[\(i + 1)] must be an indicator id (a string)", at: location(lines.line(of: "writes")))
            }
            wjs_pop(L, 1)
        }
        return writes
    }

    private func readParams(_ table: Int32, _ problems: inout DiagnosticList) -> [ParameterSpec] {
        defer { wjs_pop(L, 1) }
        let type = field(table, "params")
        if type == LUA_TNIL { return [] }
        guard type == LUA_TTABLE else {
            problems.add("field 'params' must be a table of parameters", at: location(lines.line(of: "params")))
            return []
        }
        let params = lua_absindex(L, -1)
        var specs: [ParameterSpec] = []
        lua_pushnil(L)
        while lua_next(L, params) != 0 {
            defer { wjs_pop(L, 1) }
            guard lua_type(L, -2) == LUA_TSTRING, let name = lua.string(at: -2) else {
                problems.add("params: every key must be a parameter name", at: location(lines.line(of: "params")))
                continue
            }
            if let spec = readParam(name, at: lua_absindex(L, -1), &problems) { specs.append(spec) }
        }
        return specs.sorted { $0.name < $1.name }
    }

    private func readParam(_ name: String, at index: Int32, _ problems: inout DiagnosticList) -> ParameterSpec? {
        let path = "params.\(name)"
        func location(_ field: String? = nil) -> SourceLocation { self.location(lines.line(ofParameter: name, field: field)) }
        guard wjs_istable(L, index) != 0 else {
            problems.add("\(path) must be a table {default = …, min = …, max = …}", at: location())
            return nil
        }
        func number(_ key: String) -> (present: Bool, value: Double?) {
            defer { wjs_pop(L, 1) }
            let type = self.field(index, key)
            if type == LUA_TNIL { return (false, nil) }
            return (true, type == LUA_TNUMBER ? lua_tonumberx(L, -1, nil) : nil)
        }
        func text(_ key: String) -> String? {
            defer { wjs_pop(L, 1) }
            let type = self.field(index, key)
            if type == LUA_TNIL { return nil }
            guard type == LUA_TSTRING else {
                problems.add("\(path).\(key) must be a string", at: location(key))
                return nil
            }
            return lua.string(at: -1)
        }
        let defaultValue = number("default"), minimum = number("min"), maximum = number("max")
        var ok = true
        for (key, field) in [("default", defaultValue), ("min", minimum), ("max", maximum)] where field.present && field.value.map({ !$0.isFinite }) ?? true {
            problems.add("\(path).\(key) must be a finite number", at: location(key))
            ok = false
        }
        guard let value = defaultValue.value, value.isFinite else {
            if !defaultValue.present { problems.add("\(path).default is missing (a number)", at: location()) }
            return nil
        }
        var evidence: EvidenceLevel?
        if let level = text("evidence") {
            evidence = EvidenceLevel(rawValue: level)
            if evidence == nil {
                let known = EvidenceLevel.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                problems.add("\(path).evidence \"\(level)\" is not one of \(known)", at: location("evidence"))
            }
        }
        let spec = ParameterSpec(name: name, defaultValue: value, min: minimum.value, max: maximum.value,
                                 unit: text("unit"), source: text("source"), evidence: evidence)
        if ok, let lo = spec.min, let hi = spec.max, lo > hi {
            problems.add("\(path): min \(lo.shortText) is above max \(hi.shortText)", at: location())
        } else if ok, !spec.allows(value) {
            problems.add("\(path).default \(value.shortText) is outside \(spec.rangeText)", at: location())
        }
        return spec
    }
}

/// The file name without folder and extension: a plugin's id must equal it.
enum FileStem {
    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }
}
