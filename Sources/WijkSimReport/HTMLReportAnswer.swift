import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// The short answer of a run: which focus wijk closes which gap with the
/// city by the end year, how likely that is, and whether the money
/// suffices; as a few sentences and a matrix of indicators × focus wijken.
extension HTMLReport {
    static func answer(_ a: ReportAlternative, _ focus: ReportFocus, choice: VariantChoice? = nil) -> ReportSection {
        let plan = a.plan
        var open: [(w: Int, i: Int)] = []
        var perWijk: [String] = []
        for w in focus.wijken {
            let gaps = focus.indicators.filter { a.gap(w, $0).start > 0 }
            open += gaps.map { (w, $0) }
            let closed = gaps.filter { a.gap(w, $0).end <= 0 }.count
            perWijk.append("<b>\(HTMLText.escape(plan.city.wijken[w]))</b> \(closed) van \(gaps.count)")
        }
        let closed = open.filter { a.gap($0.w, $0.i).end <= 0 }
        let shares = open.compactMap { a.gap($0.w, $0.i).closedShare }

        var lead = "<b>Kort:</b> "
        if open.isEmpty {
            lead += "geen van de focuswijken scoort in \(plan.firstYear) slechter dan de stad."
        } else {
            lead += "van de <b>\(open.count)</b> kloven met de stad in de \(focus.wijken.count == 1 ? "focuswijk" : "\(focus.wijken.count) focuswijken") \(closed.count == 1 ? "is" : "zijn") er in \(plan.lastYear) <b>\(closed.count)</b> dicht (in het gemiddelde over de trekkingen)"
            if !closed.isEmpty && closed.count <= 3 {
                lead += ": " + ReportWords.list(closed.map { c in
                    "\(HTMLText.escape(ReportWords.shortTitle(plan.city.indicators[c.i]).lowercasedFirst)) in \(HTMLText.escape(plan.city.wijken[c.w])) (kans onder deze aannames \(a.closingChance(c.w, c.i).html))"
                })
            } else if !closed.isEmpty {
                lead += ", \(closed.filter { a.closingChance($0.w, $0.i).atLeast95 }.count) daarvan met een kans van ten minste 95%"
            }
            lead += "."
            if !shares.isEmpty {
                lead += " Gemiddeld is een kloof in \(plan.lastYear) \(shrinkText(shares.reduce(0, +) / Double(shares.count))) dan in \(plan.firstYear)."
            }
        }
        lead += " " + moneyVerdict(a)

        var items = [focusSentence(plan, focus)]
        if !open.isEmpty {
            items.append("Kloven dicht in \(plan.lastYear), per wijk (van het aantal kloven in \(plan.firstYear)): " + perWijk.joined(separator: "; ") + ".")
        }
        items.append(fundingSentence(a))
        if plan.variants > 1, let choice {
            let sweep = plan.scenario.sweep.map { "<code>\(HTMLText.escape($0.key))</code>" }.joined(separator: ", ")
            var text = "Dit scenario heeft \(plan.variants) varianten (sweep over \(sweep)). "
            text += choice.withinBudget
                ? "Dit rapport toont de <b>beste variant binnen budget</b> in detail: <b>\(HTMLText.escape(choice.label(plan)))</b> (de meeste kloven dicht, dan de grootste gemiddelde sluiting, dan de laagste uitgaven). "
                : "<strong class=\"alert-text\">Elke variant overschrijdt een budget.</strong> Dit rapport toont de variant die de meeste kloven sluit: <b>\(HTMLText.escape(choice.label(plan)))</b>. "
            text += choice.overspending.isEmpty
                ? "Geen enkele variant overschrijdt een budget."
                : "<strong class=\"alert-text\">\(choice.overspending.count) van de \(plan.variants) varianten overschrijden een budget</strong> (\(choice.overspending.count <= 12 ? "variant " + choice.overspending.map(String.init).joined(separator: ", ") : "zie Varianten"))."
            text += " Alle varianten naast elkaar: <a href=\"#varianten\">Varianten</a>; alle getallen in de CSV-bestanden."
            items.append(text)
        }
        var body = "<p class=\"lead\">\(lead)</p>"
        body += caveats(plan)
        body += "<ul class=\"answer\">" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
        body += "<p>Per focuswijk en indicator: de kloof met de stad in \(plan.firstYear) → \(plan.lastYear) (gemiddelde over \(ReportWords.draws(plan.draws)); + = slechter dan de stad), of en wanneer hij dicht is, en de kans dat hij in \(plan.lastYear) dicht is.</p>"
        body += gapMatrix(a, focus)
        body += chanceLegend(plan, exact: a.exactChances)
        if let note = focus.omissionNote(plan) { body += "<p class=\"note\">\(HTMLText.escape(note))</p>" }
        return ReportSection(id: "antwoord", title: "Het korte antwoord", body: body)
    }

