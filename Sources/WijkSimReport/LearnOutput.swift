import Foundation
import WijkSimEngine
import WijkSimFiles
import WijkSimModel

/// What `learn` writes and prints (CONTRACT §11).
package enum LearnOutput {
    /// `posterior.csv`: the contract's columns, then `ess` (effective draws,
    /// the same in every row), `draws` and `narrowing` (1 − width after /
    /// width before of the p05–p95 band).
    package static func posterior(_ l: Learning) -> String {
        var csv = CSVText(header: ["instance", "param", "wijk", "prior_mean", "prior_p05", "prior_p95",
                                   "post_mean", "post_p05", "post_p95", "ess", "draws", "narrowing"])
        for p in l.parameters {
            csv.append([p.instance, p.param, p.wijk ?? "", p.prior.mean.csv, p.prior.p05.csv, p.prior.p95.csv,
                        p.posterior.mean.csv, p.posterior.p05.csv, p.posterior.p95.csv, l.effectiveDraws.csv,
                        String(l.plan.draws), p.narrowing.csv])
        }
        return csv.text
    }

    /// `samples.csv` (CONTRACT §2): one column per parameter, one row per
    /// resampled draw.
    /// `only`: the columns to write (for a learned baseline); all when nil.
    package static func samples(_ l: Learning, only: Set<String>? = nil) -> String {
        let parameters = only.map { keep in l.parameters.filter { keep.contains($0.column) } } ?? l.parameters
        var csv = CSVText(header: parameters.map(\.column))
        var line = ""
        for d in l.resampled {
            line.removeAll(keepingCapacity: true)
            for (k, p) in parameters.enumerated() {
                if k > 0 { line += "," }
                line += p.values[d].csv
            }
            line += "\n"
            csv.appendRaw(line)
        }
        return csv.text
    }

    /// `scenario.yaml`: extends the original (a path relative to the output
    /// folder) and takes the posterior from `samples.csv`.
    /// `baseline`: what to write as `baseline:` (already relative to the
    /// folder, or nil to leave the original's rule in place).
    package static func scenarioYAML(_ l: Learning, original: String, folder: String, observed: String, baseline: String?) -> String {
        let scenario = l.plan.scenario
        let extends = relativePath(from: folder, to: original)
        var lines = [
            "# Geschreven door `wijksim learn`: \(DisplayPath.of(original)) na de waarnemingen in \(DisplayPath.of(observed)).",
            "# De onzekere parameters komen uit samples.csv (de posterior: trekking d neemt rij d mod \(l.resampled.count));",
            "# al het andere erft dit scenario van het origineel. `wijksim run` op dit bestand rekent vooruit met wat",
            "# de waarnemingen leerden (effectieve trekkingen: \(FixedPoint.text(l.effectiveDraws, decimals: 1)) van \(l.plan.draws)).",
            "name: \(yamlString(scenario.name + " (geleerd)"))",
            "extends: \(yamlString(extends))",
            "samples: samples.csv",
            // the default plugin path (../plugins of the file you run) would point beside this folder
            "plugins: [" + scenario.pluginPath.map { yamlString(relativePath(from: folder, to: $0)) }.joined(separator: ", ") + "]",
        ]
        if let baseline {
            lines.append("baseline: \(yamlString(baseline))")
        } else if let baseline = scenario.baseline {
            lines.append("baseline: \(yamlString(relativePath(from: folder, to: baseline.file)))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `baseline.yaml` beside a learned scenario: the original's baseline
    /// with the posterior of the parameters it shares (`baseline-samples.csv`),
    /// so that the learned plan's own effect stays paired (CONTRACT §2).
    package static func baselineYAML(name: String, baselineFile: String, pluginPath: [String], folder: String) -> String {
        [
            "# Geschreven door `wijksim learn`: de baseline van het geleerde scenario, met dezelfde geleerde",
            "# parameters (baseline-samples.csv), zodat het effect van het plan gepaard blijft.",
            "name: \(yamlString(name + " (geleerd)"))",
            "extends: \(yamlString(relativePath(from: folder, to: baselineFile)))",
            "samples: baseline-samples.csv",
            "plugins: [" + pluginPath.map { yamlString(relativePath(from: folder, to: $0)) }.joined(separator: ", ") + "]",
            "baseline: none",
        ].joined(separator: "\n") + "\n"
    }

    static func yamlString(_ text: String) -> String {
        "\"" + text.replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"") + "\""
    }

    /// `target` as seen from the folder `folder` (both made absolute).
    package static func relativePath(from folder: String, to target: String) -> String {
        let base = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let goal = URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < min(base.count, goal.count), base[common] == goal[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        return (up + goal[common...]).joined(separator: "/")
    }

    /// The terminal: effective draws (with a warning when low), per
    /// parameter prior → posterior, the bands of the observed cells.
    package static func terminal(_ l: Learning) -> String {
        let plan = l.plan
        var lines = ["\(plan.scenario.name): \(l.observations.count) waarnemingen, \(ReportWords.draws(plan.draws)), seed \(plan.seed)",
                     "Effectieve trekkingen (ESS): \(FixedPoint.text(l.effectiveDraws, decimals: 1)) van \(plan.draws)"]
        if l.isLow {
            lines.append("warning: te weinig effectieve trekkingen (\(FixedPoint.text(l.effectiveDraws, decimals: 1))) om de posterior goed te schatten; met --draws \(l.drawsNeeded) zijn het er naar verwachting ongeveer \(Int(Learning.wantedEffectiveDraws)).")
        }
        lines.append("")
        let targeted = l.parameters.filter(\.targeted)
        let moved = targeted.filter { $0.narrowing >= 0.1 }.sorted { $0.narrowing > $1.narrowing }
        if moved.isEmpty {
            lines.append("Geen parameter wordt door de waarnemingen meer dan 10% nauwkeuriger.")
        } else {
            lines.append("Wat de waarnemingen leerden, vooraf → na (gemiddelde [p05, p95]; band: hoeveel smaller de p05–p95-band werd):")
            var table: [[String]] = [["parameter", "vooraf", "na", "band"]]
            for p in moved {
                table.append([p.column, interval(p.prior), interval(p.posterior), "−\(FixedPoint.text(100 * p.narrowing, decimals: 0))%"])
            }
            lines += aligned(table)
        }
        if targeted.count > moved.count {
            lines.append("Over de andere \(targeted.count - moved.count) parameters zeggen de waarnemingen weinig (band minder dan 10% smaller); alle staan in posterior.csv.")
        }
        lines.append("")
        lines.append("Waarnemingen: band vooraf → na (p05–p95):")
        for (prior, posterior) in l.series {
            let indicator = plan.city.indicators[prior.indicator]
            for o in prior.observations {
                let before = prior.band[o.year - plan.firstYear], after = posterior.band[o.year - plan.firstYear]
                lines.append("  \(MonitorOutput.wijkName(plan, o.wijk)) \(indicator.id) \(o.year): waargenomen \(short(o.value)) ± \(short(o.sd)); \(short(before.p05))–\(short(before.p95)) → \(short(after.p05))–\(short(after.p95))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func short(_ v: Double) -> String {
        let a = abs(v)
        return FixedPoint.text(v, decimals: a == 0 || a >= 100 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 4 : 6)
    }

    static func interval(_ b: Band) -> String { "\(short(b.mean)) [\(short(b.p05)), \(short(b.p95))]" }

    static func aligned(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        let widths = first.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { c, cell in
                c == 0 ? cell.paddedWithSpaces(to: widths[c])
                       : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }

    /// One Dutch sentence per parameter that the observations moved or
    /// narrowed, most informative first; and those they left alone.
    static func lessons(_ l: Learning) -> [String] {
        let targeted = l.parameters.filter(\.targeted)
        let learned = targeted.filter { $0.narrowing >= 0.1 || abs($0.posterior.mean - $0.prior.mean) >= 0.1 * max($0.prior.p95 - $0.prior.p05, 1e-300) }
            .sorted { $0.narrowing > $1.narrowing }
        var sentences = learned.map { p -> String in
            let width = p.prior.p95 - p.prior.p05
            let shift = p.posterior.mean - p.prior.mean
            let direction = abs(shift) < 0.05 * width ? "blijft ongeveer \(sig(p.prior.mean))" : (shift > 0 ? "stijgt" : "daalt") + " van \(sig(p.prior.mean)) naar \(sig(p.posterior.mean))"
            return "<code>\(HTMLText.escape(p.column))</code> \(direction); de band (90% van de trekkingen) wordt \(HTMLText.percent(max(p.narrowing, 0))) smaller: \(range(p.prior.p05, p.prior.p95)) vooraf, \(range(p.posterior.p05, p.posterior.p95)) na."
        }
        let untouched = targeted.filter { p in !learned.contains { $0.column == p.column } }
        if !untouched.isEmpty {
            sentences.append("Over \(untouched.count == 1 ? "één parameter" : "\(untouched.count) parameters") zeggen de waarnemingen (vrijwel) niets: \(untouched.prefix(12).map { "<code>\(HTMLText.escape($0.column))</code>" }.joined(separator: ", "))\(untouched.count > 12 ? " en \(untouched.count - 12) meer" : ""). Hun verdeling blijft wat het scenario zei; pas latere jaren of andere indicatoren kunnen ze toetsen.")
        }
        return sentences
    }

    /// Four significant digits, Dutch style: enough to read, the CSV has them all.
    static func sig(_ v: Double) -> String {
        guard v != 0, v.isFinite else { return HTMLText.number(v, decimals: 0) }
        let decimals = min(8, max(0, 3 - Int(floor(log10(abs(v))))))
        return HTMLText.number(v, decimals: decimals)
    }

    /// "a tot b": a dash between negative numbers reads as a minus.
    static func range(_ low: Double, _ high: Double) -> String { "\(sig(low)) tot \(sig(high))" }
}

extension HTMLReport {
    /// `learn`'s report: what the observations taught, prior vs posterior
    /// per parameter, and per observed series the band before and after.
    package static func learn(_ l: Learning) -> String {
        let plan = l.plan
        var taught = "<p class=\"lead\">Uit \(l.observations.count) waarnemingen en \(ReportWords.draws(plan.draws)) van het scenario: elke trekking weegt naar hoe goed zij de waarnemingen trof (normale meetfout met de sd van elke waarneming). \(HTMLText.data(l.effectiveDraws, FixedPoint.text(l.effectiveDraws, decimals: 0).replacingEvery(".", with: ","))) trekkingen tellen effectief mee.</p>"
        if l.isLow {
            taught += "<p class=\"alert\"><span class=\"alert-text\">Te weinig effectieve trekkingen</span> om de posterior goed te schatten: de waarnemingen passen bij weinig trekkingen. Met <code>--draws \(l.drawsNeeded)</code> worden het er naar verwachting ongeveer \(Int(Learning.wantedEffectiveDraws)). Past het ook dan niet, dan verklaart het model de waarnemingen niet: kijk met <code>wijksim monitor</code> welke buiten de band liggen.</p>"
        }
        taught += "<ul class=\"answer\">" + LearnOutput.lessons(l).map { "<li>\($0)</li>" }.joined() + "</ul>"
        taught += "<p class=\"note\">Het geleerde scenario (<code>scenario.yaml</code>) erft alles van het origineel en neemt de onzekere parameters uit <code>samples.csv</code>, een steekproef uit de posterior. Het model leert alleen binnen de verdelingen van het scenario: wat daar buiten ligt, kan het niet vinden.</p>"
        var table = "<div class=\"scroll\"><table class=\"posterior\"><thead><tr><th>parameter</th><th class=\"num\">vooraf gemiddeld</th><th class=\"num\">vooraf p05 tot p95</th><th class=\"num\">na gemiddeld</th><th class=\"num\">na p05 tot p95</th><th class=\"num\">band smaller</th><th>verdeling (grijs vooraf, blauw na)</th></tr></thead><tbody>"
        for p in l.parameters where p.targeted {
            let e = { (v: Double) in HTMLText.data(v, LearnOutput.sig(v)) }
            table += "<tr\(HTMLText.attributes([("data-param", p.column)]))><td><code>\(HTMLText.escape(p.column))</code></td><td class=\"num\">\(e(p.prior.mean))</td><td class=\"num\">\(e(p.prior.p05)) tot \(e(p.prior.p95))</td><td class=\"num\">\(e(p.posterior.mean))</td><td class=\"num\">\(e(p.posterior.p05)) tot \(e(p.posterior.p95))</td><td class=\"num\">\(HTMLText.percent(max(p.narrowing, 0)))</td><td>\(histogram(p, weights: l.weights))</td></tr>"
        }
        table += "</tbody></table></div>"
        let lastObserved = l.observations.map(\.year).max() ?? plan.firstYear
        var charts = "<p>Per waargenomen reeks de band vooraf (grijs, de trekkingen van het scenario) en na de waarnemingen (blauw, dezelfde trekkingen gewogen), van \(plan.firstYear) tot het laatste waargenomen jaar \(lastObserved): verder rekent <code>learn</code> niet, want latere jaren veranderen geen gewicht. De prognose tot \(plan.lastYear) met wat de waarnemingen leerden geeft <code>wijksim run</code> op het geschreven <code>scenario.yaml</code>.</p>"
        charts += observedLegend(learn: true) + "<div class=\"grid\">"
        for (prior, posterior) in l.series {
            charts += observedFigure(plan, prior: prior, posterior: posterior, outside: [])
        }
        charts += "</div>"
        let sections = [
            ReportSection(id: "geleerd", title: "Wat de waarnemingen leerden", body: taught),
            ReportSection(id: "parameters", title: "Parameters vooraf en na", body: table),
            ReportSection(id: "reeksen", title: "Waargenomen reeksen: band vooraf en na", body: charts),
        ]
        let header = pageHeader(kicker: "wijksim-rapport · leren", title: plan.scenario.name,
                                meta: "\(plan.firstYear) → \(plan.lastYear) · \(l.observations.count) waarnemingen · \(ReportWords.draws(plan.draws)) · toevalsreeks \(plan.seed) · ESS \(FixedPoint.text(l.effectiveDraws, decimals: 1))",
                                description: plan.scenario.description)
        return page(title: "wijksim learn: \(plan.scenario.name)", header: header, sections: sections)
    }

    /// Prior (grey) and posterior (blue) histograms of one parameter, 24 bins over the prior's range.
    static func histogram(_ p: LearnedParameter, weights: [Double]) -> String {
        let bins = 24
        let low = p.values.min() ?? 0, high = p.values.max() ?? 1
        let span = high > low ? high - low : 1
        var prior = [Double](repeating: 0, count: bins), posterior = prior
        let n = Double(p.values.count)
        for (d, v) in p.values.enumerated() {
            let b = min(bins - 1, max(0, Int((v - low) / span * Double(bins))))
            prior[b] += 1 / n
            posterior[b] += weights[d]
        }
        let top = max(prior.max() ?? 1, posterior.max() ?? 1, 1e-300)
        let width = 168.0, height = 34.0, bar = width / Double(bins)
        var canvas = SVGCanvas(width: width, height: height)
        for b in 0..<bins {
            let x = Double(b) * bar
            canvas.rect(x: x, y: height - prior[b] / top * height, width: bar - 0.5, height: prior[b] / top * height, "hist-prior")
            canvas.rect(x: x + bar * 0.25, y: height - posterior[b] / top * height, width: bar * 0.5, height: posterior[b] / top * height, "hist-post")
        }
        return canvas.svg(title: "\(p.column): vooraf en na", "hist")
    }
}
