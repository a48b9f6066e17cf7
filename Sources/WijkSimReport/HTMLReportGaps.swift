import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// The gap to the city at the start and at the end, per indicator a bar
/// chart over the focus wijken (one unit per chart), with the year each gap
/// closes and a sentence with the numbers.
extension HTMLReport {
    static func gaps(_ alternatives: [ReportAlternative], _ focus: ReportFocus) -> ReportSection {
        let plan = alternatives[0].plan
        let compare = alternatives.count > 1
        var body = "<p>Per indicator de kloof van elke focuswijk met het stadsgemiddelde in \(plan.firstYear) (lichte balk met rand) en in \(plan.lastYear) (\(compare ? "per alternatief in zijn kleur" : "blauw")), gemiddeld over de trekkingen; + (naar rechts) = slechter dan de stad. Rechts het jaar waarin de kloof dicht is.</p>"
        if compare { body += alternativesLegend(alternatives) }
        body += "<div class=\"grid wide\">"
        for i in focus.indicators {
            body += gapFigure(alternatives, focus, i)
        }
        return ReportSection(id: "kloof", title: "Kloof met de stad: begin en eind", body: body + "</div>")
    }

    static func gapFigure(_ alternatives: [ReportAlternative], _ focus: ReportFocus, _ i: Int) -> String {
        let plan = alternatives[0].plan
        let indicator = plan.city.indicators[i]
        let rows = focus.wijken.map { w in
            GapChart.Row(label: plan.city.wijken[w], start: alternatives[0].gap(w, i).start, ends: alternatives.map { a in
                let g = a.gap(w, i)
                return GapChart.Bar(value: g.end, cssClass: a.cssClass, note: ReportWords.gapState(g).label, attributes: [
                    ("data-wijk", plan.city.wijken[w]), ("data-indicator", indicator.id), ("data-alternative", a.label),
                    ("data-gap-start", g.start.csv), ("data-gap-end", g.end.csv), ("data-year-closed", g.yearClosed.map(String.init) ?? ""),
                ])
            })
        }
        let title = "\(ReportWords.shortTitle(indicator)): kloof met de stad per focuswijk, \(plan.firstYear) en \(plan.lastYear)"
        let chart = GapChart(title: title, axisLabel: "kloof met de stad in \(indicator.unit)", decimals: HTMLText.decimals(indicator), rows: rows)
        var html = "<figure class=\"gap\" id=\"kloof-\(i)\"\(HTMLText.attributes([("data-indicator", indicator.id)]))>"
        html += "<figcaption>\(HTMLText.escape(ReportWords.shortTitle(indicator)))<span class=\"unit\">kloof in \(HTMLText.escape(indicator.unit)), \(ReportWords.direction(indicator.polarity))</span></figcaption>"
        html += chart.svg()
        html += "<p class=\"says\">\(gapSentence(alternatives, focus, i))</p></figure>"
        return html
    }

    /// "In 2042 is de kloof dicht in 1 van de 7 wijken met een kloof in 2022 (Tuinwijk); het grootst blijft hij in De Hoogte (+8,7)."
    static func gapSentence(_ alternatives: [ReportAlternative], _ focus: ReportFocus, _ i: Int) -> String {
        let plan = alternatives[0].plan
        let indicator = plan.city.indicators[i]
        let withGap = focus.wijken.filter { alternatives[0].gap($0, i).start > 0 }
        guard !withGap.isEmpty else {
            return "Geen van de focuswijken scoort in \(plan.firstYear) slechter dan de stad op \(HTMLText.escape(ReportWords.shortTitle(indicator)).lowercasedFirst)."
        }
        let parts = alternatives.map { a -> String in
            let closed = withGap.filter { a.gap($0, i).end <= 0 }
            var text = alternatives.count > 1 ? "<b>\(HTMLText.escape(a.label))</b>: dicht in " : "In \(plan.lastYear) is de kloof dicht in "
            text += "\(closed.count) van de \(withGap.count) wijken met een kloof in \(plan.firstYear)"
            if !closed.isEmpty { text += " (\(HTMLText.escape(ReportWords.list(closed.map { plan.city.wijken[$0] }))))" }
            if let worst = focus.wijken.max(by: { a.gap($0, i).end < a.gap($1, i).end }), a.gap(worst, i).end > 0 {
                text += "; het grootst blijft hij in \(HTMLText.escape(plan.city.wijken[worst])) (\(HTMLText.gap(a.gap(worst, i).end, indicator)))"
            }
            return text
        }
        return parts.joined(separator: ". ") + "."
    }

    /// Colour keys for the alternatives of a comparison.
    static func alternativesLegend(_ alternatives: [ReportAlternative]) -> String {
        "<div class=\"legend\">" + alternatives.map { a in
            "<span class=\"\(a.cssClass)\"><svg class=\"swatch\" viewBox=\"0 0 26 12\"><rect class=\"gap-end\" x=\"0\" y=\"2\" width=\"26\" height=\"8\"/></svg>\(HTMLText.escape(a.label))\(a.isReference ? " (referentie)" : "")</span>"
        }.joined() + "</div>"
    }
}

extension String {
    /// "Minimahuishoudens" → "minimahuishoudens", for a title inside a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
