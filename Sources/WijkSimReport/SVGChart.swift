import Foundation

/// A linear map from data values to pixels.
struct LinearScale {
    var lower: Double, upper: Double
    var start: Double, end: Double

    func callAsFunction(_ value: Double) -> Double {
        upper == lower ? (start + end) / 2 : start + (value - lower) / (upper - lower) * (end - start)
    }
}

/// Round tick values (1, 2, 2.5 or 5 × 10ⁿ apart) that cover a range.
struct Ticks {
    let values: [Double]
    let step: Double

    init(from low: Double, to high: Double, count: Int = 5) {
        var low = low, high = high
        if !(high > low) {
            let pad = Swift.max(abs(low) * 0.1, 1)
            low -= pad; high += pad
        }
        let raw = (high - low) / Double(Swift.max(count, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * magnitude
        let first = floor(low / step + 1e-9) * step
        let last = ceil(high / step - 1e-9) * step
        var values: [Double] = []
        var k = 0.0
        while first + k * step <= last + step * 1e-6 {
            let v = first + k * step
            values.append(abs(v) < step * 1e-6 ? 0 : v)
            k += 1
        }
        self.values = values
        self.step = step
    }

    var lower: Double { values.first! }
    var upper: Double { values.last! }

    /// Decimals enough to tell the ticks apart.
    var decimals: Int {
        (0...6).first { d in let s = step * pow(10, Double(d)); return abs(s - s.rounded()) < 1e-6 * Swift.max(1, s) } ?? 6
    }
}

/// An SVG picture built element by element. Styling comes from the page's
/// CSS classes, so a chart carries geometry only; coordinates are written
/// with one decimal. No namespace declaration: the SVG lives inline in
/// HTML, where the parser supplies it.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// One decimal, without a trailing ".0" or a "-0". Integer arithmetic,
    /// not `String(format:)`: the fan charts write tens of thousands of
    /// coordinates and formatting them was most of the report's time.
    static func coordinate(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return v.isFinite ? String(Int(v.rounded())) : "0" }
        let tenths = Int((v * 10).rounded())
        let whole = String(abs(tenths) / 10)
        let digit = abs(tenths) % 10
        let sign = tenths < 0 ? "-" : ""
        return digit == 0 ? sign + whole : sign + whole + "." + String(digit)
    }

