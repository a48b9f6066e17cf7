import Foundation
import WijkSimLoad
import WijkSimLua
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// Broken plugins (BadInput at load) and failing steps (RunFailure): the
/// message names the plugin's file and line, the instance and the year.
final class PluginErrorTests: XCTestCase {
    // MARK: Loading

    func testSyntaxErrorIsBadInputWithLuasPathAndLine() {
        let source = """
            return {
              id = "broken",
              x = = 1,
              step = function(ctx, p) end,
            }
            """
        guard let bad = badInput({ try LuaStepHarness().load("broken", source) }) else { return }
        assertPrefix(bad.description, "/tmp/x/broken.lua:3:")
        assertContains(bad.description, "unexpected symbol")
    }

    func testRuntimeErrorWhileLoadingNamesTheLine() {
        let source = """
            local t = {}
            error("no table for you")
            return t
            """
        guard let bad = badInput({ try LuaStepHarness().load("loaderr", source) }) else { return }
        assertPrefix(bad.description, "/tmp/x/loaderr.lua:2: no table for you")
    }

    func testPluginMustReturnATable() {
        guard let bad = badInput({ try LuaStepHarness().load("notable", "return 42") }) else { return }
        assertPrefix(bad.description, "/tmp/x/notable.lua")
        assertContains(bad.description, "must return a table")
    }

    func testIdMustEqualTheFileName() {
        let source = PluginSource.make("other", body: "")
        guard let bad = badInput({ try LuaStepHarness().load("named", source) }) else { return }
        XCTAssertEqual(bad.diagnostics.count, 1, bad.description)
        let d = bad.diagnostics[0]
        assertContains(d.message, "\"other\"")
        assertContains(d.message, "must equal the file name \"named\"")
        XCTAssertEqual(d.location?.file, "/tmp/x/named.lua")
        XCTAssertEqual(d.location?.line, 2, "the line of id = …")
        assertPrefix(bad.description, "/tmp/x/named.lua:2: id \"other\"")
    }

    func testMissingStepIsBadInput() {
        let source = """
            return {
              id = "nostep",
              writes = {"out"},
            }
            """
        guard let bad = badInput({ try LuaStepHarness().load("nostep", source) }) else { return }
        XCTAssertEqual(bad.diagnostics.count, 1, bad.description)
        assertContains(bad.diagnostics[0].message, "'step' must be a function")
        XCTAssertEqual(bad.diagnostics[0].location?.file, "/tmp/x/nostep.lua")
        XCTAssertNil(bad.diagnostics[0].location?.line, "no step = … in the text: no line")
    }

    func testDefaultOutsideMinMaxIsBadInput() {
        for params in ["k = {default = 5, min = 0, max = 1}", "k = {default = -1, min = 0}", "k = {default = 2, max = 1}"] {
            let source = PluginSource.make("range", params: params, body: "")
            guard let bad = badInput({ try LuaStepHarness().load("range", source) }) else { continue }
            XCTAssertEqual(bad.diagnostics.count, 1, bad.description)
            assertContains(bad.diagnostics[0].message, "params.k.default")
            assertContains(bad.diagnostics[0].message, "outside")
            XCTAssertEqual(bad.diagnostics[0].location?.file, "/tmp/x/range.lua")
            XCTAssertEqual(bad.diagnostics[0].location?.line, PluginSource.line(of: "params = {", in: source))
            assertPrefix(bad.description, "/tmp/x/range.lua:4: params.k.default")
        }
    }

    /// Lua tables keep no lines: the line of a table error is found in the
    /// source text, inside `params = {…}` and the parameter's own braces.
    func testTableErrorsNameTheLineOfTheEntryInTheSource() {
        let source = """
            -- daling = {default = 9} (a comment, not the parameter)
            local daling = "daling = {"
            return {
              id = "lijnen",
              params = {
                stijging = {default = 0.1, min = 0, max = 1},
                daling={
                  default = 5,
                  min = 0, max = 1,
                  evidence = "sterk",
                },
                ["met spatie"] = {default = 1, unit = 3},
              },
              writes = {"out", true},
              step = function(ctx, p) end,
            }
            """
        guard let bad = badInput({ try LuaStepHarness().load("lijnen", source) }) else { return }
        let found = Set(bad.diagnostics.map(\.description))
        XCTAssertEqual(found, [
            "/tmp/x/lijnen.lua:7: params.daling.default 5 is outside [0, 1]",
            "/tmp/x/lijnen.lua:10: params.daling.evidence \"sterk\" is not one of \"effectief\", \"goed onderbouwd\", \"theoretisch onderbouwd\", \"schatting\"",
            "/tmp/x/lijnen.lua:12: params.met spatie.unit must be a string",
            "/tmp/x/lijnen.lua:14: writes[2] must be an indicator id (a string)",
        ], bad.description)
    }

