import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// What `wijksim sensitivity` prints and writes (CONTRACT §12):
/// `sensitivity.csv`, the terminal ranking per focus wijk and indicator,
/// and `report.html` with a bar per factor.
package enum SensitivityReport {
    /// Factors listed per wijk and indicator in the terminal; all are in the CSV.
    static let maxTerminalFactors = 5

    /// `wijk,indicator,year,factor,S1,S1_conf,ST,ST_conf` (sobol) or
    /// `wijk,indicator,year,factor,mu_star,mu_star_conf,sigma` (morris), then
    /// an extension: `mu` (morris, the signed mean effect).
    package static func csv(_ results: SensitivityResults) -> String {
        let plan = results.plan
        var csv = CSVText(header: results.method == .sobol
            ? ["wijk", "indicator", "year", "factor", "S1", "S1_conf", "ST", "ST_conf"]
            : ["wijk", "indicator", "year", "factor", "mu_star", "mu_star_conf", "sigma", "mu"])
        for w in 0...plan.wijkCount {
            let wijk = w == plan.wijkCount ? "city" : plan.city.wijken[w]
            for (i, indicator) in plan.city.indicators.enumerated() {
                for (f, index) in results.indices(wijk: w, indicator: i).enumerated() {
                    csv.appendRaw([wijk, indicator.id, String(results.year), results.factors[f].name].map(CSVText.quote).joined(separator: ",") + ",")
                    if results.method == .sobol {
                        csv.appendNumbers(index.s1, index.s1Conf, index.st, index.stConf)
                    } else {
                        csv.appendNumbers(index.muStar, index.muStarConf, index.sigma, index.secondConf)
                    }
                }
            }
        }
        return csv.text
    }

    /// The wijken to show: those an intervention targets, else every wijk.
    static func focus(_ results: SensitivityResults) -> [Int] {
        let targeted = results.focusWijken
        return targeted.isEmpty ? Array(0..<results.plan.wijkCount) : targeted
    }

    /// A factor's share of the output's spread: S1 (sobol; the part of the
    /// variance that the factor explains alone) or its part of the summed
    /// mu* (morris).
    static func shares(_ indices: [FactorIndices], method: SensitivityMethod) -> [Double] {
        switch method {
        case .sobol: return indices.map { Swift.min(1, Swift.max(0, $0.s1)) }
        case .morris:
            let total = indices.reduce(0) { $0 + $1.muStar }
            return indices.map { total > 0 ? $0.muStar / total : 0 }
        }
    }

    /// Factors by importance: ST (sobol) or mu* (morris), highest first.
    static func ranked(_ indices: [FactorIndices], method: SensitivityMethod) -> [Int] {
        indices.indices.sorted { a, b in
            let x = method == .sobol ? indices[a].st : indices[a].muStar
            let y = method == .sobol ? indices[b].st : indices[b].muStar
            return x != y ? x > y : a < b
        }
    }

    package static func terminal(_ results: SensitivityResults) -> String {
        let plan = results.plan
        var lines: [String] = []
        let evaluations = results.design.evaluations
        lines.append("\(plan.scenario.name): sensitivity (\(results.method.rawValue)) of the \(results.gaps ? "gap to the city" : "value") in \(results.year), \(results.factors.count) factor\(results.factors.count == 1 ? "" : "s"), N = \(results.design.samples), \(evaluations) evaluations, seed \(plan.seed), \(FixedPoint.text(results.seconds, decimals: 2)) s")
        lines.append(results.method == .sobol
            ? "Per focus wijk and indicator, the factors ranked by total index ST; share = S1, the part of the spread the factor explains alone (± 95% interval):"
            : "Per focus wijk and indicator, the factors ranked by mu* (mean |elementary effect| per unit of the hypercube); share = its part of the summed mu*:")
        for w in focus(results) {
            lines.append("")
            lines.append(plan.city.wijken[w])
            var any = false
            for (i, indicator) in plan.city.indicators.enumerated() {
                let indices = results.indices(wijk: w, indicator: i)
                guard results.variance[w * plan.indicatorCount + i] > 0 else { continue }
                any = true
                lines.append("  \(indicator.id) (sd \(FixedPoint.text(results.variance[w * plan.indicatorCount + i].squareRoot(), decimals: 4))):")
                let shares = shares(indices, method: results.method)
                var table: [[String]] = []
                for (rank, f) in ranked(indices, method: results.method).prefix(maxTerminalFactors).enumerated() {
                    let x = indices[f]
                    let numbers = results.method == .sobol
                        ? ["S1 \(fixed(x.s1)) ± \(fixed(x.s1Conf))", "ST \(fixed(x.st)) ± \(fixed(x.stConf))"]
                        : ["mu* \(fixed(x.muStar)) ± \(fixed(x.muStarConf))", "sigma \(fixed(x.sigma))"]
                    table.append(["    \(rank + 1).", results.factors[f].name] + numbers + ["\(FixedPoint.text(100 * shares[f], decimals: 0))%"])
                }
                lines += aligned(table)
                if indices.count > maxTerminalFactors { lines.append("    (\(indices.count - maxTerminalFactors) more in sensitivity.csv)") }
            }
            if !any { lines.append("  no indicator varies with the factors in \(results.year)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func fixed(_ value: Double) -> String {
        let text = FixedPoint.text(abs(value), decimals: 3)
        return value < 0 && text != "0.000" ? "-" + text : text
    }

    static func aligned(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell.paddedWithSpaces(to: widths[c])
            }.joined(separator: "  ")
        }
    }

    // MARK: - report.html

    /// Self-contained like the run report (inline CSS and SVG, no scripts or
    /// external references; well-formed XML): per focus wijk and indicator
    /// that varies, a bar per factor and one sentence of what it means.
    package static func html(_ results: SensitivityResults) -> String {
        let plan = results.plan
        let method = results.method
        var sections: [ReportSection] = []
        let intro: String
        if method == .sobol {
            intro = "<p class=\"lead\">Welke onzekere aanname bepaalt de uitkomst? Elke balk is het aandeel van de spreiding van een indicator in \(results.year) dat door de onzekerheid over één parameter alleen komt (eerste-orde-index S1, Sobol’); de dunne lijn erachter is de totale index ST, met de wisselwerking met andere parameters erbij. De streepjes geven het 95%-interval (bootstrap). De toevalsgetallen van de plugins zijn in elke evaluatie gelijk, zodat alleen de parameters verschillen.</p>"
        } else {
            intro = "<p class=\"lead\">Welke onzekere aanname bepaalt de uitkomst? Elke balk is het gemiddelde absolute effect (mu*, Morris) van een parameter op een indicator in \(results.year), per eenheid van zijn kansverdeling (van het laagste naar het hoogste kwart); het percentage is zijn deel van de som. De streepjes geven het 95%-interval (bootstrap). De toevalsgetallen van de plugins zijn in elke evaluatie gelijk, zodat alleen de parameters verschillen.</p>"
        }
        var overview = intro
        overview += "<p>Factoren (de verdeelde parameters van het scenario): " + results.factors.map { "<b>\(HTMLText.escape($0.name))</b>" }.joined(separator: ", ") + ".</p>"
        sections.append(ReportSection(id: "uitleg", title: "Wat dit zegt", body: overview))
        for w in focus(results).prefix(ReportFocus.maxWijken) {
            var body = ""
            for (i, indicator) in plan.city.indicators.enumerated() {
                let row = w * plan.indicatorCount + i
                guard results.variance[row] > 0 else { continue }
                let indices = results.indices(wijk: w, indicator: i)
                let shares = shares(indices, method: method)
                let order = ranked(indices, method: method)
                let top = order[0]
                let sentence = method == .sobol
                    ? "De onzekerheid over \(results.factors[top].name) bepaalt \(percentText(shares[top])) van de spreiding van \(ReportWords.shortTitle(indicator)) in \(plan.city.wijken[w]) in \(results.year)."
                    : "\(results.factors[top].name) heeft het grootste effect op \(ReportWords.shortTitle(indicator)) in \(plan.city.wijken[w]) in \(results.year): \(percentText(shares[top])) van de som van de effecten."
                body += "<h3>\(HTMLText.escape(indicator.title))\(results.gaps ? " (kloof met de stad)" : "")</h3><p>\(HTMLText.escape(sentence))</p>"
                body += bars(indices, order: order, shares: shares, names: results.factors.map(\.name), method: method)
            }
            if body.isEmpty { body = "<p class=\"note\">Geen indicator van deze wijk varieert met de parameters in \(results.year).</p>" }
            sections.append(ReportSection(id: "wijk-\(w)", title: plan.city.wijken[w], body: body))
        }
        let meta = "\(method == .sobol ? "Sobol’ (Saltelli)" : "Morris") · \(results.gaps ? "kloof met de stad" : "waarde") · jaar \(results.year) · \(results.factors.count) factoren · N = \(results.design.samples) · \(results.design.evaluations) evaluaties · toevalsreeks \(plan.seed)"
        let header = HTMLReport.pageHeader(kicker: "wijksim-rapport · gevoeligheid", title: plan.scenario.name, meta: meta,
                                           description: plan.scenario.description)
        return HTMLReport.page(title: "wijksim: gevoeligheid \(plan.scenario.name)", header: header, sections: sections)
    }

    static func percentText(_ share: Double) -> String {
        HTMLText.number(100 * share, decimals: 0) + " %"
    }

    /// One horizontal bar per factor, ranked: the share (S1 or the part of
    /// mu*), the total index as a thin line behind it (sobol), the interval
    /// as whiskers.
    static func bars(_ indices: [FactorIndices], order: [Int], shares: [Double], names: [String], method: SensitivityMethod) -> String {
        let rowHeight = 22.0, labelWidth = 260.0, barWidth = 360.0, width = labelWidth + barWidth + 70
        let height = rowHeight * Double(order.count) + 8
        let maxMu = indices.map { $0.muStar + $0.muStarConf }.max() ?? 1
        func x(_ value: Double) -> Double {
            let scaled = method == .sobol ? value : (maxMu > 0 ? value / maxMu : 0)
            return labelWidth + barWidth * Swift.min(1, Swift.max(0, scaled))
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"gevoeligheid per parameter\">"
        for (rank, f) in order.enumerated() {
            let y = 4 + rowHeight * Double(rank)
            let index = indices[f]
            let value = method == .sobol ? index.s1 : index.muStar
            let conf = method == .sobol ? index.s1Conf : index.muStarConf
            svg += "<text class=\"row-label\" x=\"\(Int(labelWidth - 6))\" y=\"\(coordinate(y + 14))\" text-anchor=\"end\">\(HTMLText.escape(names[f]))</text>"
            if method == .sobol {
                svg += "<rect class=\"gap-start\" x=\"\(Int(labelWidth))\" y=\"\(coordinate(y + 3))\" width=\"\(coordinate(x(index.st) - labelWidth))\" height=\"12\"><title>ST \(HTMLText.escape(HTMLText.number(index.st, decimals: 3)))</title></rect>"
            }
            svg += "<rect class=\"bar c\(rank % 8)\" x=\"\(Int(labelWidth))\" y=\"\(coordinate(y + 5))\" width=\"\(coordinate(x(value) - labelWidth))\" height=\"8\"><title>\(method == .sobol ? "S1" : "mu*") \(HTMLText.escape(HTMLText.number(value, decimals: 3)))</title></rect>"
            svg += "<line class=\"zero\" x1=\"\(coordinate(x(value - conf)))\" x2=\"\(coordinate(x(value + conf)))\" y1=\"\(coordinate(y + 9))\" y2=\"\(coordinate(y + 9))\"/>"
            svg += "<text class=\"bar-note\" x=\"\(coordinate(x(Swift.max(value + conf, method == .sobol ? index.st : 0)) + 4))\" y=\"\(coordinate(y + 13))\">\(HTMLText.escape(percentText(shares[f])))</text>"
        }
        svg += "</svg>"
        var table = "<div class=\"scroll\"><table class=\"params\"><thead><tr><th>Parameter</th>"
        table += method == .sobol
            ? "<th class=\"num\">S1</th><th class=\"num\">± 95%</th><th class=\"num\">ST</th><th class=\"num\">± 95%</th>"
            : "<th class=\"num\">mu*</th><th class=\"num\">± 95%</th><th class=\"num\">sigma</th>"
        table += "</tr></thead><tbody>"
        for f in order {
            let index = indices[f]
            let cells = method == .sobol ? [index.s1, index.s1Conf, index.st, index.stConf] : [index.muStar, index.muStarConf, index.sigma]
            table += "<tr><td>\(HTMLText.escape(names[f]))</td>" + cells.map { "<td class=\"num\">\(HTMLText.data($0, HTMLText.number($0, decimals: 3)))</td>" }.joined() + "</tr>"
        }
        table += "</tbody></table></div>"
        return "<figure>\(svg)</figure>" + table
    }

    static func coordinate(_ value: Double) -> String {
        FixedPoint.text(value, decimals: 1)
    }
}
