import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import WijkSimEngine
import WijkSimLoad
import WijkSimModel
@testable import WijkSimReport
import WijkSimTestSupport
import XCTest

/// The charts' text where a reader sees it (issue 15, point 7): the lowest
/// y label clear of the first year, every intervention label inside its bar
/// (or, shortened, wholly beside a bar too short for it) with the full text
/// as tooltip, "jaar" between the years and the strip below them; and the
/// Herkomst section writing each source once.
final class ChartGeometryTests: XCTestCase {
    /// A fan chart with bars of every length: the whole period, a long name in
    /// a short span, a single year, a single year at the right edge.
    func fanChart() -> FanChart {
        let years = 2022...2042
        let n = years.count
        let line = (0..<n).map { 20 - Double($0) * 0.5 }
        return FanChart(
            title: "Noord: armoede", axisLabel: "% huishoudens (lager is beter)", decimals: 0, years: years,
            series: [FanChart.Series(cssClass: "alt0", p05: line.map { $0 - 3 }, p50: line, p95: line.map { $0 + 3 }, mean: line)],
            city: line.map { $0 - 5 },
            windows: [
                FanChart.Window(name: "meedoen_nplv", from: 2025, to: 2042, cssClass: "winrun"),
                FanChart.Window(name: "woningmix_nplv_corporaties", from: 2025, to: 2034, cssClass: "winrun"),
                FanChart.Window(name: "meedoen_coalitie", from: 2023, to: 2026, cssClass: "winrun"),
                FanChart.Window(name: "schooldag_regiodeal", from: 2022, to: 2022, cssClass: "winrun"),
                FanChart.Window(name: "laatste_jaar", from: 2042, to: 2042, cssClass: "winrun"),
            ])
    }

    func testLowestYLabelClearsTheFirstYearLabel() throws {
        let cost = CostChart(title: "Uitgaven", firstYear: 2022,
                             stacks: [CostChart.Stack(label: "a", cssClass: "c0", amounts: (0..<40).map { $0 < 5 ? 3e6 : 0 })], window: 2022...2026)
        for (name, svg) in [("fan", fanChart().svg()), ("cost, 40 years", cost.svg())] {
            let chart = try SVGShapes(svg)
            let ticks = chart.texts.filter { $0.cssClass == "tick" }
            let isYear = { (t: SVGShapes.Text) in (Int(t.text) ?? 0) >= 2000 }
            let years = ticks.filter(isYear)
            let yLabels = ticks.filter { !isYear($0) }
            XCTAssertFalse(years.isEmpty || yLabels.isEmpty, name)
            let lowest = try XCTUnwrap(yLabels.max { $0.y < $1.y }, name)
            let first = try XCTUnwrap(years.min { $0.x < $1.x }, name)
            XCTAssertFalse(lowest.box.intersects(first.box), "\(name): y label \(lowest.text) \(lowest.box) overlaps year \(first.text) \(first.box)")
            // Every year label clears every y label.
            for year in years { for label in yLabels { XCTAssertFalse(year.box.intersects(label.box), "\(name): \(year.text) and \(label.text)") } }
        }
    }