    /// A table built by code has no `key = …` to find: the error keeps the
    /// file without a line, as before.
    func testTableErrorsBuiltByCodeHaveNoLine() {
        let source = """
            local t = {}
            t["i" .. "d"] = "anders"
            t.step = function(ctx, p) end
            t.params = {}
            t.params["k" .. ""] = {default = 5, max = 1}
            return t
            """
        guard let bad = badInput({ try LuaStepHarness().load("code", source) }) else { return }
        XCTAssertEqual(bad.diagnostics.count, 2, bad.description)
        for d in bad.diagnostics { XCTAssertNil(d.location?.line, d.description) }
        assertContains(bad.description, "/tmp/x/code.lua: id \"anders\" must equal the file name \"code\"")
        assertContains(bad.description, "/tmp/x/code.lua: params.k.default 5 is outside ≤ 1")
    }

    func testDefaultOnTheBoundsIsAccepted() throws {
        let source = PluginSource.make("bounds", params: "lo = {default = 0, min = 0, max = 1}, hi = {default = 1, min = 0, max = 1}", body: "")
        let h = LuaStepHarness()
        let plugin = try h.load("bounds", source)
        XCTAssertEqual(h.descriptors[plugin]!.params.map(\.defaultValue), [1, 0])
    }

    func testUnknownEvidenceLevelIsBadInput() {
        let source = PluginSource.make("evid", params: "k = {default = 1, evidence = \"sterk\"}", body: "")
        guard let bad = badInput({ try LuaStepHarness().load("evid", source) }) else { return }
        XCTAssertEqual(bad.diagnostics.count, 1, bad.description)
        let message = bad.diagnostics[0].message
        assertContains(message, "params.k.evidence \"sterk\"")
        XCTAssertEqual(bad.diagnostics[0].location?.line, 4)
        for level in ["effectief", "goed onderbouwd", "theoretisch onderbouwd", "schatting"] {
            assertContains(message, "\"\(level)\"")
        }
    }

    func testTheFourEvidenceLevelsAreAccepted() throws {
        let expected: [String: EvidenceLevel] = [
            "effectief": .effectief, "goed onderbouwd": .goedOnderbouwd,
            "theoretisch onderbouwd": .theoretischOnderbouwd, "schatting": .schatting,
        ]
        for (text, level) in expected {
            let h = LuaStepHarness()
            let plugin = try h.load("ev", PluginSource.make("ev", params: "k = {default = 1, evidence = \"\(text)\"}", body: ""))
            XCTAssertEqual(h.descriptors[plugin]!.params[0].evidence, level, text)
        }
    }

    func testBinaryChunkIsRefusedByTheHost() {
        let source = "\u{1B}Lua\u{54}\u{00}\u{19}\r\n\u{1A}\nreturn {}"
        guard let bad = badInput({ try LuaStepHarness().load("bin", source) }) else { return }
        assertPrefix(bad.description, "/tmp/x/bin.lua")
        assertContains(bad.description, "binary")
    }

    func testBinaryChunkIsRefusedByTheCatalog() throws {
        let folder = ScratchFolder()
        let file = folder.write("plugins/bin.lua", "\u{1B}Lua\u{54}\u{00}\u{19}\r\n\u{1A}\nreturn {}")
        let catalog = PluginCatalog(path: [folder.path + "/plugins"])
        guard let bad = badInput({ _ = try catalog.read(file: file) }) else { return }
        assertContains(bad.description, "binary")
        XCTAssertEqual(bad.diagnostics.first?.location?.file, file)
        // the same folder with a text plugin reads fine
        let good = folder.write("plugins/good.lua", PluginSource.make("good", body: ""))
        XCTAssertEqual(try catalog.read(file: good).id, "good")
        XCTAssertThrowsError(try catalog.descriptor("bin"))
    }

