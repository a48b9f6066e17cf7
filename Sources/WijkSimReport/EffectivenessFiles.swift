import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// `effectiveness.csv` and the terminal table of cost-effectiveness: per
/// intervention and funding stream, what a unit of improvement in the focus
/// wijken costs (see `CostEffectiveness` for how it is measured).
package enum EffectivenessFiles {
    package static func csv(_ e: CostEffectiveness, plan: Plan) -> String {
        var csv = CSVText(header: ["kind", "name", "indicator", "unit", "cost", "improvement_mean", "improvement_p05", "improvement_p95",
                                   "eur_per_unit", "eur_per_unit_p05", "eur_per_unit_p95"])
        for row in e.rows {
            let indicator = plan.city.indicators[row.indicator]
            csv.append([row.kind.rawValue, row.name, indicator.id, indicator.unit, row.cost.csv, row.improvementMean.csv,
                        row.improvementP05.csv, row.improvementP95.csv, row.eurosPerUnit.csv, row.eurosPerUnitLow.csv,
                        row.eurosPerUnitHigh.csv])
        }
        return csv.text
    }

    /// Rows with an improvement, cheapest per unit first within each indicator.
    package static func ranked(_ e: CostEffectiveness) -> [CostEffectiveness.Row] {
        e.rows.filter { $0.eurosPerUnit != nil && $0.improvementMean > 0 }
            .sorted { $0.indicator != $1.indicator ? $0.indicator < $1.indicator : $0.eurosPerUnit! < $1.eurosPerUnit! }
    }

    package static func text(_ e: CostEffectiveness, plan: Plan, language l: TerminalLanguage = .nl) -> String {
        let rows = ranked(e)
        var lines = ["", l.pick(
            "Kosten per eenheid verbetering in \(plan.lastYear), in de focuswijken samen (elk onderdeel vergeleken met het plan zonder dat onderdeel, in dezelfde \(l.draws(e.draws)); tussen haakjes p05–p95 van het effect, bij de gemiddelde kosten):",
            "Cost per unit of improvement by \(plan.lastYear), in the focus wijken together (each part against the plan without it, in the same \(l.draws(e.draws)); p05–p95 of the effect in brackets, at the mean cost):")]
        guard !rows.isEmpty else {
            lines.append(l.pick("(geen onderdeel verbetert een indicator in \(plan.lastYear))", "(no part improves an indicator by \(plan.lastYear))"))
            return lines.joined(separator: "\n") + "\n"
        }
        var table = [l == .nl ? ["indicator", "onderdeel", "kosten", "verbetering", "EUR per eenheid (p05–p95)"]
                              : ["indicator", "part", "cost", "improvement", "EUR per unit (p05–p95)"]]
        for row in rows {
            let indicator = plan.city.indicators[row.indicator]
            let part = title(row, plan: plan, language: l)
            let high = row.eurosPerUnitHigh.map(l.euros) ?? l.pick("onbegrensd", "unbounded")
            table.append([indicator.id, part, l.euros(row.cost), "\(l.signed(row.improvementMean)) \(indicator.unit)",
                          "\(l.euros(row.eurosPerUnit!)) (\(row.eurosPerUnitLow.map(l.euros) ?? "–")–\(high))"])
        }
        lines += SummaryTable.aligned(table)
        return lines.joined(separator: "\n") + "\n"
    }

    /// What a policymaker reads for a part: the measure's title and who pays
    /// ("Woningmix (nplv woningdeal)"), not the instance id of the scenario file.
    package static func title(_ row: CostEffectiveness.Row, plan: Plan, language l: TerminalLanguage = .nl) -> String {
        switch row.kind {
        case .funding:
            return l.pick("bron ", "source ") + readable(row.name)
        case .intervention:
            guard let instance = plan.instances.first(where: { $0.name == row.name }) else { return row.name }
            let title = shortTitle(plan.plugins[instance.plugin].title)
            return instance.funding.map { "\(title) (\(readable(plan.scenario.funding[$0].name)))" } ?? title
        }
    }

    static func readable(_ id: String) -> String { id.replacingEvery("_", with: " ") }

    /// "Woningmix: herstructurering van …" → "Woningmix".
    package static func shortTitle(_ title: String) -> String {
        String(title.prefix { $0 != ":" }).trimmingSpaces()
    }
}