    /// What every number and chance on the page rests on, next to the headline.
    static func caveats(_ plan: Plan) -> String {
        let lines = TerminalLanguage.nl.caveats(plan).map { $0.replacingEvery("Onder deze aannames: d", with: "D") }
        return "<aside class=\"caveats\"><b>Onder deze aannames.</b> " + lines.map(HTMLText.escape).joined(separator: " ") + "</aside>"
    }

    /// "Het geld blijft binnen de budgetten." or the overspent sources, in red.
    static func moneyVerdict(_ a: ReportAlternative) -> String {
        let summaries = a.results.fundingSummary(variant: a.variant)
        let over = summaries.filter(\.overspent).map(\.funding.name)
        if !over.isEmpty {
            return "<strong class=\"alert-text\">Overschreden: \(HTMLText.escape(ReportWords.list(over))).</strong>"
        }
        return summaries.isEmpty ? "" : "Het geld blijft binnen de budgetten."
    }

    /// "38% kleiner" or "12% groter" for a mean closed share.
    static func shrinkText(_ share: Double) -> String {
        let text = HTMLText.data(abs(share), HTMLText.percent(abs(share)))
        return share >= 0 ? "<b>\(text) kleiner</b>" : "<b>\(text) groter</b>"
    }

    static func focusSentence(_ plan: Plan, _ focus: ReportFocus) -> String {
        let names = HTMLText.escape(ReportWords.list(focus.wijken.map { plan.city.wijken[$0] }))
        if focus.wijken.isEmpty { return "Er zijn geen focuswijken: geen interventies, en geen wijk scoort bij de start slechter dan de stad." }
        return focus.targeted
            ? "Focuswijken (waar de interventies werken): \(names)."
            : "Dit scenario heeft geen interventies. Focuswijken zijn daarom de wijken die in \(plan.firstYear) op de meeste indicatoren slechter scoren dan de stad: \(names)."
    }

    /// Funding in one sentence, overspend first and in red.
    static func fundingSentence(_ a: ReportAlternative) -> String {
        let summaries = a.results.fundingSummary(variant: a.variant)
        let unfunded = a.unfundedSpend
        if summaries.isEmpty && unfunded == nil {
            let any = a.plan.instances.contains { $0.kind == .intervention }
            return any ? "Geld: de interventies geven niets uit." : "Geld: dit scenario heeft geen interventies en dus geen kosten."
        }
        var text: String
        let over = summaries.filter(\.overspent)
        if over.isEmpty {
            let spent = summaries.reduce(0) { $0 + $1.spent }, budget = summaries.reduce(0) { $0 + $1.funding.budget }
            text = summaries.isEmpty ? "Geld:" : "Geld: <span class=\"okay\">alle \(summaries.count) financieringsbronnen blijven binnen budget en looptijd</span> (samen \(HTMLText.data(spent, HTMLText.euros(spent))) van \(HTMLText.data(budget, HTMLText.euros(budget))))."
        } else {
            text = "<strong class=\"alert-text\">Geld: overschreden: " + over.map(overspendText).joined(separator: "; ") + ".</strong>"
        }
        if let unfunded { text += " Zonder financieringsbron: \(HTMLText.data(unfunded, HTMLText.euros(unfunded)))." }
        return text
    }

    /// "regiodeal (€ 17,2 mln besteed van € 15,0 mln; € 1,0 mln buiten 2020–2024)".
    static func overspendText(_ f: FundingSummary) -> String {
        var parts = ["\(HTMLText.data(f.spent, HTMLText.euros(f.spent))) besteed van \(HTMLText.data(f.funding.budget, HTMLText.euros(f.funding.budget)))"]
        if f.spentOutside > 0 {
            parts.append("\(HTMLText.data(f.spentOutside, HTMLText.euros(f.spentOutside))) buiten \(f.funding.from)–\(f.funding.to)")
        }
        return "<b>\(HTMLText.escape(f.funding.name))</b> (" + parts.joined(separator: "; ") + ")"
    }

