import WijkSimEngine
import WijkSimModel

/// The language of the terminal summaries: Dutch by default, as the report
/// speaks to the same policymakers; English with `--lang en`. Indicator ids
/// stay as they are in both (they are what the CSV files hold); titles of
/// scenarios and funding sources are the user's own words.
package enum TerminalLanguage: String, Sendable, CaseIterable {
    case nl, en

    package func pick(_ nl: String, _ en: String) -> String { self == .nl ? nl : en }

    func number(_ value: Double, decimals: Int) -> String {
        let text = FixedPoint.text(value, decimals: decimals)
        return self == .nl ? text.replacingEvery(".", with: ",") : text
    }

    func signed(_ value: Double) -> String {
        let text = SummaryTable.signed(value)
        return self == .nl ? text.replacingEvery(".", with: ",") : text
    }

    /// Whole euros with thousands grouped: "207.461.100" (nl), "207,461,100" (en).
    func euros(_ value: Double) -> String {
        let text = SummaryTable.euros(value)
        return self == .nl ? text.replacingEvery(",", with: ".") : text
    }

    func count(_ n: Int, _ nl: (String, String), _ en: (String, String)) -> String {
        let (one, many) = self == .nl ? nl : en
        return "\(euros(Double(n))) \(n == 1 ? one : many)"
    }

    func draws(_ n: Int) -> String { count(n, ("trekking", "trekkingen"), ("draw", "draws")) }

    /// The caveats that go with every answer (issue 15): what the bands cover
    /// and what they do not.
    func caveats(_ plan: Plan) -> [String] {
        let uncertain = plan.instances.reduce(0) { total, instance in
            total + instance.params.filter { if case .distributed = $0 { return true } else { return false } }.count
        }
        var lines: [String] = []
        lines.append(pick(
            "Onder deze aannames: de banden en kansen dekken alleen de onzekerheid van \(uncertain) onzekere parameter\(uncertain == 1 ? "" : "s") (effecten, kosten, trend).",
            "Under these assumptions: the bands and chances cover only the uncertainty of \(uncertain) uncertain parameter\(uncertain == 1 ? "" : "s") (effects, costs, trend)."))
        if let sources = plan.city.startingValues {
            lines.append(pick(
                "Van de \(sources.total) startwaarden (wijk × indicator) zijn er \(sources.estimated) geschat en \(sources.published) gepubliceerd\(sources.undocumented > 0 ? ", \(sources.undocumented) zonder bron" : ""); die onzekerheid zit niet in de banden.",
                "Of the \(sources.total) starting values (wijk × indicator), \(sources.estimated) are estimates and \(sources.published) published\(sources.undocumented > 0 ? ", \(sources.undocumented) undocumented" : ""); that uncertainty is not in the bands."))
        } else {
            lines.append(pick("De startwaarden gelden als exact; hun onzekerheid zit niet in de banden.",
                              "The starting values are taken as exact; their uncertainty is not in the bands."))
        }
        lines.append(pick(
            "Effecten buiten de \(plan.indicatorCount) indicatoren van het model tellen niet mee.",
            "Effects outside the model's \(plan.indicatorCount) indicators are not counted."))
        return lines
    }
}
