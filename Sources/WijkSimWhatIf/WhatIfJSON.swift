import WijkSimEngine
import WijkSimModel

/// The JSON of `GET /api/scenario` and `POST /api/run` (CONTRACT §13).
extension WhatIfSession {
    /// `name`, `years`, `wijken`, `indicators` and `interventions` with
    /// their parameters; extras: `description`, `baseline` (its name or
    /// null), `funding`, `draws` (a request's default), `max_draws`,
    /// `max_body_bytes`, `seed`, per intervention `focus` (the wijken it
    /// targets, by name) and per parameter `title`-free extras `central` and
    /// `band` (p05–p95 of a distribution) and `default`.
    package func scenarioJSON() -> String {
        var json = JSONText(capacity: 16_384)
        json.beginObject()
        json.field("name", scenario.name)
        json.key("description"); if let d = scenario.description { json.string(d) } else { json.null() }
        json.key("years"); json.beginObject(); json.field("from", integer: scenario.firstYear); json.field("to", integer: scenario.lastYear); json.endObject()
        json.key("wijken"); json.beginArray(); for w in city.wijken { json.string(w) }; json.endArray()
        json.key("indicators"); json.beginArray()
        for indicator in city.indicators {
            json.beginObject()
            json.field("id", indicator.id)
            json.field("title", indicator.title)
            json.field("unit", indicator.unit)
            json.field("polarity", indicator.polarity == .lowerBetter ? "lower_better" : "higher_better")
            json.field("min", indicator.min)
            json.field("max", indicator.max)
            json.endObject()
        }
        json.endArray()
        json.key("interventions"); json.beginArray()
        for instance in interventions {
            let descriptor = plugins[instance.plugin]!
            json.beginObject()
            json.field("name", instance.name)
            json.field("plugin", instance.plugin)
            json.field("title", descriptor.title)
            json.key("wijken")
            switch instance.targets {
            case .all: json.string("all")
            case let .wijken(names): json.beginArray(); names.forEach { json.string($0) }; json.endArray()
            case let .gebied(names):
                json.beginObject(); json.key("gebied"); json.beginArray(); names.forEach { json.string($0) }; json.endArray(); json.endObject()
            }
            json.key("focus"); json.beginArray()
            let mask = Plan.targetMask(instance.targets, city)
            for (w, name) in city.wijken.enumerated() where mask[w] != 0 { json.string(name) }
            json.endArray()
            json.field("from", integer: instance.from)
            json.field("to", integer: instance.to)
            json.key("funding"); if let f = instance.funding { json.string(f) } else { json.null() }
            json.key("params"); json.beginArray()
            for spec in descriptor.params {
                json.beginObject()
                json.field("name", spec.name)
                json.key("value")
                switch instance.params.last(where: { $0.name == spec.name })?.value {
                case let .fixed(x)?:
                    json.number(x)
                case let .distributed(d)?:
                    WhatIfSession.distribution(d, into: &json)
                    json.field("central", d.central)
                    json.key("band"); json.beginArray(); json.number(d.quantile(0.05)); json.number(d.quantile(0.95)); json.endArray()
                case nil:
                    json.number(spec.defaultValue)
                }
                json.field("min", spec.min)
                json.field("max", spec.max)
                json.key("unit"); if let u = spec.unit { json.string(u) } else { json.null() }
                json.field("default", spec.defaultValue)
                json.key("swept"); json.bool(scenario.sweep.contains { $0.instance == instance.name && $0.param == spec.name })
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("funding"); json.beginArray()
        for f in scenario.funding {
            json.beginObject(); json.field("name", f.name); json.field("budget", f.budget)
            json.field("from", integer: f.from); json.field("to", integer: f.to); json.endObject()
        }
        json.endArray()
        json.key("baseline"); if let baseline { json.string(baseline.scenario.name) } else { json.null() }
        json.field("draws", integer: draws)
        json.field("max_draws", integer: WhatIfSession.maxDraws)
        json.field("max_body_bytes", integer: WhatIfSession.maxBodyBytes)
        json.key("seed"); json.raw(String(scenario.seed))
        json.field("variants", integer: scenario.variantCount)
        json.endObject()
        return json.text
    }

    static func distribution(_ d: Distribution, into json: inout JSONText) {
        json.beginObject()
        switch d.shape {
        case let .triangular(low, mode, high):
            json.field("dist", "triangular"); json.field("low", low); json.field("mode", mode); json.field("high", high)
        case let .uniform(low, high):
            json.field("dist", "uniform"); json.field("low", low); json.field("high", high)
        case let .normal(mean, sd):
            json.field("dist", "normal"); json.field("mean", mean); json.field("sd", sd)
        case let .lognormal(mean, sd):
            json.field("dist", "lognormal"); json.field("mean", mean); json.field("sd", sd)
        }
        if let min = d.min { json.field("min", min) }
        if let max = d.max { json.field("max", max) }
        if d.perWijk { json.field("per_wijk", true) }
        json.endObject()
    }

    /// `{"gaps", "trajectories", "funding"[, "effect"]}`: the rows of
    /// gaps.csv, trajectories.csv and funding.csv (and comparison.csv with a
    /// baseline) that `wijksim run` writes, with the same columns (extra
    /// columns included) in the same order; plus `draws` and `seed`.
    package static func runJSON(_ run: WhatIfRun) -> JSONText {
        runJSON(run, lending: nil, recording: false).json
    }

    /// `runJSON`, with the rows whose numbers `lending` has at the same
    /// place copied from it, and (`recording`) the rows kept for later answers.
    static func runJSON(_ run: WhatIfRun, lending: AnswerRows?, recording: Bool) -> (json: JSONText, rows: AnswerRows?) {
        let results = run.results
        let plan = results.plan
        let layout = AnswerRows.Layout(wijken: plan.city.wijken, indicators: plan.city.indicators.map(\.id),
                                       firstYear: plan.firstYear, years: plan.variants == 1 ? plan.yearCount : -1,
                                       scenarios: run.comparison?.scenarios.map(\.name) ?? [])
        var rows = RowWriter(lending: lending, layout: layout, recording: recording && plan.variants == 1)
        let cells = (plan.wijkCount + 1) * plan.indicatorCount * plan.yearCount * plan.variants
        var json = JSONText(capacity: cells * (run.comparison == nil ? 120 : 330))
        json.beginObject()
        json.field("draws", integer: plan.draws)
        json.key("seed"); json.raw(String(plan.seed))
        json.key("gaps"); json.beginArray()
        for variant in 0..<plan.variants {
            for (i, indicator) in plan.city.indicators.enumerated() {
                for (w, name) in plan.city.wijken.enumerated() {
                    let g = results.gapSummary(variant: variant, wijk: w, indicator: i)
                    let draws = results.endGap(variant: variant, wijk: w, indicator: i)
                    json.beginObject()
                    json.field("variant", integer: variant); json.field("wijk", name); json.field("indicator", indicator.id)
                    json.field("gap_start", g.start); json.field("gap_end", g.end); json.field("closed_share", g.closedShare)
                    json.field("year_closed", integer: g.yearClosed)
                    json.field("gap_end_p05", draws.map(\.p05)); json.field("gap_end_p95", draws.map(\.p95))
                    json.field("p_closed_end", draws.map(\.closedShare))
                    json.endObject()
                }
            }
        }
        json.endArray()
        let names = (plan.city.wijken + ["city"]).map(JSONText.quote)
        let ids = plan.city.indicators.map { JSONText.quote($0.id) }
        json.key("trajectories"); json.beginArray()
        for variant in 0..<plan.variants {
            for (i, id) in ids.enumerated() {
                for y in 0..<plan.yearCount {
                    let head = "{\"variant\":" + String(variant) + ",\"wijk\":"
                    let tail = ",\"indicator\":" + id + ",\"year\":" + String(plan.firstYear + y) + ",\"mean\":"
                    for (w, name) in names.enumerated() {
                        let s = results.cell(variant: variant, wijk: w, indicator: i, yearIndex: y)
                        let index = ((variant * ids.count + i) * plan.yearCount + y) * names.count + w
                        rows.row(&json, effect: false, index: index, numbers: AnswerRows.numbers(s.mean, s.p05, s.p50, s.p95)) { json in
                            json.append(head); json.append(name); json.append(tail); json.appendNumber(s.mean)
                            json.append(",\"p05\":"); json.appendNumber(s.p05)
                            json.append(",\"p50\":"); json.appendNumber(s.p50)
                            json.append(",\"p95\":"); json.appendNumber(s.p95)
                            json.append("}")
                        }
                    }
                }
            }
        }
        json.endArray()
        json.key("funding"); json.beginArray()
        for variant in 0..<plan.variants {
            for f in results.fundingSummary(variant: variant) {
                json.beginObject()
                json.field("variant", integer: variant); json.field("funding", f.funding.name); json.field("budget", f.funding.budget)
                json.field("spent", f.spent); json.field("spent_outside", f.spentOutside); json.field("overspent", f.overspent)
                json.endObject()
            }
        }
        json.endArray()
        if let comparison = run.comparison {
            json.key("effect"); json.beginArray()
            var first = 0
            for scenario in comparison.scenarios {
                defer { first += scenario.results.plan.variants * ids.count * scenario.results.plan.yearCount * names.count }
                let plan = scenario.results.plan
                let name = JSONText.quote(scenario.name)
                for variant in 0..<plan.variants {
                    for (i, id) in ids.enumerated() {
                        for y in 0..<plan.yearCount {
                            let head = "{\"scenario\":" + name + ",\"variant\":" + String(variant) + ",\"wijk\":"
                            let tail = ",\"indicator\":" + id + ",\"year\":" + String(plan.firstYear + y) + ",\"mean\":"
                            for (w, wijk) in names.enumerated() {
                                let value = scenario.results.cell(variant: variant, wijk: w, indicator: i, yearIndex: y)
                                let d = scenario.difference(variant: variant, wijk: w, indicator: i, yearIndex: y)
                                let index = first + ((variant * ids.count + i) * plan.yearCount + y) * names.count + w
                                let numbers = AnswerRows.numbers(value.mean, d.mean, d.p05, d.p95, d.pBetter)
                                rows.row(&json, effect: true, index: index, numbers: numbers) { json in
                                    json.append(head); json.append(wijk); json.append(tail); json.appendNumber(value.mean)
                                    json.append(",\"diff_mean\":"); json.appendNumber(d.mean)
                                    json.append(",\"diff_p05\":"); json.appendNumber(d.p05)
                                    json.append(",\"diff_p95\":"); json.appendNumber(d.p95)
                                    json.append(",\"p_better\":"); json.appendNumber(d.pBetter)
                                    json.append("}")
                                }
                            }
                        }
                    }
                }
            }
            json.endArray()
        }
        json.endObject()
        return (json, rows.kept(json, layout: layout))
    }

    /// `{"error": message}`.
    package static func errorJSON(_ message: String) -> String {
        var json = JSONText()
        json.beginObject(); json.field("error", message); json.endObject()
        return json.text
    }
}

extension Distribution {
    /// The slider's starting point: the mode of a triangular distribution,
    /// the middle of a uniform one, the mean of a normal or lognormal one
    /// (kept inside min/max).
    package var central: Double {
        let value: Double
        switch shape {
        case let .triangular(_, mode, _): value = mode
        case let .uniform(low, high): value = (low + high) / 2
        case let .normal(mean, _): value = mean
        case let .lognormal(mean, _): value = mean
        }
        return Swift.min(Swift.max(value, support.lowerBound), support.upperBound)
    }
}