    static func gapMatrix(_ a: ReportAlternative, _ focus: ReportFocus) -> String {
        let plan = a.plan
        var html = "<div class=\"scroll\"><table class=\"matrix\" id=\"antwoord-matrix\"><thead><tr><th>Indicator</th>"
        for w in focus.wijken {
            html += "<th><a href=\"#wijk-\(w)\">\(HTMLText.escape(plan.city.wijken[w]))</a></th>"
        }
        html += "</tr></thead><tbody>"
        for i in focus.indicators {
            let indicator = plan.city.indicators[i]
            html += "<tr><th scope=\"row\">\(HTMLText.escape(ReportWords.shortTitle(indicator)))<span class=\"unit\">\(HTMLText.escape(indicator.unit)), \(ReportWords.direction(indicator.polarity))</span></th>"
            for w in focus.wijken {
                let g = a.gap(w, i)
                let state = ReportWords.gapState(g)
                let chance = a.closingChance(w, i)
                let decimals = HTMLText.decimals(indicator)
                let tooltip = "\(plan.city.wijken[w]), \(ReportWords.shortTitle(indicator)): kloof met de stad \(HTMLText.signed(g.start, decimals: decimals)) in \(plan.firstYear), \(HTMLText.signed(g.end, decimals: decimals)) in \(plan.lastYear) (\(indicator.unit); + = slechter dan de stad). Kans dat de kloof in \(plan.lastYear) dicht is: \(chance.label)."
                let attributes: [(String, String)] = [
                    ("data-wijk", plan.city.wijken[w]), ("data-indicator", indicator.id),
                    ("data-gap-start", g.start.csv), ("data-gap-end", g.end.csv),
                    ("data-year-closed", g.yearClosed.map(String.init) ?? ""), ("data-p-closed", chance.share?.csv ?? ""),
                ]
                html += "<td class=\"cell \(chance.cssClass)\"\(HTMLText.attributes(attributes)) title=\"\(HTMLText.escape(tooltip))\">"
                html += "<span class=\"gaps\">\(HTMLText.gap(g.start, indicator)) → \(HTMLText.gap(g.end, indicator))</span>"
                html += "<span class=\"state\">\(HTMLText.escape(state.label))</span>"
                html += "<span class=\"chance\">kans \(chance.html)</span></td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    static func chanceLegend(_ plan: Plan, exact: Bool) -> String {
        let keys = exact ? ["≥ 95%", "50–95%", "5–50%", "< 5%"] : CityChance.allCases.reversed().map(\.label)
        var html = "<div class=\"legend\"><span>Kans onder deze aannames:</span>"
        for (k, label) in keys.enumerated() {
            html += "<span><i class=\"key chance\(3 - k)\"></i>kans \(HTMLText.escape(label))</span>"
        }
        html += "</div><p class=\"note\"><b>Dicht in</b>: het eerste jaar waarin de gemiddelde kloof (over \(ReportWords.draws(plan.draws))) ≤ 0 is. "
        if exact {
            html += "<b>Kans</b>: het aandeel van de \(ReportWords.draws(plan.draws)) waarin de kloof in \(plan.lastYear) dicht is, dat wil zeggen waarin de wijk niet slechter scoort dan de stad in dezelfde trekking, onder de aannames van het model (zie het kader hierboven): een kans van 100% betekent dat geen enkele trekking van de onzekere parameters de kloof openhoudt, niet dat het zeker is. De gemiddelde kloof kan dicht zijn terwijl de kans onder 50% ligt, en omgekeerd.</p>"
        } else {
            html += "<b>Kans</b>: deze run had te veel trekkingen om ze te bewaren, dus de kans is ingedeeld uit de verdeling van de wijk (p05, mediaan, p95) tegen het gemiddelde van de stad: ≥ 95% als zelfs het ongunstigste 5%-punt aan de goede kant ligt; 50–95% als de mediaan er ligt; 5–50% als alleen het gunstigste 5%-punt er ligt; anders &lt; 5%. Een grove indeling, geen exacte kans.</p>"
        }
        return html
    }
}
