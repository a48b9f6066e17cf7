import Foundation
import WijkSimEngine
import WijkSimFiles

/// `explain` as a table for the terminal and as CSV (CONTRACT §8).
package enum ExplanationText {
    package static func table(_ e: Explanation) -> String {
        let plan = e.plan
        let indicator = plan.city.indicators[e.indicator]
        var lines = ["\(plan.city.wijken[e.wijk]), \(indicator.id) (\(indicator.title), \(indicator.unit)): mean over \(plan.draws) draws, variant \(e.variant) of \(plan.scenario.name)",
                     "each column: the mean of that instance's ctx:add in the step that lands in the year; value = previous value + contributions + clamp", ""]
        var rows = [["year"] + e.instanceNames + ["clamp", "value"]]
        rows.append([String(plan.firstYear)] + e.instanceNames.map { _ in "" } + ["", number(e.value(yearIndex: 0))])
        for y in 1..<plan.yearCount {
            rows.append([String(plan.firstYear + y)] + plan.instances.indices.map { signed(e.contribution(instance: $0, yearIndex: y)) }
                        + [signed(e.clamp(yearIndex: y)), number(e.value(yearIndex: y))])
        }
        let total = plan.instances.indices.map { k in (1..<plan.yearCount).reduce(0.0) { $0 + e.contribution(instance: k, yearIndex: $1) } }
        let clampTotal = (1..<plan.yearCount).reduce(0.0) { $0 + e.clamp(yearIndex: $1) }
        rows.append(["total"] + total.map(signed) + [signed(clampTotal), signed(e.value(yearIndex: plan.yearCount - 1) - e.value(yearIndex: 0))])
        lines += SummaryTable.aligned(rows)
        return lines.joined(separator: "\n") + "\n"
    }

    package static func csv(_ e: Explanation) -> String {
        var csv = CSVText(header: ["instance", "year", "contribution"])
        for y in 1..<e.plan.yearCount {
            let year = String(e.plan.firstYear + y)
            for (k, name) in e.instanceNames.enumerated() {
                csv.append([name, year, e.contribution(instance: k, yearIndex: y).csv])
            }
            csv.append(["clamp", year, e.clamp(yearIndex: y).csv])
        }
        return csv.text
    }

    static func number(_ v: Double) -> String { FixedPoint.text(v, decimals: 4) }
    static func signed(_ v: Double) -> String {
        let text = FixedPoint.text(v, decimals: 4, plusSign: true)
        return text == "-0.0000" ? "+0.0000" : text
    }
}
