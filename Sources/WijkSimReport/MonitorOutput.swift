import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// What `monitor` writes and prints (CONTRACT §11).
package enum MonitorOutput {
    /// `monitor.csv`: `wijk,indicator,year,observed,mean,p05,p95,outside,direction`,
    /// then `sd` (the one used, given or default) and `sd_default`.
    package static func csv(_ m: Monitoring) -> String {
        var csv = CSVText(header: ["wijk", "indicator", "year", "observed", "mean", "p05", "p95", "outside", "direction", "sd", "sd_default"])
        for row in m.orderedRows {
            let o = row.observation
            csv.append([wijkName(m.plan, o.wijk), m.plan.city.indicators[o.indicator].id, String(o.year), o.value.csv,
                        row.band.mean.csv, row.band.p05.csv, row.band.p95.csv, row.outside ? "true" : "false",
                        row.direction?.rawValue ?? "", o.sd.csv, o.sdGiven ? "false" : "true"])
        }
        return csv.text
    }

    static func wijkName(_ plan: Plan, _ w: Int) -> String { w == plan.wijkCount ? "city" : plan.city.wijken[w] }

    /// "Selwerd", or "de stad" for the city average.
    static func wijkLabel(_ plan: Plan, _ w: Int) -> String { w == plan.wijkCount ? "Stad (gewogen gemiddelde)" : plan.city.wijken[w] }

    /// Numbers in the terminal and the sentences: one decimal more than the report's charts.
    static func text(_ value: Double, _ indicator: Indicator) -> String {
        HTMLText.number(value, decimals: HTMLText.decimals(indicator) + 1)
    }

    static func line(_ row: MonitorRow, _ plan: Plan) -> String {
        let o = row.observation, indicator = plan.city.indicators[o.indicator]
        var text = "\(indicator.id) \(o.year): waargenomen \(self.text(o.value, indicator)), voorspeld \(self.text(row.band.mean, indicator)) (band \(self.text(row.band.p05, indicator))–\(self.text(row.band.p95, indicator)))"
        if let direction = row.direction {
            text += ": " + (direction == .better ? "beter dan voorspeld" : "slechter dan voorspeld")
        }
        return text
    }

    /// The terminal: the observations outside the band first, per wijk,
    /// then those inside; Dutch.
    package static func terminal(_ m: Monitoring) -> String {
        let plan = m.plan
        var lines = ["\(plan.scenario.name): \(m.rows.count) waarnemingen tegen de voorspelde band (p05–p95 over \(ReportWords.draws(plan.draws)), variant \(m.variant), seed \(plan.seed))", ""]
        let rows = m.orderedRows
        let outside = rows.filter(\.outside), inside = rows.filter { !$0.outside }
        func grouped(_ rows: [MonitorRow]) {
            var current = -1
            for row in rows {
                if row.observation.wijk != current {
                    current = row.observation.wijk
                    lines.append("  \(wijkLabel(plan, current))")
                }
                lines.append("    " + line(row, plan))
            }
        }
        if outside.isEmpty {
            lines.append("Buiten de band: geen. Alle waarnemingen liggen binnen de voorspelde band.")
        } else {
            lines.append("Buiten de band (\(outside.count) van \(rows.count)):")
            grouped(outside)
        }
        if !inside.isEmpty {
            lines.append("")
            lines.append("Binnen de band (\(inside.count) van \(rows.count)):")
            grouped(inside)
        }
        let defaults = Set(rows.filter { !$0.observation.sdGiven }.map(\.observation.indicator)).sorted()
        if !defaults.isEmpty {
            lines.append("")
            lines.append("Meetfout (sd) niet gegeven, de standaardwaarde gebruikt: " + defaults.map { i in
                let indicator = plan.city.indicators[i]
                return "\(indicator.id) \(ObservationDefaults.sd(for: indicator).shortText)"
            }.joined(separator: ", ") + " (docs/monitoring.md)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One sentence per observed wijk: on course or not, and how.
    static func courseSentence(_ m: Monitoring, wijk w: Int) -> (text: String, onCourse: Bool) {
        let plan = m.plan
        let rows = m.orderedRows.filter { $0.observation.wijk == w }
        let outside = rows.filter(\.outside)
        let name = wijkLabel(plan, w)
        func list(_ rows: [MonitorRow]) -> String {
            ReportWords.list(rows.map { "\(ReportWords.shortTitle(plan.city.indicators[$0.observation.indicator]).lowercased()) \($0.observation.year)" })
        }
        if outside.isEmpty {
            return ("\(name) ligt op koers: \(rows.count == 1 ? "de waarneming valt" : "alle \(rows.count) waarnemingen vallen") binnen de voorspelde band (90% van de trekkingen).", true)
        }
        let better = outside.filter { $0.direction == .better }, worse = outside.filter { $0.direction == .worse }
        var parts: [String] = []
        if !better.isEmpty { parts.append("beter dan voorspeld: \(list(better))") }
        if !worse.isEmpty { parts.append("slechter dan voorspeld: \(list(worse))") }
        let verdict = worse.isEmpty ? "ligt niet op koers, maar in gunstige richting" : "ligt niet op koers"
        return ("\(name) \(verdict): \(outside.count) van \(rows.count) waarnemingen vallen buiten de voorspelde band (\(parts.joined(separator: "; "))).", false)
    }
}

extension HTMLReport {
    /// `monitor`'s report: per observed wijk one sentence whether it is on
    /// course, the table, and the fan charts with the observed points.
    package static func monitor(_ m: Monitoring) -> String {
        let plan = m.plan
        let wijken = Array(Set(m.rows.map(\.observation.wijk))).sorted()
        var answer = "<ul class=\"answer\">"
        for w in wijken {
            let sentence = MonitorOutput.courseSentence(m, wijk: w)
            answer += "<li\(HTMLText.attributes([("data-wijk", MonitorOutput.wijkName(plan, w)), ("data-on-course", sentence.onCourse ? "true" : "false")]))><span class=\"\(sentence.onCourse ? "on-course" : "off-course")\">\(sentence.onCourse ? "Op koers" : "Niet op koers")</span> · \(HTMLText.escape(sentence.text))</li>"
        }
        answer += "</ul><p class=\"note\">De band is het gebied waarin 90% van de trekkingen van het scenario valt (p05–p95). Een waarneming erbuiten is nieuws, geen fout: het scenario verwachtte haar niet. Beter of slechter is naar de richting van de indicator (lager of hoger is beter).</p>"
        var table = "<div class=\"scroll\"><table class=\"monitor\"><thead><tr><th>wijk</th><th>indicator</th><th class=\"num\">jaar</th><th class=\"num\">waargenomen</th><th class=\"num\">sd</th><th class=\"num\">voorspeld</th><th class=\"num\">band p05–p95</th><th>oordeel</th></tr></thead><tbody>"
        for row in m.orderedRows.filter(\.outside) + m.orderedRows.filter({ !$0.outside }) {
            let o = row.observation, indicator = plan.city.indicators[o.indicator]
            let d = HTMLText.decimals(indicator) + 1
            let verdict = row.direction.map { $0 == .better ? "buiten de band: beter dan voorspeld" : "buiten de band: slechter dan voorspeld" } ?? "binnen de band"
            table += "<tr\(row.outside ? " class=\"outside\"" : "")><td>\(HTMLText.escape(MonitorOutput.wijkLabel(plan, o.wijk)))</td><td>\(HTMLText.escape(ReportWords.shortTitle(indicator)))</td><td class=\"num\">\(o.year)</td>"
            table += "<td class=\"num\">\(HTMLText.data(o.value, HTMLText.number(o.value, decimals: d)))</td><td class=\"num\">\(HTMLText.data(o.sd, HTMLText.number(o.sd, decimals: d)))\(o.sdGiven ? "" : "*")</td>"
            table += "<td class=\"num\">\(HTMLText.data(row.band.mean, HTMLText.number(row.band.mean, decimals: d)))</td><td class=\"num\">\(HTMLText.data(row.band.p05, HTMLText.number(row.band.p05, decimals: d)))–\(HTMLText.data(row.band.p95, HTMLText.number(row.band.p95, decimals: d)))</td><td>\(verdict)</td></tr>"
        }
        table += "</tbody></table></div><p class=\"note\">* meetfout niet gegeven in het waarnemingenbestand: de standaardwaarde voor deze indicator (docs/monitoring.md).</p>"
        var charts = observedLegend(learn: false)
        charts += "<div class=\"grid\">"
        for s in m.series {
            charts += observedFigure(plan, prior: s, posterior: nil, outside: m.rows)
        }
        charts += "</div>"
        let sections = [
            ReportSection(id: "koers", title: "Op koers?", body: answer),
            ReportSection(id: "waarnemingen", title: "Waarnemingen tegen de band", body: table),
            ReportSection(id: "grafieken", title: "Waaiers met de waarnemingen", body: charts),
        ]
        let header = pageHeader(kicker: "wijksim-rapport · monitoring", title: plan.scenario.name,
                                meta: "\(plan.firstYear) → \(plan.lastYear) · \(m.rows.count) waarnemingen · \(ReportWords.draws(plan.draws)) · toevalsreeks \(plan.seed) · variant \(m.variant)",
                                description: plan.scenario.description)
        return page(title: "wijksim monitor: \(plan.scenario.name)", header: header, sections: sections)
    }

    static func observedLegend(learn: Bool) -> String {
        var html = "<div class=\"legend\">"
        if learn {
            html += "<span class=\"alt0\"><svg class=\"swatch\" viewBox=\"0 0 26 12\"><rect class=\"band\" x=\"0\" y=\"1\" width=\"26\" height=\"10\"/><line class=\"median\" x1=\"0\" y1=\"6\" x2=\"26\" y2=\"6\"/></svg>vooraf (prior): 90% van de trekkingen en mediaan</span>"
            html += "<span class=\"alt1\"><svg class=\"swatch\" viewBox=\"0 0 26 12\"><rect class=\"band\" x=\"0\" y=\"1\" width=\"26\" height=\"10\"/><line class=\"median\" x1=\"0\" y1=\"6\" x2=\"26\" y2=\"6\"/></svg>na de waarnemingen (posterior)</span>"
        } else {
            html += "<span class=\"alt1\"><svg class=\"swatch\" viewBox=\"0 0 26 12\"><rect class=\"band\" x=\"0\" y=\"1\" width=\"26\" height=\"10\"/><line class=\"median\" x1=\"0\" y1=\"6\" x2=\"26\" y2=\"6\"/></svg>voorspeld: 90% van de trekkingen (p05–p95) en mediaan</span>"
        }
        html += "<span><svg class=\"swatch\" viewBox=\"0 0 26 12\"><line class=\"obs-bar\" x1=\"13\" y1=\"1\" x2=\"13\" y2=\"11\"/><circle class=\"obs\" cx=\"13\" cy=\"6\" r=\"3.2\"/></svg>waarneming ± meetfout (sd)</span>"
        html += "<span><svg class=\"swatch\" viewBox=\"0 0 26 12\"><circle class=\"obs obs-outside\" cx=\"13\" cy=\"6\" r=\"3.2\"/></svg>waarneming buiten de band</span>"
        return html + "</div>"
    }

    /// The fan of one observed series with its observations; with
    /// `posterior`, the band before (grey) and after (blue) learning.
    static func observedFigure(_ plan: Plan, prior: ObservedSeries, posterior: ObservedSeries?, outside rows: [MonitorRow]) -> String {
        let indicator = plan.city.indicators[prior.indicator]
        func series(_ s: ObservedSeries, _ css: String) -> FanChart.Series {
            FanChart.Series(cssClass: css, p05: s.band.map(\.p05), p50: s.band.map(\.p50), p95: s.band.map(\.p95), mean: s.band.map(\.mean))
        }
        let shown = posterior ?? prior
        let points = shown.observations.map { o -> FanChart.ObservedPoint in
            let band = shown.band[o.year - plan.firstYear]
            return FanChart.ObservedPoint(year: o.year, value: o.value, sd: o.sd, outside: o.value < band.p05 || o.value > band.p95)
        }
        let name = MonitorOutput.wijkLabel(plan, prior.wijk)
        var chart = FanChart(title: "\(name): \(ReportWords.shortTitle(indicator)) \(plan.firstYear)–\(plan.firstYear + prior.band.count - 1)",
                             axisLabel: "\(indicator.unit) (\(ReportWords.direction(indicator.polarity)))",
                             decimals: HTMLText.decimals(indicator), years: plan.firstYear...(plan.firstYear + prior.band.count - 1),
                             series: posterior.map { [series(prior, "alt0"), series($0, "alt1")] } ?? [series(prior, "alt1")],
                             city: [], windows: [])
        chart.observed = points
        let attributes: [(String, String)] = [("data-wijk", MonitorOutput.wijkName(plan, prior.wijk)), ("data-indicator", indicator.id),
                                              ("data-observations", String(points.count)), ("data-outside", String(points.filter(\.outside).count))]
        var html = "<figure class=\"fan observed\"\(HTMLText.attributes(attributes))><figcaption>\(HTMLText.escape(name)): \(HTMLText.escape(ReportWords.shortTitle(indicator)))<span class=\"unit\">\(HTMLText.escape(indicator.unit))</span></figcaption>"
        html += chart.svg()
        let d = HTMLText.decimals(indicator) + 1
        let says = shown.observations.map { o -> String in
            let before = prior.band[o.year - plan.firstYear]
            var text = "\(o.year): \(HTMLText.number(o.value, decimals: d)) waargenomen, band \(HTMLText.number(before.p05, decimals: d))–\(HTMLText.number(before.p95, decimals: d))"
            if let posterior {
                let after = posterior.band[o.year - plan.firstYear]
                text += " vooraf, \(HTMLText.number(after.p05, decimals: d))–\(HTMLText.number(after.p95, decimals: d)) na"
            }
            return text
        }
        return html + "<p class=\"says\">\(HTMLText.escape(says.joined(separator: "; "))).</p></figure>"
    }
}