    func testInterventionLabelsStayInsideTheirBarWithTheFullNameAsTooltip() throws {
        let chart = try SVGShapes(fanChart().svg())
        let rows = chart.groups.filter { $0.cssClass == "window-row" }
        XCTAssertEqual(rows.count, 5)
        var shortened = 0
        for row in rows {
            let bar = try XCTUnwrap(row.rects.first { $0.cssClass.hasPrefix("window-bar") })
            let label = try XCTUnwrap(row.texts.first, row.title ?? "")
            let full = try XCTUnwrap(row.title)
            XCTAssertNotNil(full.range(of: #"^\S+ \d{4}–\d{4}$"#, options: .regularExpression), "the tooltip is the whole label: \(full)")
            let box = label.box
            let inside = box.minX >= bar.x - 0.05 && box.maxX <= bar.x + bar.width + 0.05
            let beside = box.maxX <= bar.x || box.minX >= bar.x + bar.width
            XCTAssertTrue(inside || beside, "\(label.text) \(box) runs past its bar \(bar.x)–\(bar.x + bar.width)")
            XCTAssertTrue(box.minX >= 0 && box.maxX <= chart.width, "\(label.text) inside the picture")
            if label.text != full {
                shortened += 1
                XCTAssertTrue(label.text.hasSuffix("…") || full.hasPrefix(label.text + " "), "\(label.text) is \(full) shortened")
            }
        }
        XCTAssertGreaterThanOrEqual(shortened, 2, "the short bars' labels are shortened")
        // The long bar keeps its whole label.
        XCTAssertTrue(rows.contains { $0.texts.first?.text == "meedoen_nplv 2025–2042" })
    }

    func testBudgetLabelStaysInsideItsShadedYears() throws {
        let cost = CostChart(title: "Uitgaven", firstYear: 2022,
                             stacks: [CostChart.Stack(label: "a", cssClass: "c0", amounts: (0..<20).map { $0 < 3 ? 3e6 : 0 })], window: 2020...2024)
        let chart = try SVGShapes(cost.svg())
        let span = try XCTUnwrap(chart.groups.first { $0.cssClass == "budget-span" })
        let band = try XCTUnwrap(span.rects.first)
        let label = try XCTUnwrap(span.texts.first)
        XCTAssertEqual(span.title, "budgetperiode 2020–2024")
        XCTAssertEqual(label.text, "2020–2024")
        XCTAssertGreaterThanOrEqual(label.box.minX, band.x)
        XCTAssertLessThanOrEqual(label.box.maxX, band.x + band.width)
    }

    func testJaarSitsBetweenTheAxisAndTheChartsBottom() throws {
        for windows in [fanChart().windows, []] {
            var fan = fanChart()
            fan.windows = windows
            let chart = try SVGShapes(fan.svg())
            let jaar = try XCTUnwrap(chart.texts.first { $0.text == "jaar" })
            let axis = try XCTUnwrap(chart.lines.filter { $0.x1 != $0.x2 }.map(\.y1).max(), "the lowest horizontal grid line is the axis")
            let years = chart.texts.filter { $0.cssClass == "tick" && (Int($0.text) ?? 0) >= 2000 }
            XCTAssertFalse(years.isEmpty)
            XCTAssertGreaterThan(jaar.box.minY, axis, "below the axis")
            XCTAssertGreaterThanOrEqual(jaar.box.minY, years.map(\.box.maxY).max()!, "below the years")
            XCTAssertLessThanOrEqual(jaar.box.maxY, chart.height, "inside the picture")
            let bars = chart.rects.filter { $0.cssClass.hasPrefix("window-bar") }
            XCTAssertEqual(bars.count, windows.count)
            for bar in bars { XCTAssertLessThanOrEqual(jaar.box.maxY, bar.y, "above the intervention strip") }
            // Centred under the plot, not in the margin.
            let plot = try XCTUnwrap(chart.lines.filter { $0.x1 != $0.x2 }.first)
            XCTAssertEqual(jaar.anchor, "middle")
            XCTAssertEqual(jaar.x, (plot.x1 + plot.x2) / 2, accuracy: 0.1)
            for year in years { XCTAssertFalse(year.box.intersects(jaar.box), "jaar and \(year.text)") }
        }
    }

    func testHerkomstWritesEachDistinctSourceOnce() throws {
        let city = MiniCity()
        city.plugin("gedeeld", """
            return {
              id = "gedeeld", title = "Gedeelde bron",
              params = {
                a = {default = 1, source = "Rapport Y (2021)", evidence = "schatting"},
                b = {default = 2, source = "Rapport Y (2021)", evidence = "schatting"},
                c = {default = 3, source = "Rapport Y (2021)", evidence = "schatting"},
                d = {default = 4, source = "Eigen bron", evidence = "schatting"},
              },
              writes = {"armoede"},
              step = function(ctx, p) ctx:add("armoede", ctx.active * -0.01 * p.a) end,
            }
            """)
        let loaded = try ScenarioLoader.load(city.scenario("h", """
            draws: 3
            interventions:
              - {name: eerste, plugin: gedeeld, wijken: [Noord]}
              - {name: tweede, plugin: gedeeld, wijken: [Zuid]}
            """))
        let html = HTMLReport.run(try Engine.run(Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)))
        let herkomst = try XCTUnwrap(html.components(separatedBy: "<section id=\"herkomst\">").last?.components(separatedBy: "</section>").first)
        XCTAssertEqual(herkomst.components(separatedBy: "Rapport Y (2021)").count - 1, 1, "six parameters, one entry")
        XCTAssertEqual(herkomst.components(separatedBy: "Eigen bron").count - 1, 1, "two parameters, one entry")
        // One row per shared source, naming what it covers; the parameters' rows link to it.
        let rows = herkomst.components(separatedBy: "<tr id=\"herkomst-bron-").dropFirst()
        XCTAssertEqual(rows.count, 2)
        let y = try XCTUnwrap(rows.first { $0.contains("Rapport Y") })
        XCTAssertTrue(y.contains("data-parameters=\"6\""))
        XCTAssertTrue(y.contains("<code>eerste</code>, <code>tweede</code>: <code>a</code>, <code>b</code>, <code>c</code>"), y)
        XCTAssertEqual(herkomst.components(separatedBy: "data-source-ref=").count - 1, 8)
        for n in 1...2 { XCTAssertTrue(herkomst.contains("<a href=\"#herkomst-bron-\(n)\">")) }
        // Still well-formed.
        XCTAssertTrue(XMLParser(data: Data(html.utf8)).parse())
    }
}

/// The shapes of one SVG, with each text's box estimated from its font size
/// (the page's CSS): 0.6 em a character wide, from 0.8 em above its baseline to 0.2 em below.
final class SVGShapes: NSObject, XMLParserDelegate {
    struct Box {
        var minX, maxX, minY, maxY: Double
        func intersects(_ o: Box) -> Bool { minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY }
    }
    struct Text {
        var cssClass: String, x: Double, y: Double, anchor: String, text: String
        var font: Double {
            cssClass == "tick" ? SVGCanvas.tickFont : cssClass == "window-label" ? SVGCanvas.windowFont : SVGCanvas.axisFont
        }
        var box: Box {
            let w = SVGCanvas.textWidth(text, fontSize: font)
            let left = anchor == "end" ? x - w : anchor == "middle" ? x - w / 2 : x
            return Box(minX: left, maxX: left + w, minY: y - 0.8 * font, maxY: y + 0.2 * font)
        }
    }
    struct Rect { var cssClass: String, x: Double, y: Double, width: Double, height: Double }
    struct Line { var x1, y1, x2, y2: Double }
    final class Group {
        var cssClass: String
        var title: String?
        var texts: [Text] = [], rects: [Rect] = []
        init(_ cssClass: String) { self.cssClass = cssClass }
    }

