import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// Per focus wijk a fan chart per indicator: how the wijk develops over
/// the years with its uncertainty, against the city, with the windows of
/// the interventions that act on that indicator there; and one sentence
/// with the numbers under each chart.
extension HTMLReport {
    static func trajectories(_ alternatives: [ReportAlternative], _ focus: ReportFocus) -> ReportSection {
        let plan = alternatives[0].plan
        var body = "<p>Per focuswijk en indicator de ontwikkeling \(plan.firstYear)–\(plan.lastYear) over \(ReportWords.draws(plan.draws))\(alternatives.count > 1 ? ", per alternatief in zijn kleur" : "").</p>"
        body += fanLegend(alternatives)
        for w in focus.wijken {
            let name = plan.city.wijken[w]
            body += "<section class=\"wijk\" id=\"wijk-\(w)\"\(HTMLText.attributes([("data-wijk", name)]))><h3>\(HTMLText.escape(name))</h3>"
            body += "<p class=\"note\">\(interventionsSentence(alternatives, w))</p><div class=\"grid\">"
            for i in focus.indicators {
                body += fanFigure(alternatives, w, i)
            }
            body += "</div></section>"
        }
        if let note = focus.omissionNote(plan) { body += "<p class=\"note\">\(HTMLText.escape(note))</p>" }
        return ReportSection(id: "ontwikkeling", title: "Ontwikkeling per focuswijk", body: body)
    }

    /// The interventions that target wijk `w`, per alternative.
    static func interventionsSentence(_ alternatives: [ReportAlternative], _ w: Int) -> String {
        let parts = alternatives.compactMap { a -> String? in
            let here = a.plan.instances.filter { $0.kind == .intervention && $0.mask[w] != 0 }
            let list = here.map { i -> String in
                let funding = i.funding.map { " uit \(a.plan.scenario.funding[$0].name)" } ?? ""
                return "<code>\(HTMLText.escape(i.name))</code> (\(HTMLText.escape(a.plan.plugins[i.plugin].title)), \(i.from)–\(i.to)\(HTMLText.escape(funding)))"
            }
            if alternatives.count == 1 {
                return list.isEmpty ? "Geen interventies in deze wijk." : "Interventies hier: " + list.joined(separator: ", ") + "."
            }
            return list.isEmpty ? nil : "<b>\(HTMLText.escape(a.label))</b>: " + list.joined(separator: ", ")
        }
        if alternatives.count > 1 {
            return parts.isEmpty ? "Geen interventies in deze wijk." : "Interventies hier: " + parts.joined(separator: "; ") + "."
        }
        return parts.first ?? ""
    }

    static func fanFigure(_ alternatives: [ReportAlternative], _ w: Int, _ i: Int) -> String {
        let reference = alternatives[0]
        let plan = reference.plan
        let indicator = plan.city.indicators[i]
        let years = 0..<plan.yearCount
        let series = alternatives.map { a in
            FanChart.Series(cssClass: a.cssClass, p05: years.map { a.cell(w, i, $0).p05 }, p50: years.map { a.cell(w, i, $0).p50 },
                            p95: years.map { a.cell(w, i, $0).p95 }, mean: years.map { a.cell(w, i, $0).mean })
        }
        let windows = alternatives.flatMap { a in
            a.plan.instances.filter { $0.kind == .intervention && $0.mask[w] != 0 && a.plan.plugins[$0.plugin].writes.contains(indicator.id) }
                // the measure's title and who pays, not the scenario file's instance id
                .map { FanChart.Window(name: EffectivenessFiles.shortTitle(a.plan.plugins[$0.plugin].title)
                                           + ($0.funding.map { " (" + EffectivenessFiles.readable(a.plan.scenario.funding[$0].name) + ")" } ?? ""),
                                       from: $0.from, to: $0.to,
                                       cssClass: alternatives.count > 1 ? a.cssClass : "winrun") }
        }
        let name = plan.city.wijken[w]
        let title = "\(name): \(ReportWords.shortTitle(indicator)) \(plan.firstYear)–\(plan.lastYear)"
        let chart = FanChart(title: title, axisLabel: "\(indicator.unit) (\(ReportWords.direction(indicator.polarity)))",
                             decimals: HTMLText.decimals(indicator), years: plan.firstYear...plan.lastYear, series: series,
                             city: years.map { reference.cell(plan.wijkCount, i, $0).mean }, windows: windows)
        let end = plan.yearCount - 1
        let last = reference.cell(w, i, end)
        let attributes: [(String, String)] = [
            ("data-wijk", name), ("data-indicator", indicator.id), ("data-year", String(plan.lastYear)),
            ("data-mean", last.mean.csv), ("data-p05", last.p05.csv), ("data-p50", last.p50.csv), ("data-p95", last.p95.csv),
            ("data-city", reference.cell(plan.wijkCount, i, end).mean.csv),
        ]
        var html = "<figure class=\"fan\" id=\"fan-\(w)-\(i)\"\(HTMLText.attributes(attributes))>"
        html += "<figcaption>\(HTMLText.escape(ReportWords.shortTitle(indicator)))</figcaption>"
        html += chart.svg()
        let sentence = alternatives.count == 1 ? fanSentence(reference, w, i, acting: !windows.isEmpty) : fanComparisonSentence(alternatives, w, i)
        return html + "<p class=\"says\">\(sentence)</p></figure>"
    }