    // MARK: Step errors: location, instance, year

    func testBadAddArgumentNamesFileLineInstanceAndYear() {
        let source = """
            return {
              id = "badadd",
              writes = {"out"},
              step = function(ctx, p)
                local v = ctx.x.a
                -- a comment
                ctx:add("out", "text")
              end,
            }
            """
        let h = LuaStepHarness()
        h.year = 2027
        let message = runFailure {
            let plugin = try h.load("badadd", source)
            try h.step(plugin, instance: "noord_extra")
        }
        assertPrefix(message, "/tmp/x/badadd.lua:7:")
        assertContains(message, "number or vector expected, got string")
        assertContains(message, "instance noord_extra (plugin badadd)")
        assertContains(message, "year 2027")
    }

    /// GUIDE §3: "Argument errors read like Lua's own: `bad argument #2 to
    /// 'add' (number or vector expected, got string)`" — for `ctx:add(ID, v)`
    /// the value is argument #2 of method 'add', as Lua counts for methods.
    func testBadAddArgumentReadsLikeLuasOwnMessage() {
        let source = PluginSource.make("badadd2", body: "    ctx:add(\"out\", \"text\") -- @here")
        let message = stepFailure("badadd2", source)
        let line = PluginSource.line(of: "@here", in: source)
        assertPrefix(message, "/tmp/x/badadd2.lua:\(line): bad argument #2 to 'add' (number or vector expected, got string)")
    }

    /// Likewise `ctx:spend(v)`: v is argument #1 of method 'spend'.
    func testBadSpendArgumentReadsLikeLuasOwnMessage() {
        let source = PluginSource.make("badspend", body: "    ctx:spend({}) -- @here")
        let message = stepFailure("badspend", source)
        let line = PluginSource.line(of: "@here", in: source)
        assertPrefix(message, "/tmp/x/badspend.lua:\(line): bad argument #1 to 'spend' (number or vector expected, got table)")
    }

    func testBadAddIndicatorArgument() {
        let source = PluginSource.make("badid", body: "    ctx:add(3, 1) -- @here")
        let message = stepFailure("badid", source)
        assertPrefix(message, "/tmp/x/badid.lua:\(PluginSource.line(of: "@here", in: source)):")
        assertContains(message, "bad argument #1 to 'add'")
    }

    func testBadSimArgumentNamesArgumentAndFunction() {
        let source = PluginSource.make("badsim", body: "    ctx:add(\"out\", sim.exp(\"x\")) -- @here")
        let message = stepFailure("badsim", source)
        assertPrefix(message, "/tmp/x/badsim.lua:\(PluginSource.line(of: "@here", in: source)): bad argument #1 to '")
        assertContains(message, "exp' (number or vector expected, got string)")
        let missing = PluginSource.make("simarg", body: "    ctx:add(\"out\", sim.min(ctx.x.a)) -- @here")
        let message2 = stepFailure("simarg", missing)
        assertPrefix(message2, "/tmp/x/simarg.lua:\(PluginSource.line(of: "@here", in: missing)): bad argument #2 to '")
        assertContains(message2, "got no value")   // as Lua says for a missing argument
    }

    func testInstanceNamedLikeThePluginIsNotRepeated() {
        let source = PluginSource.make("same", body: "    error(\"boom\") -- @here")
        let h = LuaStepHarness()
        h.year = 2021
        let message = runFailure {
            let plugin = try h.load("same", source)
            try h.step(plugin)
        }
        assertPrefix(message, "/tmp/x/same.lua:\(PluginSource.line(of: "@here", in: source)): boom")
        assertContains(message, "in step of instance same, year 2021")
        XCTAssertFalse(message.contains("(plugin same)"), message)
    }

    func testErrorWithNonStringValueIsReported() {
        let source = PluginSource.make("tableerr", body: "    error({code = 1})")
        let message = stepFailure("tableerr", source)
        assertPrefix(message, "/tmp/x/tableerr.lua")
        assertContains(message, "error object is a table value")
    }

