import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// Spend per funding source: a table against the budgets (overspend in
/// red and in words), then per source the spend per year, stacked by
/// intervention, with its budget period and a meter of total against budget.
extension HTMLReport {
    static let maxTableAlternatives = 24

    static func costs(_ charted: [ReportAlternative], table: [ReportAlternative]? = nil) -> ReportSection {
        let rows = table ?? charted
        let compare = table != nil
        let shownRows = Array(rows.prefix(maxTableAlternatives))
        var body = "<p>Gemiddelde uitgaven over de trekkingen, per financieringsbron, tegen het budget. Een bron is <b>overschreden</b> als er meer wordt uitgegeven dan het budget, of als er geld wordt uitgegeven buiten de jaren waarin het budget beschikbaar is.</p>"
        body += fundingTable(shownRows, compare: compare)
        if rows.count > shownRows.count {
            body += "<p class=\"note\">\(rows.count - shownRows.count) alternatieven meer staan in comparison_costs.csv.</p>"
        }
        let withSpend = charted.filter { !$0.plan.scenario.funding.isEmpty || $0.unfundedSpend != nil }
        if withSpend.isEmpty {
            body += "<p>Geen interventies, dus geen uitgaven.</p>"
        }
        for a in withSpend {
            if compare { body += "<h3>\(HTMLText.escape(a.label))</h3>" }
            body += "<div class=\"grid wide\">" + fundingFigures(a) + "</div>"
        }
        return ReportSection(id: "kosten", title: "Kosten en budget", body: body)
    }

