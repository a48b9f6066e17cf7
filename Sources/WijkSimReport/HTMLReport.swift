import Foundation
import WijkSimEngine
import WijkSimModel

/// `report.html` (CONTRACT §5, §7): one self-contained page for people, in
/// Dutch, built from `Results` or a `Comparison` only. Inline CSS and SVG,
/// no scripts and no external references, so it opens offline and prints.
/// The short answer comes first; then the gaps, the money, the trajectories
/// per focus wijk and where every number came from. The page is also
/// well-formed XML, so tests can parse it; every number shown carries its
/// full value in a `<data value>` element.
package enum HTMLReport {
    /// Scenarios drawn in one chart of a comparison; more would be unreadable.
    static let maxChartedScenarios = 6

    /// `effect`: the run against its baseline (CONTRACT §2), shown first.
    /// `parallel`: the sections are made on several threads at once (the
    /// fan charts are about half of the work), for a run on more than one core.
    package static func run(_ results: Results, effect: Comparison? = nil, effectiveness: CostEffectiveness? = nil,
                            parallel: Bool = false) -> String {
        let plan = results.plan
        let focus = ReportFocus([results])
        let choice = VariantChoice(results, focus: focus.wijken)
        let alternative = ReportAlternative.run(results, variant: choice.variant)
        var makers: [@Sendable () -> ReportSection] = []
        if let effect { makers.append { planEffect(effect, focus, variant: choice.variant) } }
        makers += [{ answer(alternative, focus, choice: choice) }, { gaps([alternative], focus) }]
        // what a point costs, right before the costs
        if let effectiveness { makers.append { costPerUnit(effectiveness, plan) } }
        makers.append { costs([alternative]) }
        let fanCharts = makers.count
        makers.append { trajectories([alternative], focus) }
        if plan.variants > 1 { makers.append { variants(results, focus, chosen: choice.variant) } }
        makers.append { provenance([results]) }
        let header = pageHeader(kicker: "wijksim-rapport · scenario", title: plan.scenario.name,
                                meta: runMeta(plan), description: plan.scenario.description)
        return page(title: "wijksim: \(plan.scenario.name)", header: header, sections: ReportSections.make(makers, largest: fanCharts, parallel: parallel))
    }

    /// `effectiveness`: per alternative scenario (by name), what its parts cost per point, ranked together.
    package static func compare(_ comparison: Comparison, effectiveness: [(String, CostEffectiveness)] = []) -> String {
        let all = ReportAlternative.all(comparison)
        // Charts show each scenario's variant 0 (at most one per colour); tables every alternative up to a cap.
        let charted = Array(all.filter { $0.variant == 0 }.prefix(maxChartedScenarios))
        let focus = ReportFocus(comparison.scenarios.map(\.results))
        var sections = [comparisonAnswer(all, focus), differences(all, focus), gaps(charted, focus),
                        costs(charted, table: all), trajectories(charted, focus),
                        provenance(comparison.scenarios.map(\.results))]
        if !effectiveness.isEmpty {
            // one table for all alternatives: each part named with its scenario, ranked per indicator
            let plans = Dictionary(comparison.scenarios.map { ($0.name, $0.results.plan) }, uniquingKeysWith: { first, _ in first })
            let rows = effectiveness.flatMap { name, e in e.rows.map { row -> CostEffectiveness.Row in
                var row = row
                row.name = "\(name): " + (plans[name].map { EffectivenessFiles.title(row, plan: $0) } ?? row.name)
                return row
            } }
            let combined = CostEffectiveness(rows: rows, focus: Array(Set(effectiveness.flatMap(\.1.focus))).sorted())
            sections.insert(costPerUnit(combined, comparison.reference.results.plan, label: { $0.name }), at: 5)
        }
        let plan = comparison.reference.results.plan
        let names = comparison.scenarios.map(\.name)
        let header = pageHeader(kicker: "wijksim-rapport · vergelijking", title: ReportWords.list(names),
                                meta: "\(plan.firstYear) → \(plan.lastYear) · \(plan.wijkCount) wijken · \(ReportWords.draws(plan.draws)), gepaard · toevalsreeks \(plan.seed) · referentie: \(comparison.reference.name)",
                                description: nil)
        return page(title: "wijksim: vergelijking \(ReportWords.list(names))", header: header, sections: sections)
    }

    /// The plan against the same draws without it: what the plan itself does.
    /// A sweep shows its chosen variant only (the rest: comparison.csv and Varianten).
    static func planEffect(_ comparison: Comparison, _ focus: ReportFocus, variant: Int = 0) -> ReportSection {
        let shown = ReportAlternative.all(comparison).filter { $0.isReference || $0.variant == variant }
        var section = differences(shown, focus)
        let baseline = comparison.reference.name
        section.body = caveats(comparison.scenarios[1].results.plan) + "<p class=\"lead\">Wat het plan zelf doet: elke trekking van het plan vergeleken met dezelfde trekking zonder het plan (<b>\(HTMLText.escape(baseline))</b>, de referentie). De autonome ontwikkeling zit in beide en valt dus weg; de kloof met de stad staat in de volgende delen.</p>" + section.body
        section.id = "effect"
        section.title = "Effect van het plan"
        return section
    }

    static func runMeta(_ plan: Plan) -> String {
        "\(plan.firstYear) → \(plan.lastYear) · \(plan.wijkCount) wijken · \(ReportWords.draws(plan.draws)) · toevalsreeks \(plan.seed) · \(plan.variants == 1 ? "1 variant" : "\(plan.variants) varianten")"
    }

    static func pageHeader(kicker: String, title: String, meta: String, description: String?) -> String {
        var html = "<header><p class=\"kicker\">\(HTMLText.escape(kicker))</p><h1>\(HTMLText.escape(title))</h1>"
        html += "<p class=\"meta\">\(HTMLText.escape(meta))</p>"
        if let description { html += "<p class=\"description\">\(HTMLText.escape(description))</p>" }
        return html + "</header>"
    }

    static func page(title: String, header: String, sections: [ReportSection]) -> String {
        var html = ""
        // one allocation for the whole page: growing a string of a few hundred
        // kilobytes step by step maps and copies it again at each step
        html.reserveCapacity(ReportStyle.css.utf8.count + header.utf8.count + sections.reduce(4096) { $0 + $1.body.utf8.count + $1.title.utf8.count + 64 })
        html += "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"/>"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        html += "<meta name=\"generator\" content=\"wijksim \(ResultFiles.version)\"/>"
        html += "<title>\(HTMLText.escape(title))</title><style>\(ReportStyle.css)</style></head>\n<body><main>"
        html += header
        html += "<nav aria-label=\"Inhoud\"><ol>" + sections.map { "<li><a href=\"#\($0.id)\">\(HTMLText.escape($0.title))</a></li>" }.joined() + "</ol></nav>\n"
        for section in sections {
            html += "<section id=\"\(section.id)\"><h2>\(HTMLText.escape(section.title))</h2>"
            html += section.body
            html += "</section>\n"
        }
        html += "<footer>Gemaakt door wijksim \(ResultFiles.version). Alle getallen staan ook in de CSV-bestanden naast dit rapport.</footer>"
        return html + "</main></body></html>\n"
    }
}

/// A titled part of the report; the page lists them in its table of contents.
struct ReportSection: Sendable {
    var id: String
    var title: String
    var body: String
}

/// Makes a report's sections, on several threads at once when asked: each
/// is made from the results alone, and the page takes them in their order.
final class ReportSections: @unchecked Sendable {  // unchecked: `sections` is only touched under `lock`
    private let lock = NSLock()
    private var sections: [ReportSection?]

    private init(count: Int) { sections = Array(repeating: nil, count: count) }

    /// `largest`: the section that takes longest (the fan charts); it is
    /// started first, so that the threads finish about together.
    static func make(_ makers: [@Sendable () -> ReportSection], largest: Int, parallel: Bool) -> [ReportSection] {
        guard parallel, makers.count > 1 else { return makers.map { $0() } }
        let made = ReportSections(count: makers.count)
        let order = [largest] + makers.indices.filter { $0 != largest }
        DispatchQueue.concurrentPerform(iterations: makers.count) { k in
            let section = makers[order[k]]()
            made.lock.lock(); defer { made.lock.unlock() }
            made.sections[order[k]] = section
        }
        return made.sections.map { $0! }
    }
}