    func testPathUnderCurrentDirectoryIsShownRelative() {
        let cwd = FileManager.default.currentDirectoryPath
        let file = cwd + "/wijksim-lua-test-plugins/rel.lua"
        let source = PluginSource.make("rel", body: "    local v = ctx.x.a < 1 -- @here")
        let h = LuaStepHarness()
        let message = runFailure {
            let plugin = try h.load(file: file, source)
            try h.step(plugin)
        }
        assertPrefix(message, "wijksim-lua-test-plugins/rel.lua:\(PluginSource.line(of: "@here", in: source)):")
        guard let bad = badInput({ try LuaStepHarness().load(file: cwd + "/wijksim-lua-test-plugins/syn.lua", "return {\n x = = 1 }") }) else { return }
        assertPrefix(bad.description, "wijksim-lua-test-plugins/syn.lua:2:")
    }

    func testLongPathIsShownInFull() {
        let folder = "/tmp/x/" + String(repeating: "lange_mapnaam_", count: 6)
        let file = folder + "/long.lua"
        let source = PluginSource.make("long", body: "    ctx:add(\"out\", ctx.x.nope) -- @here")
        let h = LuaStepHarness()
        let message = runFailure {
            let plugin = try h.load(file: file, source)
            try h.step(plugin)
        }
        assertPrefix(message, "\(file):\(PluginSource.line(of: "@here", in: source)):")
        guard let bad = badInput({ try LuaStepHarness().load(file: folder + "/syn.lua", "return {\n\n x = = 1 }") }) else { return }
        assertPrefix(bad.description, "\(folder)/syn.lua:3:")
    }

    // MARK: Step errors of the vector API

    func testComparingVectorsWithLessThanPointsToSimLt() {
        for comparison in ["ctx.x.a < ctx.x.b", "ctx.x.a < 3", "3 <= ctx.x.a", "ctx.x.a > 0"] {
            let source = PluginSource.make("cmp", body: "    if \(comparison) then ctx:add(\"out\", 1) end -- @here")
            let message = stepFailure("cmp", source)
            assertPrefix(message, "/tmp/x/cmp.lua:\(PluginSource.line(of: "@here", in: source)):")
            assertContains(message, "sim.lt")
        }
    }

    func testUnknownIndicatorSuggestsTheNearest() {
        let h = LuaStepHarness(indicators: ["armoede", "meedoen", "out"])
        for table in ["x", "x0", "city"] {
            let source = PluginSource.make("typo", body: "    ctx:add(\"out\", ctx.\(table).armoed) -- @here")
            let message = stepFailure("typo", source, harness: h)
            assertPrefix(message, "/tmp/x/typo.lua:\(PluginSource.line(of: "@here", in: source)):")
            assertContains(message, "'armoed'")
            assertContains(message, "did you mean \"armoede\"")
        }
    }

    func testUnknownAttributeAndCtxFieldAndParameterAreNamed() {
        let attribute = PluginSource.make("attr", body: "    ctx:add(\"out\", ctx.wijk.pupil) -- @here")
        let m1 = stepFailure("attr", attribute)
        assertPrefix(m1, "/tmp/x/attr.lua:\(PluginSource.line(of: "@here", in: attribute)):")
        assertContains(m1, "'pupil'")
        assertContains(m1, "did you mean \"pupils\"")

        let field = PluginSource.make("field", body: "    ctx:add(\"out\", ctx.yaer) -- @here")
        let m2 = stepFailure("field", field)
        assertPrefix(m2, "/tmp/x/field.lua:\(PluginSource.line(of: "@here", in: field)):")
        assertContains(m2, "ctx has no field 'yaer'")
        assertContains(m2, "did you mean \"year\"")

        let param = PluginSource.make("param", params: "effect = {default = 1}", body: "    ctx:add(\"out\", p.efect) -- @here")
        let m3 = stepFailure("param", param)
        assertPrefix(m3, "/tmp/x/param.lua:\(PluginSource.line(of: "@here", in: param)):")
        assertContains(m3, "'efect'")
        assertContains(m3, "did you mean \"effect\"")
    }