    /// What one fan chart of a run shows, with its numbers.
    static func fanSentence(_ a: ReportAlternative, _ w: Int, _ i: Int, acting: Bool) -> String {
        let plan = a.plan
        let indicator = plan.city.indicators[i]
        let end = plan.yearCount - 1
        let first = a.cell(w, i, 0), last = a.cell(w, i, end)
        let cityFirst = a.cell(plan.wijkCount, i, 0).mean, cityLast = a.cell(plan.wijkCount, i, end).mean
        let g = a.gap(w, i)
        let state = ReportWords.gapState(g)
        let chance = a.closingChance(w, i)
        let change = ReportWords.change(from: first.mean, to: last.mean, indicator)
        let wijk = HTMLText.escape(plan.city.wijken[w])
        var text = change.verdict == "gelijk"
            ? "In \(wijk) blijft de waarde gelijk: \(HTMLText.value(first.mean, indicator)) in \(plan.firstYear), \(HTMLText.value(last.mean, indicator)) in \(plan.lastYear)"
            : "In \(wijk) \(change.verb) de waarde van \(HTMLText.value(first.mean, indicator)) in \(plan.firstYear) naar \(HTMLText.value(last.mean, indicator)) in \(plan.lastYear)"
        let decimals = HTMLText.decimals(indicator)
        if HTMLText.number(last.p05, decimals: decimals) == HTMLText.number(last.p95, decimals: decimals) {
            text += " (geen spreiding over de trekkingen)"
        } else {
            text += " (gemiddelde; mediaan \(HTMLText.value(last.p50, indicator)); 90% van de trekkingen tussen \(HTMLText.value(last.p05, indicator)) en \(HTMLText.value(last.p95, indicator)))"
        }
        text += change.verdict == "gelijk" ? "." : ": <b>\(change.verdict)</b>."
        text += " De stad: \(HTMLText.value(cityFirst, indicator)) → \(HTMLText.value(cityLast, indicator))."
        text += " Kloof \(HTMLText.gap(g.start, indicator)) → \(HTMLText.gap(g.end, indicator)): \(HTMLText.escape(state.label)); kans dat hij in \(plan.lastYear) dicht is: \(chance.html)."
        if !acting { text += " Geen interventie hier werkt direct op deze indicator." }
        return text
    }

    /// What one fan chart of a comparison shows: each alternative's end value and band.
    static func fanComparisonSentence(_ alternatives: [ReportAlternative], _ w: Int, _ i: Int) -> String {
        let plan = alternatives[0].plan
        let indicator = plan.city.indicators[i]
        let end = plan.yearCount - 1
        let values = alternatives.map { a -> String in
            let c = a.cell(w, i, end)
            let decimals = HTMLText.decimals(indicator)
            let spread = HTMLText.number(c.p05, decimals: decimals) == HTMLText.number(c.p95, decimals: decimals)
                ? "" : " (\(HTMLText.value(c.p05, indicator))–\(HTMLText.value(c.p95, indicator)))"
            return "\(HTMLText.escape(a.label)) \(HTMLText.value(c.mean, indicator))\(spread)"
        }
        let city = alternatives[0].cell(plan.wijkCount, i, end).mean
        return "In \(plan.lastYear) in \(HTMLText.escape(plan.city.wijken[w])), gemiddelde (en 90% van de trekkingen, waar die spreiden): " + values.joined(separator: "; ")
            + ". Stad in de referentie: \(HTMLText.value(city, indicator)); \(ReportWords.direction(indicator.polarity))."
    }

    /// The key to every fan chart, once above them.
    static func fanLegend(_ alternatives: [ReportAlternative]) -> String {
        let one = alternatives.count == 1
        var html = "<div class=\"legend\">"
        for a in alternatives {
            html += "<span class=\"\(a.cssClass)\"><svg class=\"swatch\" viewBox=\"0 0 26 12\"><rect class=\"band\" x=\"0\" y=\"1\" width=\"26\" height=\"10\"/><line class=\"median\" x1=\"0\" y1=\"6\" x2=\"26\" y2=\"6\"/></svg>\(one ? "90% van de trekkingen (p05–p95) en mediaan" : HTMLText.escape(a.label) + (a.isReference ? " (referentie)" : ""))</span>"
        }
        html += "<span class=\"\(alternatives[0].cssClass)\"><svg class=\"swatch\" viewBox=\"0 0 26 12\"><line class=\"mean\" x1=\"0\" y1=\"6\" x2=\"26\" y2=\"6\"/></svg>gemiddelde</span>"
        html += "<span><svg class=\"swatch\" viewBox=\"0 0 26 12\"><line class=\"city\" x1=\"0\" y1=\"6\" x2=\"26\" y2=\"6\"/></svg>stadsgemiddelde\(one ? "" : " (referentie)")</span>"
        html += "<span class=\"\(one ? "winrun" : alternatives[min(1, alternatives.count - 1)].cssClass)\"><svg class=\"swatch\" viewBox=\"0 0 26 12\"><rect class=\"window-bar\" x=\"0\" y=\"1\" width=\"26\" height=\"10\"/></svg>looptijd van een interventie die op de indicator werkt (balk onder de grafiek)</span>"
        return html + "</div>"
    }
}
