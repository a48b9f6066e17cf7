import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// The comparison's own parts: the short answer (per alternative, how
/// sure it is to beat the reference in each focus wijk and indicator) and
/// per focus wijk a table of paired differences with a chart per row.
extension HTMLReport {
    static func comparisonAnswer(_ all: [ReportAlternative], _ focus: ReportFocus) -> ReportSection {
        let reference = all[0]
        let plan = reference.plan
        let end = plan.yearCount - 1
        let others = all.filter { !$0.isReference && $0.variant == 0 }
        let cells = focus.wijken.flatMap { w in focus.indicators.map { (w, $0) } }
        let closedCount = { (a: ReportAlternative) in cells.filter { a.gap($0.0, $0.1).start > 0 && a.gap($0.0, $0.1).end <= 0 }.count }
        let sureCount = { (a: ReportAlternative) in cells.filter { a.betterChance($0.0, $0.1, end) == .atLeast95 }.count }
        let withGap = cells.filter { reference.gap($0.0, $0.1).start > 0 }.count

        // The lead: the alternatives ranked by how often they are almost surely better.
        let ranked = others.sorted { sureCount($0) > sureCount($1) }
        var lead = "<b>Kort:</b> "
        lead += ranked.isEmpty ? "er is geen alternatief naast de referentie." : "in \(plan.lastYear) is " + ReportWords.list(ranked.enumerated().map { k, a in
            "<b>\(HTMLText.escape(a.label))</b>" + (k == 0 ? " vrijwel zeker beter dan \(HTMLText.escape(reference.label)) op <b>\(sureCount(a))</b> van de \(cells.count) combinaties van focuswijk en indicator" : " op <b>\(sureCount(a))</b>")
        }) + "."
        if withGap > 0 {
            lead += " Kloven met de stad dicht in \(plan.lastYear) (van de \(withGap)): " + ([reference] + ranked).map { "\(HTMLText.escape($0.label)) \(closedCount($0))" }.joined(separator: ", ") + "."
        }
        let verdicts = ([reference] + ranked).compactMap { a -> String? in
            let over = a.results.fundingSummary(variant: a.variant).filter(\.overspent).map(\.funding.name)
            return over.isEmpty ? nil : "\(HTMLText.escape(a.label)): \(HTMLText.escape(ReportWords.list(over)))"
        }
        lead += verdicts.isEmpty ? " Het geld blijft overal binnen de budgetten." : " <strong class=\"alert-text\">Overschreden: \(verdicts.joined(separator: "; ")).</strong>"

        var items = [focusSentence(plan, focus)]
        items.append("Referentie: <b>\(HTMLText.escape(reference.label))</b>. Elk ander alternatief wordt in dezelfde \(ReportWords.draws(plan.draws)) met dezelfde toevalsgetallen doorgerekend, dus de verschillen zijn gepaard: <b>P(beter)</b> is het aandeel van de trekkingen waarin het alternatief in \(plan.lastYear) beter scoort dan de referentie in dezelfde trekking.")
        let referenceClosed = closedCount(reference)
        for a in others {
            let chances = cells.map { a.betterChance($0.0, $0.1, end) }
            let closed = closedCount(a)
            var text = "<b>\(HTMLText.escape(a.label))</b> t.o.v. de referentie in \(plan.lastYear): vrijwel zeker beter (P(beter) ≥ 95%) op <b>\(chances.filter { $0 == .atLeast95 }.count)</b> van de \(cells.count) combinaties van focuswijk en indicator, waarschijnlijk beter (50–95%) op \(chances.filter { $0 == .from50to95 }.count), geen of een verwaarloosbaar verschil op \(chances.filter { $0 == .same || $0 == .negligible }.count)"
            let worse = chances.filter { $0 == .below5 }.count
            if worse > 0 { text += ", vrijwel zeker niet beter (&lt; 5%) op \(worse)" }
            text += ". Kloven met de stad dicht: \(closed) van de \(withGap) (referentie: \(referenceClosed)). \(fundingSentence(a))"
            items.append(text)
        }
        let scenarios = all.filter { $0.variant == 0 }.count
        if scenarios > maxChartedScenarios {
            items.append("De grafieken tonen de eerste \(maxChartedScenarios) van de \(scenarios) scenario's; de tabellen en de CSV-bestanden ze allemaal.")
        }
        let hidden = all.count - 1 - others.count
        if hidden > 0 {
            items.append("Nog \(hidden) varianten uit sweeps staan in de tabellen van <a href=\"#verschillen\">Verschillen per focuswijk</a>; dit overzicht en de grafieken tonen van elk scenario variant 0.")
        }
        var body = "<p class=\"lead\">\(lead)</p>"
        body += "<ul class=\"answer\">" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
        for a in others {
            body += "<h3>\(HTMLText.escape(a.label)) t.o.v. \(HTMLText.escape(reference.label))</h3>"
            body += "<p>Per focuswijk en indicator: het gemiddelde verschil in \(plan.lastYear) (+ = beter dan de referentie, in de eenheid van de indicator) en daaronder P(beter).</p>"
            body += differenceMatrix(a, focus)
        }
        body += betterLegend()
        if let note = focus.omissionNote(plan) { body += "<p class=\"note\">\(HTMLText.escape(note))</p>" }
        return ReportSection(id: "antwoord", title: "Het korte antwoord", body: body)
    }

