import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// "Wat kost een punt?": per indicator, the interventions and funding
/// streams that improve it, cheapest per unit first (`CostEffectiveness`).
extension HTMLReport {
    /// `label`: how a part is named (by default its title and who pays).
    static func costPerUnit(_ e: CostEffectiveness, _ plan: Plan, label: ((CostEffectiveness.Row) -> String)? = nil) -> ReportSection {
        let rows = EffectivenessFiles.ranked(e)
        var body = "<p>Per indicator: wat elk onderdeel van het plan in \(plan.lastYear) verbetert in de focuswijken samen, en wat één eenheid verbetering (een procentpunt bij een percentage) kost. Elk onderdeel is gemeten als het verschil tussen het plan en het plan zonder dat onderdeel, in dezelfde \(ReportWords.draws(e.draws)) (de eerste van de run); de kosten zijn de gemiddelde totale uitgaven van dat onderdeel. Tussen haakjes: de onzekerheid van het effect (p05–p95), bij die gemiddelde kosten; \u{201C}onbegrensd\u{201D} als in meer dan 5% van de trekkingen geen verbetering is. Alle getallen staan in effectiveness.csv.</p>"
        if rows.isEmpty {
            body += "<p>Geen onderdeel verbetert een indicator in \(plan.lastYear).</p>"
            return ReportSection(id: "kosten-per-punt", title: "Wat kost een punt?", body: body)
        }
        body += "<div class=\"scroll\"><table class=\"cost-per-unit\"><thead><tr><th>Indicator</th><th>Onderdeel</th><th class=\"num\">Kosten</th><th class=\"num\">Verbetering \(plan.lastYear)</th><th class=\"num\">Per eenheid (p05–p95)</th></tr></thead><tbody>"
        var last: Int?
        for row in rows {
            let indicator = plan.city.indicators[row.indicator]
            let part = label?(row) ?? EffectivenessFiles.title(row, plan: plan)
            let high = row.eurosPerUnitHigh.map { HTMLText.data($0, HTMLText.euros($0)) } ?? "onbegrensd"
            let low = row.eurosPerUnitLow.map { HTMLText.data($0, HTMLText.euros($0)) } ?? "–"
            body += "<tr\(row.indicator != last ? " class=\"group-start\"" : "")><td>\(row.indicator != last ? HTMLText.escape(ReportWords.shortTitle(indicator)) : "")</td>"
            body += "<td>\(HTMLText.escape(part))</td><td class=\"num\">\(HTMLText.data(row.cost, HTMLText.euros(row.cost)))</td>"
            body += "<td class=\"num\">\(HTMLText.gap(row.improvementMean, indicator)) \(HTMLText.escape(indicator.unit))</td>"
            body += "<td class=\"num\">\(HTMLText.data(row.eurosPerUnit!, HTMLText.euros(row.eurosPerUnit!))) (\(low) – \(high))</td></tr>"
            last = row.indicator
        }
        body += "</tbody></table></div>"
        return ReportSection(id: "kosten-per-punt", title: "Wat kost een punt?", body: body)
    }
}