    /// `coordinate` as bytes, for the long point lists: appending to a
    /// `String` piece by piece cost more than the arithmetic.
    static func appendCoordinate(_ v: Double, to bytes: inout [UInt8]) {
        guard v.isFinite, abs(v) < 1e15 else {
            bytes.append(contentsOf: (v.isFinite ? String(Int(v.rounded())) : "0").utf8)
            return
        }
        let tenths = Int((v * 10).rounded())
        if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(tenths.magnitude / 10, to: &bytes)
        let digit = tenths.magnitude % 10
        if digit != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(digit))
        }
    }

    private static func appendDigits(_ n: UInt, to bytes: inout [UInt8]) {
        if n >= 10 { appendDigits(n / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
    }

    private static func c(_ v: Double) -> String { coordinate(v) }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, _ cssClass: String, _ extra: [(String, String)] = []) {
        let (x0, w) = width < 0 ? (x + width, -width) : (x, width)
        let (y0, h) = height < 0 ? (y + height, -height) : (y, height)
        body += "<rect class=\"\(cssClass)\" x=\"\(Self.c(x0))\" y=\"\(Self.c(y0))\" width=\"\(Self.c(w))\" height=\"\(Self.c(h))\"\(HTMLText.attributes(extra))/>"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cssClass: String) {
        body += "<line class=\"\(cssClass)\" x1=\"\(Self.c(x1))\" y1=\"\(Self.c(y1))\" x2=\"\(Self.c(x2))\" y2=\"\(Self.c(y2))\"/>"
    }

    mutating func polyline(_ points: [(Double, Double)], _ cssClass: String) {
        body += "<polyline class=\"" + cssClass + "\" points=\""
        appendPoints(points)
        body += "\"/>"
    }

    mutating func polygon(_ points: [(Double, Double)], _ cssClass: String) {
        body += "<polygon class=\"" + cssClass + "\" points=\""
        appendPoints(points)
        body += "\"/>"
    }

    mutating func circle(_ x: Double, _ y: Double, radius: Double, _ cssClass: String) {
        body += "<circle class=\"\(cssClass)\" cx=\"\(Self.c(x))\" cy=\"\(Self.c(y))\" r=\"\(Self.c(radius))\"/>"
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ text: String, x: Double, y: Double, _ cssClass: String, anchor: Anchor = .start) {
        body += "<text class=\"\(cssClass)\" x=\"\(Self.c(x))\" y=\"\(Self.c(y))\" text-anchor=\"\(anchor.rawValue)\">\(HTMLText.escape(text))</text>"
    }

    /// A tooltip for the element just opened with `open` (or the whole SVG, before any element).
    mutating func title(_ text: String) {
        body += "<title>\(HTMLText.escape(text))</title>"
    }

    /// Font sizes of the text classes (the page's CSS, `HTMLReportStyle`), for the geometry that keeps labels apart.
    static let tickFont = 9.5, axisFont = 10.0, windowFont = 8.5
    /// Where a tick label's baseline sits: a y label 3.5 below its grid line, centred on it;
    /// an x label far enough below the axis that its digits clear the lowest y label
    /// (whose glyphs reach about 0.2 em below its baseline, while the x label's reach 0.8 em above its own).
    static let yTickBaseline = 3.5, xTickBaseline = 14.0

    /// A generous estimate of a text's width: 0.6 em a character, the width of a
    /// digit or lower-case letter in the widest common sans (DejaVu Sans); system-ui is narrower.
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * 0.6 * fontSize
    }

    /// The first of `candidates` (longest first) that fits in `width`, else the
    /// last one cut short with an ellipsis; nil when not even `minimum`
    /// characters and the ellipsis fit.
    static func fitted(_ candidates: [String], width: Double, fontSize: Double, minimum: Int = 3) -> String? {
        if let fits = candidates.first(where: { textWidth($0, fontSize: fontSize) <= width }) { return fits }
        guard let shortest = candidates.last else { return nil }
        let characters = Int((width / (0.6 * fontSize)).rounded(.down)) - 1
        guard characters >= minimum else { return nil }
        var kept = String(shortest.prefix(characters))
        while kept.last == " " || kept.last == "_" || kept.last == "-" { kept.removeLast() }
        return kept.isEmpty ? nil : kept + "…"
    }

    /// Opens a group; every `open` needs a `close`.
    mutating func open(_ cssClass: String, _ attributes: [(String, String)] = []) {
        body += "<g class=\"\(cssClass)\"\(HTMLText.attributes(attributes))>"
    }

    mutating func close() { body += "</g>" }

    /// `x,y x,y …`: a fan chart's bands and lines are most of the report's numbers.
    private mutating func appendPoints(_ points: [(Double, Double)]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(points.count * 12)
        for (k, point) in points.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: " ")) }
            Self.appendCoordinate(point.0, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            Self.appendCoordinate(point.1, to: &bytes)
        }
        body += String(decoding: bytes, as: UTF8.self)
    }

    /// Horizontal grid lines with their values at the left.
    mutating func yGrid(_ scale: LinearScale, _ ticks: Ticks, left: Double, right: Double, label: (Double) -> String) {
        for value in ticks.values {
            let y = scale(value)
            line(left, y, right, y, value == 0 ? "zero" : "gridline")
            text(label(value), x: left - 4, y: y + Self.yTickBaseline, "tick", anchor: .end)
        }
    }

    /// Vertical grid lines with their values below `bottom`, low enough to clear
    /// the lowest y label. With `flush`, a value whose label would reach left of
    /// the plot (under the y labels) or out of the picture is written from its
    /// line inwards instead of centred on it.
    mutating func xGrid(_ scale: LinearScale, _ values: [Double], top: Double, bottom: Double, flush: Bool = false, label: (Double) -> String) {
        let left = Swift.min(scale.start, scale.end)
        for value in values {
            let x = scale(value)
            line(x, top, x, bottom, value == 0 ? "zero" : "gridline")
            let text = label(value)
            let half = Self.textWidth(text, fontSize: Self.tickFont) / 2
            let anchor: Anchor = !flush ? .middle : x - half < left ? .start : x + half > width ? .end : .middle
            self.text(text, x: x, y: bottom + Self.xTickBaseline, "tick", anchor: anchor)
        }
    }

    /// The finished `<svg>`, its title and description read by screen readers and shown as a tooltip.
    func svg(title: String, _ cssClass: String, _ attributes: [(String, String)] = []) -> String {
        "<svg class=\"\(cssClass)\" viewBox=\"0 0 \(Self.c(width)) \(Self.c(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\"\(HTMLText.attributes(attributes))>"
            + "<title>\(HTMLText.escape(title))</title>" + body + "</svg>"
    }
}

/// Years shown on a time axis: about every five years, ending at the last.
func yearTicks(_ years: ClosedRange<Int>) -> [Int] {
    let span = years.upperBound - years.lowerBound
    let step = span <= 6 ? 1 : span <= 12 ? 2 : span <= 30 ? 5 : 10
    var ticks = Array(stride(from: years.lowerBound, through: years.upperBound, by: step))
    if ticks.last != years.upperBound {
        if let last = ticks.last, years.upperBound - last < step / 2 + 1, ticks.count > 1 { ticks.removeLast() }
        ticks.append(years.upperBound)
    }
    return ticks
}