    static func fundingTable(_ rows: [ReportAlternative], compare: Bool) -> String {
        var html = "<div class=\"scroll\"><table class=\"funding\"><thead><tr>"
        if compare { html += "<th>Alternatief</th>" }
        html += "<th>Financieringsbron</th><th>Looptijd</th><th class=\"num\">Budget</th><th class=\"num\">Besteed</th><th class=\"num\">Deel van budget</th><th class=\"num\">Buiten looptijd</th><th>Oordeel</th></tr></thead><tbody>"
        for a in rows {
            for f in a.results.fundingSummary(variant: a.variant) {
                let attributes: [(String, String)] = [("data-alternative", a.label), ("data-funding", f.funding.name),
                                                      ("data-budget", f.funding.budget.csv), ("data-spent", f.spent.csv),
                                                      ("data-spent-outside", f.spentOutside.csv), ("data-overspent", f.overspent ? "true" : "false")]
                html += "<tr\(f.overspent ? " class=\"overspent\"" : "")\(HTMLText.attributes(attributes))>"
                if compare { html += "<td>\(HTMLText.escape(a.label))</td>" }
                html += "<td>\(HTMLText.escape(f.funding.name))</td><td>\(f.funding.from)–\(f.funding.to)</td>"
                html += "<td class=\"num\">\(HTMLText.data(f.funding.budget, HTMLText.euros(f.funding.budget)))</td>"
                html += "<td class=\"num\">\(HTMLText.data(f.spent, HTMLText.euros(f.spent)))</td>"
                html += "<td class=\"num\">\(f.funding.budget > 0 ? HTMLText.data(f.spent / f.funding.budget, HTMLText.percent(f.spent / f.funding.budget)) : "–")</td>"
                html += "<td class=\"num\">\(HTMLText.data(f.spentOutside, HTMLText.euros(f.spentOutside)))</td>"
                html += "<td>\(f.overspent ? "<strong class=\"alert-text\">overschreden</strong>" : "<span class=\"okay\">binnen budget</span>")</td></tr>"
            }
            if let unfunded = a.unfundedSpend {
                html += "<tr>" + (compare ? "<td>\(HTMLText.escape(a.label))</td>" : "")
                html += "<td>zonder bron</td><td>–</td><td class=\"num\">–</td><td class=\"num\">\(HTMLText.data(unfunded, HTMLText.euros(unfunded)))</td><td class=\"num\">–</td><td class=\"num\">–</td><td>geen budget</td></tr>"
            }
        }
        return html + "</tbody></table></div>"
    }

    /// One figure per funding source of `a`, plus one for spend without a source.
    static func fundingFigures(_ a: ReportAlternative) -> String {
        let plan = a.plan
        var html = ""
        for (fi, f) in a.results.fundingSummary(variant: a.variant).enumerated() {
            let instances = plan.instances.indices.filter { plan.instances[$0].funding == fi }
            let chart = CostChart(title: "Uitgaven per jaar uit \(f.funding.name)", firstYear: plan.firstYear,
                                  stacks: stacks(a, instances), window: f.funding.from...f.funding.to)
            let attributes: [(String, String)] = [("data-alternative", a.label), ("data-funding", f.funding.name),
                                                  ("data-budget", f.funding.budget.csv), ("data-spent", f.spent.csv),
                                                  ("data-spent-outside", f.spentOutside.csv), ("data-overspent", f.overspent ? "true" : "false")]
            html += "<figure class=\"funding\(f.overspent ? " overspent" : "")\"\(HTMLText.attributes(attributes))>"
            html += "<figcaption>\(HTMLText.escape(f.funding.name))<span class=\"unit\">budget \(HTMLText.escape(HTMLText.euros(f.funding.budget))), te besteden \(f.funding.from)–\(f.funding.to)</span></figcaption>"
            html += chart.svg() + stackLegend(a, instances)
            html += BudgetMeter(spent: f.spent, budget: f.funding.budget, title: "\(f.funding.name): besteed tegen budget").svg()
            html += "<p class=\"says\">\(fundingFigureSentence(f, instances: instances.map { plan.instances[$0].name }))</p></figure>"
        }
        let unfunded = plan.instances.indices.filter { plan.instances[$0].kind == .intervention && plan.instances[$0].funding == nil }
        if let total = a.unfundedSpend {
            let chart = CostChart(title: "Uitgaven per jaar zonder financieringsbron", firstYear: plan.firstYear,
                                  stacks: stacks(a, unfunded), window: nil)
            html += "<figure class=\"funding\"\(HTMLText.attributes([("data-alternative", a.label), ("data-funding", ""), ("data-spent", total.csv)]))>"
            html += "<figcaption>Zonder financieringsbron<span class=\"unit\">geen budget</span></figcaption>"
            html += chart.svg() + stackLegend(a, unfunded)
            html += "<p class=\"says\">Interventies zonder financieringsbron geven samen \(HTMLText.data(total, HTMLText.euros(total))) uit; daar staat geen budget tegenover.</p></figure>"
        }
        return html
    }

    static func stacks(_ a: ReportAlternative, _ instances: [Int]) -> [CostChart.Stack] {
        instances.enumerated().map { k, instance in
            CostChart.Stack(label: a.plan.instances[instance].name, cssClass: "c\(k % 8)",
                            amounts: (0..<a.plan.stepCount).map { a.results.cost(variant: a.variant, instance: instance, step: $0) })
        }
    }

    static func stackLegend(_ a: ReportAlternative, _ instances: [Int]) -> String {
        "<div class=\"legend\">" + instances.enumerated().map { k, instance in
            let i = a.plan.instances[instance]
            return "<span><i class=\"key c\(k % 8)\"></i>\(HTMLText.escape(i.name)) (\(i.from)–\(i.to))</span>"
        }.joined() + "</div>"
    }

    static func fundingFigureSentence(_ f: FundingSummary, instances: [String]) -> String {
        let budget = HTMLText.data(f.funding.budget, HTMLText.euros(f.funding.budget))
        let spent = HTMLText.data(f.spent, HTMLText.euros(f.spent))
        let window = "\(f.funding.from)–\(f.funding.to)"
        let payers = instances.isEmpty ? "Geen interventie gebruikt deze bron." : "Betaalt \(HTMLText.escape(ReportWords.list(instances)))."
        guard f.overspent else {
            let share = f.funding.budget > 0 ? " (\(HTMLText.data(f.spent / f.funding.budget, HTMLText.percent(f.spent / f.funding.budget))))" : ""
            return "\(payers) Besteed \(spent) van \(budget)\(share), alles binnen \(window): <span class=\"okay\">niet overschreden</span>."
        }
        var why: [String] = []
        if f.spent > f.funding.budget {
            let over = f.spent - f.funding.budget
            why.append("besteed \(spent), \(HTMLText.data(over, HTMLText.euros(over))) meer dan het budget van \(budget)")
        }
        if f.spentOutside > 0 {
            why.append("\(HTMLText.data(f.spentOutside, HTMLText.euros(f.spentOutside))) valt buiten \(window) (rood omlijnd)")
        }
        return "\(payers) <strong class=\"alert-text\">Overschreden: \(why.joined(separator: "; ")).</strong>"
    }
}
