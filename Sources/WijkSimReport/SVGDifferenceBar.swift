import Foundation

/// A paired difference as a small interval: the p05–p95 band and the mean,
/// on a scale symmetric around zero (+ = better, to the right).
struct DifferenceBar {
    var p05: Double, mean: Double, p95: Double
    var limit: Double
    var cssClass: String
    var title: String

    static let width = 160.0, height = 16.0

    func svg() -> String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height)
        let limit = self.limit > 0 && self.limit.isFinite ? self.limit : 1
        let x = LinearScale(lower: -limit, upper: limit, start: 6, end: Self.width - 6)
        canvas.line(x(0), 0, x(0), Self.height, "zero")
        canvas.rect(x: x(p05), y: 5, width: max(x(p95) - x(p05), 1), height: 6, "diff-band \(cssClass)")
        canvas.circle(x(mean), 8, radius: 3, "diff-mean \(cssClass)")
        return canvas.svg(title: title, "chart diff-bar")
    }
}
