import WijkSimEngine
import WijkSimModel

/// Where every number came from: per scenario its file, seed, draws,
/// variants and data, the indicators, and for every rule and intervention
/// the value of each plugin parameter with its evidence level and source.
/// A source that several parameters share (the trend rule's ten reference
/// values, an intervention used twice) is written once, in a list of shared
/// sources with the parameters it covers; their rows point to it.
extension HTMLReport {
    static func provenance(_ all: [Results]) -> ReportSection {
        var body = "<p>Genoeg om de berekening te herhalen en te beoordelen: met hetzelfde scenario, dezelfde seed en hetzelfde aantal trekkingen geeft wijksim dezelfde getallen. Elke parameter staat hieronder met de waarde die is gebruikt, de onderbouwing (effectief, goed onderbouwd, theoretisch onderbouwd of schatting) en de bron; een bron die voor meer parameters geldt, staat één keer onder de tabellen.</p>"
        let sources = SharedSources(all)
        // An instance that several scenarios share (e.g. the trend rule they inherit) is listed in full once.
        var shown: [String: String] = [:]
        for (k, results) in all.enumerated() {
            body += scenarioProvenance(results, id: "herkomst-\(k)", heading: all.count > 1, shown: &shown, sources: sources)
        }
        body += sources.html
        body += indicatorTable(all[0].plan)
        return ReportSection(id: "herkomst", title: "Herkomst", body: body)
    }

    /// The sources that more than one listed parameter shares, numbered in the
    /// order they first appear, each with the parameters it covers.
    struct SharedSources {
        struct Use { var instance: String, scenario: String, parameter: String }
        private(set) var order: [String] = []
        private(set) var uses: [String: [Use]] = [:]
        private var number: [String: Int] = [:]
        private var scenariosOf: [String: Set<String>] = [:]

        init(_ all: [Results]) {
            var shown: Set<String> = []
            var found: [String] = []
            var allUses: [String: [Use]] = [:]
            for results in all {
                let plan = results.plan
                for (k, instance) in plan.instances.enumerated() {
                    // The same instances, in the same order, as the tables list in full.
                    guard shown.insert(HTMLReport.instanceSignature(plan, k)).inserted else { continue }
                    scenariosOf[instance.name, default: []].insert(plan.scenario.name)
                    for spec in plan.plugins[instance.plugin].params {
                        guard let source = spec.source else { continue }
                        if allUses[source] == nil { found.append(source) }
                        allUses[source, default: []].append(Use(instance: instance.name, scenario: plan.scenario.name, parameter: spec.name))
                    }
                }
            }
            order = found.filter { allUses[$0]!.count > 1 }
            uses = allUses.filter { $0.value.count > 1 }
            for (n, source) in order.enumerated() { number[source] = n + 1 }
        }

        func anchor(_ n: Int) -> String { "herkomst-bron-\(n)" }

        /// The table cell for a parameter's source: the text, or a link to the shared entry.
        func cell(_ source: String?) -> String {
            guard let source else { return "<td class=\"source\">–</td>" }
            guard let n = number[source] else { return "<td class=\"source\">\(HTMLText.escape(source))</td>" }
            return "<td class=\"source\" data-source-ref=\"\(n)\"><a href=\"#\(anchor(n))\">bron \(n), hieronder</a></td>"
        }