    var width = 0.0, height = 0.0
    var texts: [Text] = [], rects: [Rect] = [], lines: [Line] = [], groups: [Group] = []
    private var open: [Group] = []
    private var current: Text?
    private var inTitle = false, titleText = ""

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else { throw XCTSkip("not well-formed: \(svg.prefix(200))") }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes a: [String: String] = [:]) {
        let n = { (key: String) in Double(a[key] ?? "") ?? 0 }
        switch name {
        case "svg":
            let box = (a["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
            (width, height) = (box[2], box[3])
        case "g":
            let group = Group(a["class"] ?? "")
            groups.append(group)
            open.append(group)
        case "title": inTitle = true; titleText = ""
        case "rect":
            let r = Rect(cssClass: a["class"] ?? "", x: n("x"), y: n("y"), width: n("width"), height: n("height"))
            rects.append(r)
            open.last?.rects.append(r)
        case "line": lines.append(Line(x1: n("x1"), y1: n("y1"), x2: n("x2"), y2: n("y2")))
        case "text": current = Text(cssClass: a["class"] ?? "", x: n("x"), y: n("y"), anchor: a["text-anchor"] ?? "start", text: "")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { titleText += string } else { current?.text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "g": open.removeLast()
        case "title":
            inTitle = false
            if let group = open.last, group.title == nil { group.title = titleText }
        case "text":
            if let t = current { texts.append(t); open.last?.texts.append(t) }
            current = nil
        default: break
        }
    }
}