    static func differenceMatrix(_ a: ReportAlternative, _ focus: ReportFocus) -> String {
        let plan = a.plan
        let end = plan.yearCount - 1
        var html = "<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>Indicator</th>"
        for w in focus.wijken { html += "<th><a href=\"#verschil-\(w)\">\(HTMLText.escape(plan.city.wijken[w]))</a></th>" }
        html += "</tr></thead><tbody>"
        for i in focus.indicators {
            let indicator = plan.city.indicators[i]
            html += "<tr><th scope=\"row\">\(HTMLText.escape(ReportWords.shortTitle(indicator)))<span class=\"unit\">\(HTMLText.escape(indicator.unit)), \(ReportWords.direction(indicator.polarity))</span></th>"
            for w in focus.wijken {
                let d = a.difference(w, i, end)!
                let chance = a.betterChance(w, i, end)
                html += "<td class=\"cell \(chance.cssClass)\"\(HTMLText.attributes(differenceAttributes(a, w, i, d))) title=\"\(HTMLText.escape("\(plan.city.wijken[w]), \(ReportWords.shortTitle(indicator)): \(chance.label)"))\">"
                html += "<span class=\"delta\">\(HTMLText.gap(d.mean, indicator))</span>"
                html += chance == .same ? "<span class=\"chance\">geen verschil</span></td>"
                    : "<span class=\"chance\">\(HTMLText.data(d.pBetter, HTMLText.percent(d.pBetter)))</span></td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    static func differenceAttributes(_ a: ReportAlternative, _ w: Int, _ i: Int, _ d: DifferenceStatistics) -> [(String, String)] {
        [("data-scenario", a.results.plan.scenario.name), ("data-variant", String(a.variant)),
         ("data-wijk", a.plan.city.wijken[w]), ("data-indicator", a.plan.city.indicators[i].id),
         ("data-diff-mean", d.mean.csv), ("data-diff-p05", d.p05.csv), ("data-diff-p95", d.p95.csv), ("data-p-better", d.pBetter.csv)]
    }

    static func betterLegend() -> String {
        var html = "<div class=\"legend\">"
        for chance in BetterChance.allCases.reversed() {
            html += "<span><i class=\"key \(chance.cssClass)\"></i>\(HTMLText.escape(chance.label))</span>"
        }
        return html + "</div><p class=\"note\">Kleur naar P(beter): vrijwel zeker beter ≥ 95%, waarschijnlijk beter 50–95%, waarschijnlijk niet beter 5–50%, vrijwel zeker niet beter &lt; 5%. Grijs: in geen enkele trekking een verschil, of een gemiddeld verschil dat in de getoonde decimalen 0 is (hoe zeker ook).</p>"
    }

    /// Per focus wijk: every alternative's end value, its difference from the reference with band, and P(better).
    static func differences(_ all: [ReportAlternative], _ focus: ReportFocus) -> ReportSection {
        let plan = all[0].plan
        let end = plan.yearCount - 1
        let shown = Array(all.prefix(maxTableAlternatives))
        var body = "<p>Per focuswijk en indicator in \(plan.lastYear): de waarde per alternatief (gemiddelde, en 90% van de trekkingen), het gepaarde verschil met de referentie (+ = beter; gemiddelde en p05–p95 over de trekkingen), als getal en als balk (punt = gemiddelde, balk = p05–p95, streep = geen verschil; elke indicator zijn eigen schaal), P(beter) en het jaar waarin de kloof met de stad dicht is.</p>"
        if all.count > shown.count {
            body += "<p class=\"note\">De tabellen tonen de eerste \(shown.count) van \(all.count) alternatieven; de rest staat in comparison.csv.</p>"
        }
        for w in focus.wijken {
            let name = plan.city.wijken[w]
            body += "<div class=\"wijk-diff\" id=\"verschil-\(w)\"\(HTMLText.attributes([("data-wijk", name)]))><h3>\(HTMLText.escape(name))</h3>"
            body += "<p class=\"says\">\(differenceSentence(shown, w, focus))</p>"
            body += "<div class=\"scroll\"><table class=\"diff\"><thead><tr><th>Indicator</th><th>Alternatief</th><th class=\"num\">Waarde \(plan.lastYear) (90%)</th><th class=\"num\">Verschil (p05 – p95)</th><th>slechter · beter</th><th class=\"num\">P(beter)</th><th>Kloof</th></tr></thead><tbody>"
            for i in focus.indicators {
                let indicator = plan.city.indicators[i]
                let diffs = shown.map { $0.difference(w, i, end)! }
                let limit = diffs.flatMap { [abs($0.p05), abs($0.p95), abs($0.mean)] }.max().map { $0 * 1.05 } ?? 1
                for (k, a) in shown.enumerated() {
                    let value = a.cell(w, i, end)
                    let d = diffs[k]
                    let chance = a.betterChance(w, i, end)
                    var classes: [String] = []
                    if k == 0 { classes.append("group-start") }
                    if a.isReference { classes.append("reference") }
                    body += "<tr class=\"\(classes.joined(separator: " "))\"\(HTMLText.attributes(differenceAttributes(a, w, i, d)))>"
                    if k == 0 {
                        body += "<th scope=\"rowgroup\" rowspan=\"\(shown.count)\">\(HTMLText.escape(ReportWords.shortTitle(indicator)))<span class=\"unit\">\(HTMLText.escape(indicator.unit)), \(ReportWords.direction(indicator.polarity))</span></th>"
                    }
                    body += "<td class=\"\(a.cssClass)\">\(HTMLText.escape(a.label))</td>"
                    body += "<td class=\"num\">\(HTMLText.value(value.mean, indicator)) (\(HTMLText.value(value.p05, indicator))–\(HTMLText.value(value.p95, indicator)))</td>"
                    if a.isReference {
                        body += "<td class=\"num\">referentie</td><td class=\"chart-cell\"></td><td class=\"num\"></td>"
                    } else if chance == .same {
                        body += "<td class=\"num\">geen verschil</td><td class=\"chart-cell\"></td><td class=\"num\">\(HTMLText.data(d.pBetter, HTMLText.percent(d.pBetter)))</td>"
                    } else {
                        body += "<td class=\"num\">\(HTMLText.gap(d.mean, indicator)) (\(HTMLText.gap(d.p05, indicator)) – \(HTMLText.gap(d.p95, indicator)))</td>"
                        let bar = DifferenceBar(p05: d.p05, mean: d.mean, p95: d.p95, limit: limit, cssClass: chance.cssClass,
                                                title: "\(a.label), \(ReportWords.shortTitle(indicator)) in \(name): \(chance.label)")
                        body += "<td class=\"chart-cell\">\(bar.svg())</td>"
                        body += "<td class=\"num\">\(HTMLText.data(d.pBetter, HTMLText.percent(d.pBetter)))</td>"
                    }
                    body += "<td>\(HTMLText.escape(ReportWords.gapState(a.gap(w, i)).label))</td></tr>"
                }
            }
            body += "</tbody></table></div></div>"
        }
        return ReportSection(id: "verschillen", title: "Verschillen per focuswijk", body: body)
    }

    /// "In Selwerd is Regio Deal vrijwel zeker beter op minimahuishoudens en …; geen verschil op …."
    static func differenceSentence(_ shown: [ReportAlternative], _ w: Int, _ focus: ReportFocus) -> String {
        let plan = shown[0].plan
        let end = plan.yearCount - 1
        let parts = shown.filter { !$0.isReference }.map { a -> String in
            var groups: [String] = []
            for chance in BetterChance.allCases.reversed() {
                let ids = focus.indicators.filter { a.betterChance(w, $0, end) == chance }
                guard !ids.isEmpty else { continue }
                groups.append("\(chance.label) op \(HTMLText.escape(ReportWords.list(ids.map { ReportWords.shortTitle(plan.city.indicators[$0]).lowercasedFirst })))")
            }
            return "<b>\(HTMLText.escape(a.label))</b> is in \(plan.lastYear) " + groups.joined(separator: "; ")
        }
        return "In \(HTMLText.escape(plan.city.wijken[w])): " + parts.joined(separator: ". ") + "."
    }
}
