/// Turns fuzz bytes into Lua source for a plugin, from a grammar of the
/// statements and expressions plugins write (CONTRACT §3) plus the hostile
/// ones an escape would try. Each byte is one choice, so libFuzzer's
/// mutations move between nearby programs; when the bytes run out every
/// choice is 0, which always ends in a small, finished program.
///
/// `__gc` metamethods were left out of the second run, after the first
/// found that a finalizer ran inside whatever step the collector
/// interrupted (fuzz/README.md, finding 4); the sandbox now refuses them,
/// and they are back in, to check that the refusal holds.
struct LuaGrammar {
    private var bytes: [UInt8]
    private var next = 0
    private var locals: [String] = []
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var exhausted: Bool { next >= bytes.count }

    mutating func choose(_ n: Int) -> Int {
        guard next < bytes.count else { return 0 }
        defer { next += 1 }
        return Int(bytes[next]) % n
    }

    mutating func pick(_ options: [String]) -> String { options[choose(options.count)] }

    // MARK: Plugin

    mutating func plugin(id: String) -> String {
        var text = ""
        for _ in 0..<choose(3) { text += topLevel() + "\n" }
        let params = (0..<choose(4)).map { _ in param() }.joined(separator: ",\n    ")
        let writes = pick(["{\"out\"}", "{\"out\", \"a\"}", "{}", "{\"out\", \"zzz\"}", "{1}", "\"out\"", "nil"])
        let body = block(statements: 1 + choose(6))
        let idField = pick(["\"\(id)\"", "\"\(id)\"", "\"\(id)\"", "\"other\"", "42", "nil"])
        let stepField = pick(["function(ctx, p)\n\(body)\n  end", "function(ctx, p)\n\(body)\n  end",
                              "function(ctx, p)\n\(body)\n  end", "42", "nil"])
        text += """
            return {
              id = \(idField),
              title = \(pick(["\"Fuzz\"", "nil", "{}"])),
              params = {
                \(params)
              },
              writes = \(writes),
              step = \(stepField),
            }
            """
        return text
    }

