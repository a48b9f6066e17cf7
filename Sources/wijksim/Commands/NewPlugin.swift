import ArgumentParser
import Foundation
import WijkSimFiles
import WijkSimLoad
import WijkSimModel

/// `wijksim new-plugin NAME`: a working, documented plugin to start from and
/// a rule test that passes against it (CONTRACT §3, §9, §10), so an analyst
/// begins with `wijksim check` and `wijksim test` green and changes one
/// thing at a time.
struct NewPlugin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-plugin",
        abstract: "Write a plugin skeleton and its rule test to start from.",
        discussion: """
            Writes DIR/NAME.lua (an intervention that builds up to an effect per year while it runs, \
            with a cost per reached household) and DIR/tests/NAME.yaml (rule-test cases that pass \
            against it). Existing files are never overwritten. Then edit the plugin and run \
            `wijksim check DIR/NAME.lua` and `wijksim test DIR/tests/NAME.yaml --plugins DIR`.
            """)

    @Argument(help: "The plugin id and file name: lower-case letters, digits and _, starting with a letter (e.g. schuldhulp).")
    var name: String

    @Option(name: .customLong("plugins"), help: ArgumentHelp("The plugin folder to write into.", valueName: "dir"))
    var folder: String = "plugins"

    @Option(name: .customLong("writes"),
            help: ArgumentHelp("The indicator ids the plugin changes, separated by commas.", valueName: "id,id"))
    var writes: String = "minimahuishoudens"

    @Option(name: .customLong("data"),
            help: ArgumentHelp("The indicators.csv whose ids --writes must name (unless given: the only scenarios/data/*/indicators.csv beside the plugin folder, if there is one).",
                               valueName: "indicators.csv"))
    var data: String?

    var indicators: [String] {
        var seen = Set<String>()
        return writes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func validate() throws {
        guard PluginSkeleton.isIdentifier(name) else {
            throw ValidationError("\"\(name)\" cannot be a plugin name: use lower-case letters, digits and _, starting with a letter (e.g. schuldhulp)")
        }
        let ids = indicators
        if ids.isEmpty { throw ValidationError("--writes names no indicator; give one or more ids, e.g. --writes minimahuishoudens") }
        for id in ids where !PluginSkeleton.isIdentifier(id) {
            throw ValidationError("--writes: \"\(id)\" is not an indicator id (lower-case letters, digits and _, starting with a letter)")
        }
    }

    /// The indicators file to check `--writes` against: `--data`, or the one
    /// data set of the project the plugin folder belongs to.
    var indicatorsFile: String? {
        data ?? ProjectData.folder(besidePlugins: folder).map { $0 + "/indicators.csv" }
    }

    func run() throws {
        if let file = indicatorsFile {
            let known = try CityDataLoader.loadIndicators(file).map(\.id)
            let unknown = indicators.filter { !known.contains($0) }
            if !unknown.isEmpty {
                throw BadInput(unknown.map { id in
                    Diagnostic("--writes: \"\(id)\" is not an indicator of \(DisplayPath.of(file))\(NearestName.suggestion(for: id, among: known)); it has \(known.joined(separator: ", "))")
                })
            }
        }
        let plugin = URL(fileURLWithPath: folder).appendingPathComponent(name + ".lua").path
        let test = URL(fileURLWithPath: folder).appendingPathComponent("tests/" + name + ".yaml").path
        let existing = [plugin, test].filter { FileManager.default.fileExists(atPath: $0) }
        if !existing.isEmpty {
            throw BadInput(existing.map { Diagnostic("already exists; new-plugin does not overwrite files (choose another name or remove it)", at: SourceLocation(file: $0)) })
        }
        let skeleton = PluginSkeleton(name: name, writes: indicators)
        do {
            try FileManager.default.createDirectory(atPath: (test as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw RunFailure("cannot write \(DisplayPath.of(folder)): \(error.localizedDescription)")
        }
        try OutputFiles.write([(plugin, skeleton.plugin), (test, skeleton.ruleTest)], command: "new-plugin", existing: .refuse)
        print("wrote \(DisplayPath.of(plugin))")
        print("wrote \(DisplayPath.of(test))")
        print("next: wijksim check \(DisplayPath.of(plugin)) && wijksim test \(DisplayPath.of(test)) --plugins \(DisplayPath.of(folder))")
    }
}

/// The text of a new plugin and its rule test. The numbers in the test are
/// the skeleton's own formula worked out by hand, so the test passes until
/// the analyst changes the formula (and then shows what changed).
struct PluginSkeleton {
    var name: String
    var writes: [String]

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// "schuldhulp_noord" → "Schuldhulp noord".
    var title: String {
        let words = name.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    var plugin: String {
        /// The skeleton's defaults are placeholders: marked as estimates
        /// (docs/plugins.md §7), `wijksim plugins` and the report show them
        /// as such until the analyst gives each a source.
        func estimate(_ parameter: String, default value: String, min: String, max: String, unit: String) -> String {
            """
                \(parameter) = {
                  default = \(value), min = \(min), max = \(max),
                  unit = "\(unit)",
                  source = "schatting: vervang door een bron of onderbouw de schatting",
                  evidence = "schatting",
                },
            """
        }
        let list = writes.map { "\"\($0)\"" }.joined(separator: ", ")
        let adds = writes.map { "    ctx:add(\"\($0)\", inzet * opbouw * p.effect)" }.joined(separator: "\n")
        let params = [
            estimate("bereik", default: "0.5", min: "0", max: "1", unit: "aandeel van de huishoudens in de wijk dat meedoet"),
            estimate("effect", default: "-0.5", min: "-5", max: "5", unit: "verandering van de indicator per jaar bij volledig bereik"),
            estimate("aanloop", default: "2", min: "1", max: "10", unit: "jaar tot de uitvoering op volle sterkte is"),
            estimate("kosten", default: "500", min: "0", max: "20000", unit: "EUR per deelnemend huishouden per jaar"),
        ].joined(separator: "\n")
        return """
            -- Intervention \(name): written by `wijksim new-plugin` as a starting point.
            -- While the instance runs (ctx.active), a share `bereik` of the households
            -- takes part; the effect builds up over `aanloop` years (sim.ramp) to
            -- `effect` per year on every indicator in `writes`. Cost per reached
            -- household per year. Replace the defaults, units and sources with your
            -- own, keep tests/\(name).yaml in step, and see docs/plugins.md.
            return {
              id = "\(name)",
              title = "\(title)",
              doc = [[Beschrijf hier wat de interventie doet, voor wie, en hoe het effect en de
            kosten zijn bepaald, met bronnen.

            Skelet: zolang de interventie loopt doet een deel `bereik` van de huishoudens
            mee. Het effect groeit in `aanloop` jaar naar `effect` per jaar bij volledig
            bereik (negatief is een daling van de indicator). Na afloop stopt het effect;
            wie een uitdovend effect wil, gebruikt ctx.to (zie docs/plugins.md). Kosten:
            `kosten` euro per deelnemend huishouden per jaar.]],
              params = {
            \(params)
              },
              writes = {\(list)},
              step = function(ctx, p)
                -- One call covers all lanes (variant x draw x wijk): no `if` on vectors.
                local inzet = ctx.active * p.bereik              -- 0 outside from..to
                local opbouw = sim.ramp(ctx.since, p.aanloop)    -- 1/aanloop in year one, then up to 1
            \(adds)
                ctx:spend(inzet * ctx.wijk.households * p.kosten)
              end,
            }

            """
    }

    var ruleTest: String {
        func indicators(_ value: String) -> String {
            "{" + writes.map { "\($0): \(value)" }.joined(separator: ", ") + "}"
        }
        /// Effect and cost must stop outside from..to whatever the analyst
        /// makes of the formula, so both sides of the window expect nothing.
        func outsideWindow(_ name: String, year: Int) -> String {
            """
              - name: \(name)
                year: \(year)
                from: 2024
                to: 2030
                wijk: {households: 1000}
                x: \(indicators("20"))
                expect:
                  add: \(indicators("0"))
                  spend: 0
            """
        }
        return """
            # Rule tests for plugins/\(name).lua (CONTRACT §9): run with
            #   wijksim test plugins/tests/\(name).yaml
            # The expected numbers follow the skeleton's formula by hand:
            #   add = active * bereik * ramp(since, aanloop) * effect
            #   spend = active * bereik * households * kosten
            plugin: \(name)
            cases:
              - name: eerste jaar, halve opbouw
                year: 2024            # since = 0: ramp = (0 + 1) / 2
                from: 2024
                to: 2030
                wijk: {households: 1000}
                x: \(indicators("20"))
                expect:
                  add: \(indicators("-0.125"))    # 0.5 * 0.5 * -0.5
                  spend: 250000                   # 0.5 * 1000 * 500
              - name: volle sterkte, bereik 0,8
                year: 2026            # since = 2: ramp = 1
                from: 2024
                to: 2030
                wijk: {households: 1000}
                x: \(indicators("20"))
                params: {bereik: 0.8}
                expect:
                  add: \(indicators("-0.4"))      # 0.8 * 1 * -0.5
                  spend: 400000                   # 0.8 * 1000 * 500
            \(outsideWindow("na afloop geen effect en geen kosten", year: 2031))
            \(outsideWindow("voor de start niets", year: 2023))

            """
    }
}
