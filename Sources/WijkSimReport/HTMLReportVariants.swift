import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// A sweep's variants side by side, compactly: per variant its sweep
/// values, how many focus gaps close and what it spends, so that a reader
/// sees how much the choice matters while the rest of the report shows
/// variant 0 in detail.
extension HTMLReport {
    static let maxVariantRows = 50

    static func variants(_ results: Results, _ focus: ReportFocus, chosen: Int = 0) -> ReportSection {
        let plan = results.plan
        let shown = min(plan.variants, maxVariantRows)
        var body = "<p>Dit scenario heeft \(plan.variants) varianten; de rest van het rapport toont variant \(chosen) (gemarkeerd). Per variant: de waarden van de sweep, het aantal kloven van de focuswijken dat in \(plan.lastYear) dicht is (gemiddelde over de trekkingen), de totale uitgaven en of een financieringsbron wordt overschreden.</p>"
        body += "<div class=\"scroll\"><table class=\"variants\"><thead><tr><th class=\"num\">Variant</th>"
        body += plan.scenario.sweep.map { "<th class=\"num\"><code>\(HTMLText.escape($0.key))</code></th>" }.joined()
        body += "<th class=\"num\">Kloven dicht</th><th class=\"num\">Uitgaven</th><th>Geld</th></tr></thead><tbody>"
        let withGap = focus.wijken.flatMap { w in focus.indicators.filter { results.gapSummary(variant: 0, wijk: w, indicator: $0).start > 0 } }.count
        for v in 0..<shown {
            let closed = focus.wijken.flatMap { w in focus.indicators.map { results.gapSummary(variant: v, wijk: w, indicator: $0) } }
                .filter { $0.start > 0 && $0.end <= 0 }.count
            let funding = results.fundingSummary(variant: v)
            let spent = funding.reduce(0) { $0 + $1.spent } + (results.unfundedSpend(variant: v) ?? 0)
            let over = funding.filter(\.overspent).map(\.funding.name)
            let classes = (over.isEmpty ? [] : ["overspent"]) + (v == chosen ? ["chosen"] : [])
            body += "<tr\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")\(HTMLText.attributes([("data-variant", String(v))]))><td class=\"num\">\(v == chosen ? "<b>\(v)</b>" : String(v))</td>"
            body += plan.scenario.sweepValues(ofVariant: v).map { "<td class=\"num\">\(HTMLText.escape(HTMLText.exact($0)))</td>" }.joined()
            body += "<td class=\"num\">\(closed) van \(withGap)</td><td class=\"num\">\(HTMLText.data(spent, HTMLText.euros(spent)))</td>"
            body += "<td>\(over.isEmpty ? "<span class=\"okay\">binnen budget</span>" : "<strong class=\"alert-text\">overschreden: \(HTMLText.escape(over.joined(separator: ", ")))</strong>")</td></tr>"
        }
        body += "</tbody></table></div>"
        if plan.variants > shown {
            body += "<p class=\"note\">De eerste \(shown) van \(plan.variants) varianten; alle staan in gaps.csv, funding.csv en variants.csv.</p>"
        }
        return ReportSection(id: "varianten", title: "Varianten", body: body)
    }
}
