import Foundation

/// One wijk's indicator over the years: per alternative the p05–p95 band,
/// the median and the mean, the city average as a line, and the windows of
/// the interventions that act on it shaded, each with a labelled bar in a
/// strip below the time axis. Every label stays inside its bar (shortened,
/// or cut short with an ellipsis, when it does not fit) or, for a bar too
/// short for a few letters, wholly beside it; the full text is the tooltip.
struct FanChart {
    struct Series {
        var cssClass: String
        var p05: [Double], p50: [Double], p95: [Double], mean: [Double]
    }

    struct Window {
        /// The intervention's name; the label adds the years.
        var name: String
        var from: Int
        var to: Int
        var cssClass: String

        var label: String { "\(name) \(from)–\(to)" }
    }

    var title: String
    /// The y axis label: unit and which way is better.
    var axisLabel: String
    var decimals: Int
    var years: ClosedRange<Int>
    var series: [Series]
    var city: [Double]
    var windows: [Window]
    /// Observed values (`monitor`, `learn`): a dot with a ±sd bar; red when outside the band.
    var observed: [ObservedPoint] = []

    struct ObservedPoint {
        var year: Int
        var value: Double
        var sd: Double
        var outside: Bool
    }

    static let width = 360.0
    static let left = 40.0, right = 16.0, top = 20.0, plotHeight = 140.0, rowHeight = 12.0

    func svg(_ attributes: [(String, String)] = []) -> String {
        let plotBottom = Self.top + Self.plotHeight
        // Below the axis: the years, the axis title "jaar" centred under them, then the strip of intervention bars.
        let axisTitleBaseline = plotBottom + SVGCanvas.xTickBaseline + 13
        let stripTop = axisTitleBaseline + 5
        let height = stripTop + Double(windows.count) * Self.rowHeight + 4
        var canvas = SVGCanvas(width: Self.width, height: height)

        let all = series.flatMap { $0.p05 + $0.p95 + $0.mean + $0.p50 } + city
            + observed.flatMap { [$0.value - $0.sd, $0.value + $0.sd] }
        let finite = all.filter(\.isFinite)
        let ticks = Ticks(from: finite.min() ?? 0, to: finite.max() ?? 1, count: 4)
        let y = LinearScale(lower: ticks.lower, upper: ticks.upper, start: plotBottom, end: Self.top)
        let last = years.upperBound == years.lowerBound ? years.upperBound + 1 : years.upperBound
        let x = LinearScale(lower: Double(years.lowerBound), upper: Double(last), start: Self.left, end: Self.width - Self.right)

        for window in windows {
            let from = Double(max(window.from, years.lowerBound))
            let to = Double(min(window.to + 1, last))
            let width = max(x(to) - x(from), 2)
            canvas.rect(x: x(from), y: Self.top, width: width, height: Self.plotHeight, "window \(window.cssClass)")
        }
        canvas.yGrid(y, ticks, left: Self.left, right: Self.width - Self.right) { HTMLText.number($0, decimals: ticks.decimals) }
        canvas.xGrid(x, yearTicks(years).map(Double.init), top: Self.top, bottom: plotBottom, flush: true) { String(Int($0)) }
        canvas.text(axisLabel, x: 4, y: 12, "axis-label")
        canvas.text("jaar", x: (Self.left + Self.width - Self.right) / 2, y: axisTitleBaseline, "axis-label", anchor: .middle)

        let xs = (0..<(years.upperBound - years.lowerBound + 1)).map { x(Double(years.lowerBound + $0)) }
        for s in series {
            canvas.open(s.cssClass)
            canvas.polygon(zip(xs, s.p95.map { y($0) }).map { ($0, $1) } + zip(xs, s.p05.map { y($0) }).reversed().map { ($0, $1) }, "band")
            canvas.polyline(zip(xs, s.mean.map { y($0) }).map { ($0, $1) }, "mean")
            canvas.polyline(zip(xs, s.p50.map { y($0) }).map { ($0, $1) }, "median")
            canvas.close()
        }
        if !city.isEmpty { canvas.polyline(zip(xs, city.map { y($0) }).map { ($0, $1) }, "city") }
        for point in observed {
            let px = x(Double(point.year))
            canvas.line(px, y(point.value - point.sd), px, y(point.value + point.sd), "obs-bar")
            canvas.circle(px, y(point.value), radius: 3.2, point.outside ? "obs obs-outside" : "obs")
        }

        for (row, window) in windows.enumerated() {
            let top = stripTop + Double(row) * Self.rowHeight
            let from = Double(max(window.from, years.lowerBound))
            let to = Double(min(window.to + 1, last))
            let (barLeft, barWidth) = (x(from), max(x(to) - x(from), 2))
            canvas.open("window-row")
            canvas.title(window.label)
            canvas.rect(x: barLeft, y: top + 1, width: barWidth, height: Self.rowHeight - 2, "window-bar \(window.cssClass)")
            let candidates = [window.label, window.name]
            if let inside = SVGCanvas.fitted(candidates, width: barWidth - 6, fontSize: SVGCanvas.windowFont, minimum: 4) {
                canvas.text(inside, x: barLeft + 3, y: top + 9, "window-label")
            } else {
                // Too short a bar for a few letters: the label beside it, where there is more room, clear of the bar.
                let rightRoom = Self.width - 2 - (barLeft + barWidth + 3), leftRoom = barLeft - 3 - 2
                if let beside = SVGCanvas.fitted(candidates, width: max(rightRoom, leftRoom), fontSize: SVGCanvas.windowFont, minimum: 1) {
                    if rightRoom >= leftRoom {
                        canvas.text(beside, x: barLeft + barWidth + 3, y: top + 9, "window-label")
                    } else {
                        canvas.text(beside, x: barLeft - 3, y: top + 9, "window-label", anchor: .end)
                    }
                }
            }
            canvas.close()
        }
        return canvas.svg(title: title, "chart fan-chart", attributes)
    }
}