    mutating func param() -> String {
        let name = pick(["k", "bereik", "effect", "kosten", "[1]", "[\"with space\"]"])
        let fields = [
            "default = \(number())", "min = \(number())", "max = \(number())", "unit = \"pp\"",
            "source = \"schatting\"", "evidence = \(pick(["\"schatting\"", "\"effectief\"", "\"sterk\"", "3"]))",
        ]
        var chosen = ["default = \(pick(["0.5", "1", "-2", "0", "1e308", "0/0", "\"x\""]))"]
        for _ in 0..<choose(4) { chosen.append(fields[choose(fields.count)]) }
        return choose(8) == 0 ? "\(name) = \(number())" : "\(name) = {\(chosen.joined(separator: ", "))}"
    }

    mutating func topLevel() -> String {
        pick([
            "local helper = function(x) return x * 2 end",
            "shared = \(number())",
            "math.floor = nil",
            "sim.min = function() return 0 end",
            "string.rep = nil",
            "local big = string.rep(\"x\", \(pick(["10", "1e6", "2^27", "2^31"])))",
            "setmetatable(_G, {__index = function(t, k) return k end})",
            "error(\"load failed\")",
            "local t = {}; for i = 1, \(pick(["10", "1e5"])) do t[i] = i end",
            "local x = sim.normal()",
            "local y = sim.max(1, 2)",
            "setmetatable({}, {__gc = function() kept_gc = true end})",
        ])
    }

    // MARK: Statements

    mutating func block(statements n: Int) -> String {
        let saved = locals.count
        depth += 1
        defer { depth -= 1; locals.removeLast(locals.count - saved) }
        return (0..<n).map { _ in String(repeating: "  ", count: depth + 1) + statement() }.joined(separator: "\n")
    }

    mutating func statement() -> String {
        let nested = depth < 3
        switch choose(nested ? 26 : 20) {
        case 0, 1:
            let name = "v\(locals.count)"
            let text = "local \(name) = \(vector())"
            locals.append(name)
            return text
        case 2, 3: return "ctx:add(\(indicatorName()), \(vector()))"
        case 4: return "ctx:spend(\(vector()))"
        case 5: return "kept = \(vector())"
        case 6: return "local _ = \(pick(["kept", "kept_gc", "tostring(kept)", "#ctx.x.a", "ctx.x.a .. \"x\""]))"
        case 7: return "local _ = \(hostile())"
        case 8: return pick(["sim = nil", "ctx = nil", "p = nil", "sim.where = nil", "_G.sim = {}", "_ENV = nil"])
        case 9: return "error(\(pick(["\"boom\"", "{}", "nil", "42", "ctx.x.a", "setmetatable({}, {__tostring = function() return 'x' end})"])))"
        case 10: return "local t = {}; for i = 1, \(pick(["3", "100", "1000"])) do t[i] = \(vector()) end"
        case 11: return "local s = string.rep(\(pick(["\"x\"", "\"ab\""])), \(pick(["3", "1e4", "2^20", "2^28", "2^31", "-1"])))"
        case 12: return "local ok, err = pcall(\(pick(["error", "ctx.add", "sim.min", "function() return ctx.x.nope end", "string.rep"])), \(vector()))"
        case 13: return "setmetatable(\(pick(["{}", "ctx", "p", "\"\"", "ctx.x.a", "sim"])), \(pick(["{}", "nil", "{__index = ctx}", "{__gc = function() ctx:add(\"out\", 1) end}", "setmetatable({}, {__gc = print})"])))"
        case 14: return "return \(pick(["", "1", "ctx.x.a", "nil, 2"]))"
        case 15: return "local ok = \(pick(["rawequal(ctx.x.a, ctx.x.a)", "rawlen({1})", "next({})", "select('#', 1, 2)", "type(ctx.x.a)", "getmetatable(ctx.x.a)", "tostring(p)", "ipairs({})"]))"
        case 16: return "local r = sim.\(simFunction())(\(arguments()))"
        case 17: return "local f = \(pick(["sim.where", "ctx.add", "math.max", "string.format", "tostring"]))"
        case 18: return "local n = \(scalar())"
        case 19: return "local u = \(pick(["utf8.char(72, 0x10FFFF)", "string.format('%q', 1/0)", "table.concat({1, 2}, ',')", "('x'):byte(1, -1)", "math.tointeger(3.0)", "string.pack('i4', 7)"]))"
        case 20: return "if \(condition()) then\n\(block(statements: 1 + choose(3)))\n\(indent())end"
        case 21: return "for i = 1, \(pick(["2", "10", "100", "0", "-1"])) do\n\(block(statements: 1 + choose(3)))\n\(indent())end"
        case 22: return "local function g(x)\n\(block(statements: 1 + choose(2)))\n\(indent())  return x\n\(indent())end\n\(indent())local _ = g(\(vector()))"
        case 23: return "pcall(function()\n\(block(statements: 1 + choose(3)))\n\(indent())end)"
        case 24: return "while \(pick(["false", "ctx.year < 0", "true"])) do\n\(block(statements: 1))\n\(indent())  break\n\(indent())end"
        default: return "do\n\(block(statements: 1 + choose(2)))\n\(indent())end"
        }
    }

    func indent() -> String { String(repeating: "  ", count: depth + 1) }

    mutating func indicatorName() -> String { pick(["\"out\"", "\"out\"", "\"a\"", "\"b\"", "\"zzz\"", "1", "nil", "ctx.x.a"]) }

    mutating func simFunction() -> String {
        pick(["min", "max", "clamp", "abs", "exp", "log", "sqrt", "where", "gt", "ge", "lt", "le", "ramp", "normal", "uniform", "nope"])
    }

    mutating func arguments() -> String { (0..<choose(4)).map { _ in vector() }.joined(separator: ", ") }

    mutating func condition() -> String {
        pick(["ctx.year > 2023", "ctx.year == ctx.from", "true", "kept == nil", "ctx.x.a < 1", "ctx.x.a == ctx.x.b",
              "p.k", "not kept", "#ctx.x.a > 2", "ctx.active"])
    }

    // MARK: Expressions

    mutating func vector() -> String {
        if depth > 5 { return leaf() }
        switch choose(12) {
        case 0, 1, 2, 3: return leaf()
        case 4, 5:
            depth += 1; defer { depth -= 1 }
            return "(\(vector()) \(pick(["+", "-", "*", "/", "^", "%", "//", "..", "==", "~=", "and", "or", "<"])) \(vector()))"
        case 6:
            depth += 1; defer { depth -= 1 }
            return "\(pick(["-", "-", "#", "not ", "~"]))\(vector())"
        case 7, 8:
            depth += 1; defer { depth -= 1 }
            return "sim.\(simFunction())(\(arguments()))"
        case 9: return pick(["ctx.x", "ctx.wijk", "p", "ctx", "{}", "\"text\"", "nil", "true", "print", "sim"])
        case 10:
            depth += 1; defer { depth -= 1 }
            return "sim.where(sim.gt(\(vector()), \(vector())), \(vector()), \(vector()))"
        default: return scalar()
        }
    }

    mutating func leaf() -> String {
        if !locals.isEmpty, choose(3) == 0 { return locals[choose(locals.count)] }
        return pick(["ctx.x.a", "ctx.x.b", "ctx.x0.a", "ctx.city.out", "ctx.wijk.pupils", "ctx.active", "ctx.since",
                     "p.k", "p.bereik", "sim.normal()", "sim.uniform()", "kept", "ctx.x.nope", "ctx.wijk.pupil",
                     "ctx.x[1]", "ctx.yaer", number()])
    }

    mutating func scalar() -> String {
        pick(["ctx.year", "ctx.first_year", "ctx.last_year", "ctx.from", "ctx.to", "(ctx.year - ctx.from)", number()])
    }

    mutating func number() -> String {
        pick(["0", "1", "-1", "0.5", "3", "1e308", "-1e308", "math.huge", "-math.huge", "0/0", "2^53", "1e-320",
              "math.pi", "math.maxinteger", "math.mininteger", "7 // 2", "3 % 0.0"])
    }

    mutating func hostile() -> String {
        pick([
            "load", "require", "dofile", "loadfile", "io", "os", "debug", "package", "collectgarbage", "coroutine",
            "string.dump", "math.random", "print", "rawget(_G, 'os')", "getmetatable('').__index",
            "('x'):rep(3)", "string.rep('x', 2^10):find('x*y')", "string.format('%s', ctx.x.a)",
            "tostring(ctx.x.a)", "table.concat({ctx.x.a})", "table.unpack({}, 1, 1e6)", "math.floor(ctx.x.a)",
            "table.sort({ctx.x.a, ctx.x.b})", "select(-1)", "utf8.char(-1)", "string.rep('x', 1e9)",
            "setmetatable({}, {__index = function(t, k) return t[k] end}).x",
            "p[1]", "ctx[1]", "ctx.x[true]", "ctx.wijk[ctx.x.a]", "ctx.add(ctx.x, 'out', 1)", "ctx.spend(nil, ctx.x.a)",
            "sim.min(setmetatable({}, {__unm = function() return 1 end}), 1)", "string.format('%5.2f', p.k)",
            "(function() local c <close> = setmetatable({}, {__close = function() ctx:add('out', 1) end}) end)()",
            "select('#', table.unpack({1, 2, 3}))", "table.concat({1, 2}, ctx.x.a)", "utf8.len('\\xff')",
        ])
    }
}
