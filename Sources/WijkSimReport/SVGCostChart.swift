import Foundation

/// Spend per year of one funding source, stacked by intervention, with the
/// years in which the source may be spent shaded and labelled above (the
/// label inside the shaded span, shortened to its years when needed, or else
/// wholly beside it); spend outside them is outlined in red.
struct CostChart {
    struct Stack {
        var label: String
        var cssClass: String
        /// Per step year.
        var amounts: [Double]
    }

    var title: String
    var firstYear: Int
    var stacks: [Stack]
    /// The funding window, nil for spend without a source.
    var window: ClosedRange<Int>?

    static let width = 440.0
    static let left = 48.0, right = 12.0, top = 30.0, plotHeight = 130.0

    func svg(_ attributes: [(String, String)] = []) -> String {
        let steps = stacks.first?.amounts.count ?? 0
        let plotBottom = Self.top + Self.plotHeight
        var canvas = SVGCanvas(width: Self.width, height: plotBottom + SVGCanvas.xTickBaseline + 6)
        let totals = (0..<steps).map { s in stacks.reduce(0) { $0 + $1.amounts[s] } }
        let largest = totals.max() ?? 0
        let (divisor, unit) = largest >= 1e6 ? (1e6, "€ mln per jaar") : largest >= 1e3 ? (1e3, "€ duizend per jaar") : (1.0, "€ per jaar")
        let ticks = Ticks(from: 0, to: largest > 0 ? largest / divisor : 1, count: 4)
        let y = LinearScale(lower: 0, upper: ticks.upper, start: plotBottom, end: Self.top)
        let x = LinearScale(lower: Double(firstYear), upper: Double(firstYear + max(steps, 1)), start: Self.left, end: Self.width - Self.right)
        let slot = x(Double(firstYear + 1)) - x(Double(firstYear))
        if let window {
            let from = max(window.lowerBound, firstYear), to = min(window.upperBound + 1, firstYear + steps)
            if from < to {
                let label = "budgetperiode \(window.lowerBound)–\(window.upperBound)"
                let (bandLeft, bandRight) = (x(Double(from)), x(Double(to)))
                canvas.open("budget-span")
                canvas.title(label)
                canvas.rect(x: bandLeft, y: Self.top, width: bandRight - bandLeft, height: Self.plotHeight, "budget-window")
                let candidates = [label, "\(window.lowerBound)–\(window.upperBound)"]
                if let inside = SVGCanvas.fitted(candidates, width: bandRight - bandLeft - 2, fontSize: SVGCanvas.windowFont, minimum: .max) {
                    canvas.text(inside, x: bandLeft + 1, y: Self.top - 4, "window-label")
                } else if bandRight + 3 + SVGCanvas.textWidth(label, fontSize: SVGCanvas.windowFont) <= Self.width - 2 {
                    canvas.text(label, x: bandRight + 3, y: Self.top - 4, "window-label")
                } else {
                    canvas.text(label, x: max(bandLeft - 3, SVGCanvas.textWidth(label, fontSize: SVGCanvas.windowFont) + 2), y: Self.top - 4, "window-label", anchor: .end)
                }
                canvas.close()
            }
        }
        canvas.yGrid(y, ticks, left: Self.left, right: Self.width - Self.right) { HTMLText.number($0, decimals: ticks.decimals) }
        canvas.text(unit, x: 4, y: 12, "axis-label")
        let labelled = yearTicks(firstYear...(firstYear + max(steps - 1, 0)))
        for year in labelled {
            canvas.text(String(year), x: x(Double(year)) + slot / 2, y: plotBottom + SVGCanvas.xTickBaseline, "tick", anchor: .middle)
        }
        for s in 0..<steps {
            let year = firstYear + s
            var base = 0.0
            for stack in stacks where stack.amounts[s] > 0 {
                let top = base + stack.amounts[s] / divisor
                canvas.rect(x: x(Double(year)) + slot * 0.15, y: y(top), width: slot * 0.7, height: y(base) - y(top), "bar \(stack.cssClass)")
                base = top
            }
            if let window, totals[s] > 0, !window.contains(year) {
                canvas.rect(x: x(Double(year)) + slot * 0.15, y: y(base), width: slot * 0.7, height: y(0) - y(base), "outside",
                            [("data-year", String(year))])
            }
        }
        return canvas.svg(title: title, "chart cost-chart", attributes)
    }
}

/// Total spend against a budget as one bar: the budget as an outline, the
/// spend inside it filled, any spend beyond it red.
struct BudgetMeter {
    var spent: Double
    var budget: Double
    var title: String

    static let width = 440.0, height = 22.0, left = 4.0, right = 4.0

    func svg() -> String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height)
        let x = LinearScale(lower: 0, upper: max(spent, budget, 1e-9), start: Self.left, end: Self.width - Self.right)
        canvas.rect(x: x(0), y: 3, width: x(budget) - x(0), height: 16, "meter-budget")
        canvas.rect(x: x(0), y: 6, width: x(min(spent, budget)) - x(0), height: 10, "meter-spent")
        if spent > budget {
            canvas.rect(x: x(budget), y: 6, width: x(spent) - x(budget), height: 10, "meter-over")
        }
        canvas.line(x(budget), 1, x(budget), 21, "meter-limit")
        return canvas.svg(title: title, "chart meter")
    }
}