        var html: String {
            guard !order.isEmpty else { return "" }
            var html = "<h3>Bronnen van meer parameters</h3><div class=\"scroll\"><table class=\"params shared-sources\"><thead><tr><th class=\"num\">Nr.</th><th>Bron</th><th>Geldt voor</th></tr></thead><tbody>"
            for (k, source) in order.enumerated() {
                let list = uses[source]!
                // Per instance its parameters, in the order of the tables.
                var instances: [(String, [String])] = []
                for use in list {
                    let name = (scenariosOf[use.instance]?.count ?? 0) > 1 ? "\(use.instance) (\(use.scenario))" : use.instance
                    if let i = instances.firstIndex(where: { $0.0 == name }) { instances[i].1.append(use.parameter) } else { instances.append((name, [use.parameter])) }
                }
                // Instances with the same parameters (one plugin used twice) share one entry.
                var groups: [([String], [String])] = []
                for (name, parameters) in instances {
                    if let g = groups.firstIndex(where: { $0.1 == parameters }) { groups[g].0.append(name) } else { groups.append(([name], parameters)) }
                }
                let code = { (names: [String]) in names.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: ", ") }
                let covered = groups.map { code($0.0) + ": " + code($0.1) }.joined(separator: "; ")
                html += "<tr id=\"\(anchor(k + 1))\" data-parameters=\"\(list.count)\"><td class=\"num\">\(k + 1)</td><td class=\"source\">\(HTMLText.escape(source))</td>"
                html += "<td>\(covered) (\(list.count) parameters)</td></tr>"
            }
            return html + "</tbody></table></div>"
        }
    }

    /// What makes two instances the same for the provenance: listed in full once.
    static func instanceSignature(_ plan: Plan, _ k: Int) -> String {
        let instance = plan.instances[k]
        return [instance.name, plan.plugins[instance.plugin].file, instance.kind == .rule ? "rule" : "intervention",
                String(instance.from), String(instance.to), instance.mask.map(\.description).joined(separator: ","),
                instance.params.map(signatureText).joined(separator: ";"), role(plan, instance)].joined(separator: "|")
    }

    static func role(_ plan: Plan, _ instance: InstancePlan) -> String {
        var role = instance.kind == .rule ? "regel, alle wijken, alle jaren" : "interventie in \(targetText(plan, instance.mask)), \(instance.from)–\(instance.to)"
        if let f = instance.funding { role += ", betaald uit \(plan.scenario.funding[f].name)" }
        return role
    }

    static func scenarioProvenance(_ results: Results, id: String, heading: Bool, shown: inout [String: String], sources: SharedSources) -> String {
        let plan = results.plan
        let s = plan.scenario
        var html = "<div class=\"provenance\" id=\"\(id)\"\(HTMLText.attributes([("data-scenario", s.name)]))>"
        if heading { html += "<h3>\(HTMLText.escape(s.name))</h3>" }
        var fields: [(String, String)] = [("Scenario", HTMLText.escape(s.name))]
        if let description = s.description { fields.append(("Beschrijving", HTMLText.escape(description))) }
        fields += [
            ("Bestand", "<code>\(HTMLText.escape(DisplayPath.of(s.file)))</code>"),
            ("Jaren", "\(s.firstYear)–\(s.lastYear)"),
            ("Trekkingen", HTMLText.number(Double(plan.draws), decimals: 0)),
            ("Seed", String(plan.seed)),
            ("Varianten", plan.variants == 1 ? "1 (geen sweep)" : "\(plan.variants): sweep over " + s.sweep.map { "<code>\(HTMLText.escape($0.key))</code> (\($0.values.map(HTMLText.exact).joined(separator: " / ")))" }.joined(separator: " × ") + "; eerste as het langzaamst, variant 0 = eerste waarde van elke as"),
            ("Data", "<code>\(HTMLText.escape(DisplayPath.of(plan.city.indicatorsFile)))</code>, <code>\(HTMLText.escape(DisplayPath.of(plan.city.wijkenFile)))</code>"),
            ("Plugins", s.pluginPath.map { "<code>\(HTMLText.escape(DisplayPath.of($0)))</code>" }.joined(separator: ", ")),
            ("Percentielen", results.exactPercentiles ? "exact over alle trekkingen (lineaire interpolatie, zoals NumPy)" : "benaderd met een begrensde schets (te veel trekkingen om te bewaren)"),
            ("wijksim", "versie \(ResultFiles.version)"),
        ]
        if !s.funding.isEmpty {
            fields.append(("Financiering", s.funding.map { "\(HTMLText.escape($0.name)): \(HTMLText.escape(HTMLText.euros($0.budget))), \($0.from)–\($0.to)" }.joined(separator: "; ")))
        }
        html += "<dl>" + fields.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
        html += parameterTable(plan, shown: &shown, sources: sources)
        return html + "</div>"
    }

    static func parameterTable(_ plan: Plan, shown: inout [String: String], sources: SharedSources) -> String {
        var html = "<div class=\"scroll\"><table class=\"params\"><thead><tr><th>Parameter</th><th>Waarde in dit scenario</th><th class=\"num\">Standaard</th><th>Eenheid</th><th>Onderbouwing</th><th>Bron</th></tr></thead><tbody>"
        for (k, instance) in plan.instances.enumerated() {
            let plugin = plan.plugins[instance.plugin]
            let written = plan.scenario.instances.indices.contains(k) ? plan.scenario.instances[k] : nil
            let role = role(plan, instance)
            let signature = instanceSignature(plan, k)
            let earlier = shown[signature]
            html += "<tr class=\"group-start\"\(HTMLText.attributes([("data-instance", instance.name), ("data-plugin", plugin.id)]))><th colspan=\"6\"><code>\(HTMLText.escape(instance.name))</code>: \(HTMLText.escape(plugin.title)) (<code>\(HTMLText.escape(DisplayPath.of(plugin.file)))</code>); \(HTMLText.escape(role))\(earlier.map { "; parameters als bij \(HTMLText.escape($0)), hierboven" } ?? "")</th></tr>"
            if earlier != nil { continue }
            shown[signature] = plan.scenario.name
            for (p, spec) in plugin.params.enumerated() {
                let setHere = written?.params.contains { $0.name == spec.name } ?? false
                let swept = plan.scenario.sweep.contains { $0.instance == instance.name && $0.param == spec.name }
                html += "<tr\(HTMLText.attributes([("data-param", spec.name), ("data-evidence", spec.evidence?.rawValue ?? "")]))>"
                html += "<td><code>\(HTMLText.escape(spec.name))</code></td>"
                html += "<td>\(HTMLText.escape(valueText(instance.params[p], spec, setHere: setHere || swept)))</td>"
                html += "<td class=\"num\">\(HTMLText.escape(HTMLText.exact(spec.defaultValue)))</td>"
                html += "<td>\(HTMLText.escape(spec.unit ?? ""))</td>"
                html += "<td>\(HTMLText.escape(spec.evidence?.rawValue ?? "niet opgegeven"))</td>"
                html += sources.cell(spec.source) + "</tr>"
            }
        }
        return html + "</tbody></table></div>"
    }

    static func targetText(_ plan: Plan, _ mask: [Double]) -> String {
        let names = plan.city.wijken.indices.filter { mask[$0] != 0 }.map { plan.city.wijken[$0] }
        return names.count == plan.wijkCount ? "alle wijken" : ReportWords.list(names)
    }

    /// A parameter's source as text for the signature above, built by hand:
    /// interpolating the enum went through reflection, a millisecond of the report.
    static func signatureText(_ source: ParameterSource) -> String {
        switch source {
        case let .constant(value): return "=" + value.description
        case let .swept(values): return "sweep " + values.map(\.description).joined(separator: ",")
        case let .distributed(distribution, key):
            return "draw \(key) \(distributionText(distribution)) \(distribution.min?.description ?? "") \(distribution.max?.description ?? "") \(distribution.perWijk)"
        case let .table(table): return "table \(table.width) " + table.values.map(\.description).joined(separator: ",")
        case let .sampled(values):
            return "samples \(values.rows) \(values.width) \(values.values.hashValue)"
        }
    }

    static func valueText(_ source: ParameterSource, _ spec: ParameterSpec, setHere: Bool) -> String {
        switch source {
        case let .constant(value): return setHere ? HTMLText.exact(value) : "\(HTMLText.exact(value)) (standaard)"
        case let .swept(values):
            var unique: [Double] = []
            for v in values where !unique.contains(v) { unique.append(v) }
            return "sweep: " + unique.map(HTMLText.exact).joined(separator: " / ")
        case let .distributed(distribution, _): return distributionText(distribution)
        case let .table(table): return "per trekking gegeven (\(table.rows) rijen)"
        case let .sampled(values):
            return "steekproef uit samples (\(values.rows) rijen\(values.width > 1 ? ", per wijk" : ""); gemiddeld \(HTMLText.number(values.values.reduce(0, +) / Double(max(values.values.count, 1)), decimals: 3)))"
        }
    }

    static func distributionText(_ d: Distribution) -> String {
        let e = HTMLText.exact
        var text: String
        switch d.shape {
        case let .triangular(low, mode, high): text = "driehoeksverdeling (laag \(e(low)); top \(e(mode)); hoog \(e(high)))"
        case let .uniform(low, high): text = "uniform tussen \(e(low)) en \(e(high))"
        case let .normal(mean, sd): text = "normaal (gemiddelde \(e(mean)); sd \(e(sd)))"
        case let .lognormal(mean, sdLog): text = "lognormaal (gemiddelde \(e(mean)); sd van de log \(e(sdLog)))"
        }
        switch (d.min, d.max) {
        case let (lo?, hi?): text += ", afgekapt op [\(e(lo)); \(e(hi))]"
        case let (lo?, nil): text += ", afgekapt op ≥ \(e(lo))"
        case let (nil, hi?): text += ", afgekapt op ≤ \(e(hi))"
        case (nil, nil): break
        }
        return text + (d.perWijk ? ", per wijk getrokken" : ", per trekking getrokken")
    }

    static func indicatorTable(_ plan: Plan) -> String {
        var html = "<h3>Indicatoren</h3><div class=\"scroll\"><table class=\"params\"><thead><tr><th>Id</th><th>Titel</th><th>Eenheid</th><th>Richting</th><th>Stadsgemiddelde gewogen naar</th><th class=\"num\">Bereik</th></tr></thead><tbody>"
        for indicator in plan.city.indicators {
            html += "<tr><td><code>\(HTMLText.escape(indicator.id))</code></td><td>\(HTMLText.escape(indicator.title))</td><td>\(HTMLText.escape(indicator.unit))</td>"
            html += "<td>\(ReportWords.direction(indicator.polarity))</td><td>\(HTMLText.escape(indicator.weight))</td>"
            html += "<td class=\"num\">\(HTMLText.exact(indicator.min))–\(HTMLText.exact(indicator.max))</td></tr>"
        }
        return html + "</tbody></table></div>"
    }
}
