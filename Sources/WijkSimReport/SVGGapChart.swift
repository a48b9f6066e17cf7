import Foundation

/// One indicator's gap to the city per wijk as horizontal bars: the gap at
/// the start (grey) and at the end per alternative, + (to the right) =
/// worse than the city, with the year the gap closes written beside each
/// end bar. All rows share one unit, so their bars compare.
struct GapChart {
    struct Bar {
        var value: Double
        var cssClass: String
        var note: String
        var attributes: [(String, String)]
    }

    struct Row {
        var label: String
        var start: Double
        var ends: [Bar]
    }

    var title: String
    var axisLabel: String
    var decimals: Int
    var rows: [Row]

    static let width = 440.0
    static let left = 108.0, right = 112.0, top = 6.0, barHeight = 8.0, barGap = 2.0, rowGap = 8.0

    func svg(_ attributes: [(String, String)] = []) -> String {
        let barsPerRow = Double(1 + (rows.first?.ends.count ?? 1))
        let rowHeight = barsPerRow * (Self.barHeight + Self.barGap) + Self.rowGap
        let plotBottom = Self.top + Double(rows.count) * rowHeight
        var canvas = SVGCanvas(width: Self.width, height: plotBottom + 44)
        let values = rows.flatMap { [$0.start] + $0.ends.map(\.value) }.filter(\.isFinite)
        let ticks = Ticks(from: min(0, values.min() ?? 0), to: max(0, values.max() ?? 1), count: 4)
        let x = LinearScale(lower: ticks.lower, upper: ticks.upper, start: Self.left, end: Self.width - Self.right)
        canvas.xGrid(x, ticks.values, top: Self.top, bottom: plotBottom) { HTMLText.signed($0, decimals: ticks.decimals) }
        canvas.text("← beter", x: x(0) - 3, y: plotBottom + 27, "axis-label", anchor: .end)
        canvas.text("slechter dan de stad →", x: x(0) + 3, y: plotBottom + 27, "axis-label")
        canvas.text(axisLabel, x: (Self.left + Self.width - Self.right) / 2, y: plotBottom + 40, "axis-label", anchor: .middle)
        for (r, row) in rows.enumerated() {
            let top = Self.top + Double(r) * rowHeight
            canvas.text(row.label, x: Self.left - 6, y: top + (barsPerRow * (Self.barHeight + Self.barGap)) / 2 + 3.5, "row-label", anchor: .end)
            canvas.rect(x: x(0), y: top, width: x(row.start) - x(0), height: Self.barHeight, "gap-start")
            // One note for the row when every end bar says the same, else one per bar.
            let sameNote = Set(row.ends.map(\.note)).count == 1
            for (b, bar) in row.ends.enumerated() {
                let y = top + Double(b + 1) * (Self.barHeight + Self.barGap)
                canvas.open(bar.cssClass, bar.attributes)
                canvas.rect(x: x(0), y: y, width: x(bar.value) - x(0), height: Self.barHeight, "gap-end")
                if !sameNote || b == 0 {
                    let noteY = sameNote ? top + (barsPerRow * (Self.barHeight + Self.barGap)) / 2 + 3.5 : y + Self.barHeight - 0.5
                    canvas.text(bar.note, x: Self.width - Self.right + 6, y: noteY, "bar-note")
                }
                canvas.close()
            }
        }
        return canvas.svg(title: title, "chart gap-chart", attributes)
    }
}