    func testAddToIndicatorNotInWritesIsAnError() {
        let source = PluginSource.make("writes", writes: ["a"], body: "    ctx:add(\"b\", 1) -- @here")
        let message = stepFailure("writes", source)
        assertPrefix(message, "/tmp/x/writes.lua:\(PluginSource.line(of: "@here", in: source)):")
        assertContains(message, "'b' is not in the plugin's writes")
        let unknown = PluginSource.make("unknown", writes: ["a"], body: "    ctx:add(\"zzz\", 1) -- @here")
        let m2 = stepFailure("unknown", unknown)
        assertPrefix(m2, "/tmp/x/unknown.lua:\(PluginSource.line(of: "@here", in: unknown)):")
        assertContains(m2, "unknown indicator 'zzz'")
    }

    func testNonFiniteAddInsideMaskIsAnError() {
        let h = LuaStepHarness(wijken: ["Noord", "Oost", "Zuid", "West", "Midden"])
        h.setX("a", Lanes.a)
        h.setMask([0, 1, 1, 1, 1])
        let nan = PluginSource.make("nan", body: "    ctx:add(\"out\", sim.log(ctx.x.a)) -- @here")
        let message = stepFailure("nan", nan, harness: h)
        assertPrefix(message, "/tmp/x/nan.lua:\(PluginSource.line(of: "@here", in: nan)):")
        // CONTRACT §6: names the plugin, the indicator and the year
        assertContains(message, "add to 'out' is NaN")
        assertContains(message, "Oost")   // lane 1, the first targeted lane with log(−0.5)
        assertContains(message, "instance nan")
        assertContains(message, "year 2024")

        let h2 = LuaStepHarness()
        h2.setX("a", Lanes.a)
        let inf = PluginSource.make("inf", body: "    ctx:add(\"out\", 1 / ctx.x.a) -- @here")
        let m2 = stepFailure("inf", inf, harness: h2)
        assertPrefix(m2, "/tmp/x/inf.lua:\(PluginSource.line(of: "@here", in: inf)):")
        assertContains(m2, "inf")

        let h3 = LuaStepHarness()
        let scalar = PluginSource.make("nanscalar", body: "    ctx:add(\"out\", 0/0) -- @here")
        assertPrefix(stepFailure("nanscalar", scalar, harness: h3), "/tmp/x/nanscalar.lua:\(PluginSource.line(of: "@here", in: scalar)):")

        let h4 = LuaStepHarness()
        h4.setX("a", Lanes.a)
        let spend = PluginSource.make("nanspend", body: "    ctx:spend(sim.sqrt(ctx.x.a)) -- @here")
        let m4 = stepFailure("nanspend", spend, harness: h4)
        assertPrefix(m4, "/tmp/x/nanspend.lua:\(PluginSource.line(of: "@here", in: spend)):")
        assertContains(m4, "NaN")
    }

    func testNonFiniteOutsideMaskIsIgnored() throws {
        let h = LuaStepHarness(lanes: 6, wijkCount: 3)
        h.setX("a", [1, -1, 4, 9, -4, 16])
        h.target(wijken: [0, 2])
        let plugin = try h.load("outside", PluginSource.make("outside", body: """
                ctx:add("out", sim.sqrt(ctx.x.a))
                ctx:add("out", 1 / (ctx.x.a + 1))
                ctx:spend(sim.log(ctx.x.a))
            """))
        let out = try h.run(plugin)
        assertLanes(out.adds["out"]!, [1 + 0.5, 0, 2 + 0.2, 3 + 0.1, 0, 4 + 1.0 / 17], "adds")
        assertLanes(out.spend, [log(1) + log(4), log(9) + log(16)], "spend")
    }

    func testVectorKeptInAGlobalFailsInALaterStep() throws {
        let source = """
            return {
              id = "keeper",
              writes = {"out"},
              step = function(ctx, p)
                if kept == nil then kept = ctx.x.a; kept2 = ctx.x.a + 1; return end
                ctx:add("out", kept * 2)
              end,
            }
            """
        let h = LuaStepHarness()
        let plugin = try h.load("keeper", source)
        try h.step(plugin)
        h.year += 1
        let message = runFailure { try h.step(plugin) }
        assertPrefix(message, "/tmp/x/keeper.lua:6:")
        assertContains(message, "used after the step")
        assertContains(message, "year 2025")

        let direct = PluginSource.make("keeper2", body: """
                if kept == nil then kept = ctx.x.a + 1; return end
                ctx:add("out", kept) -- @here
            """)
        let plugin2 = try h.load("keeper2", direct)
        try h.step(plugin2)
        let m2 = runFailure { try h.step(plugin2) }
        assertPrefix(m2, "/tmp/x/keeper2.lua:\(PluginSource.line(of: "@here", in: direct)):")
        assertContains(m2, "used after the step")

        let viaSim = PluginSource.make("keeper3", body: """
                if kept == nil then kept = ctx.wijk.pupils; return end
                ctx:add("out", sim.max(kept, 0)) -- @here
            """)
        let plugin3 = try h.load("keeper3", viaSim)
        try h.step(plugin3)
        let m3 = runFailure { try h.step(plugin3) }
        assertPrefix(m3, "/tmp/x/keeper3.lua:\(PluginSource.line(of: "@here", in: viaSim)):")
        assertContains(m3, "used after the step")
    }

    func testCtxAndPAreReadOnly() {
        for statement in ["ctx.year = 5", "ctx.foo = 1", "p.k = 2", "ctx.x.a = ctx.x.b", "ctx.wijk.pupils = 1"] {
            let source = PluginSource.make("ro", params: "k = {default = 1}", body: "    \(statement) -- @here")
            let message = stepFailure("ro", source)
            assertPrefix(message, "/tmp/x/ro.lua:\(PluginSource.line(of: "@here", in: source)):")
            assertContains(message, "read-only")
        }
        for statement in ["rawset(ctx, 'year', 1)", "setmetatable(ctx, {})", "setmetatable(p, nil)"] {
            let source = PluginSource.make("ro2", params: "k = {default = 1}", body: "    \(statement) -- @here")
            let message = stepFailure("ro2", source)
            assertPrefix(message, "/tmp/x/ro2.lua:\(PluginSource.line(of: "@here", in: source)):")
        }
    }

    func testMetatablesOfCtxPAndVectorsAreHidden() throws {
        let h = LuaStepHarness()
        let source = PluginSource.make("meta", body: """
                local ok = getmetatable(ctx) == "ctx" and getmetatable(p) == "p"
                  and getmetatable(ctx.x.a) == "vector" and getmetatable(ctx.x) ~= nil
                  and type(getmetatable(ctx.x)) == "string"
                ctx:add("out", ok and 1 or 0)
            """)
        let plugin = try h.load("meta", source)
        assertLanes(try h.run(plugin).adds["out"]!, Array(repeating: 1, count: 5), "metatables hidden")
    }

    func testOtherOperationsOnVectorsFailWithAHint() {
        let cases: [(String, String)] = [
            ("local v = ctx.x.a % 2", "+ - * / ^"),
            ("local v = ctx.x.a // 2", "+ - * / ^"),
            ("local v = ctx.x.a .. \"x\"", "concatenated"),
            ("local v = ctx.x.a.foo", "no fields"),
            ("local v = ctx.x.a()", "cannot be called"),
            ("local v = ctx.x.a + \"3\"", "number or vector expected, got string"),
            ("local v = ctx.x.a + {}", "number or vector expected, got table"),
        ]
        for (statement, hint) in cases {
            let source = PluginSource.make("ops", body: "    \(statement) -- @here")
            let message = stepFailure("ops", source)
            assertPrefix(message, "/tmp/x/ops.lua:\(PluginSource.line(of: "@here", in: source)):")
            assertContains(message, hint)
        }
    }

    func testHostKeepsWorkingAfterAFailedStep() throws {
        let h = LuaStepHarness()
        let bad = try h.load("bad", PluginSource.make("bad", body: "    error(\"boom\")"))
        let good = try h.load("good", PluginSource.make("good", body: "    ctx:add(\"out\", ctx.x.a + 1)"))
        h.setX("a", Lanes.a)
        for _ in 0..<3 {
            _ = runFailure { try h.step(bad) }
            assertLanes(try h.run(good).adds["out"]!, Lanes.a.map { $0 + 1 }, "after failure")
        }
    }
}
