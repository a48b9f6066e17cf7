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

/// `report.html` (CONTRACT §5, §7): self-contained, well-formed, a chart
/// for every focus wijk and indicator, numbers that are the Results'
/// numbers, and Dutch words that follow each indicator's polarity.
final class HTMLReportTests: XCTestCase {
    var city: MiniCity!

    override func setUp() {
        city = MiniCity()
        // armoede is lower_better: lowering it helps; meedoen is higher_better: lowering it hurts.
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("daling", MiniCity.constantPlugin("daling", indicator: "meedoen", delta: -0.5, min: -5, max: 5))
    }

    /// Noord (worse than the city on both indicators) gets a help with armoede
    /// paid from an overspent fund; Oost (at the city's meedoen) loses meedoen.
    func results(draws: Int = 40, extra: String = "") throws -> Results {
        let file = city.scenario("s", """
            description: Een <test> & meer
            draws: \(draws)
            seed: 7
            interventions:
              - {name: hulp, plugin: effect, wijken: [Noord], from: 2021, to: 2023, funding: fonds,
                 params: {delta: {dist: uniform, low: -3, high: -1}, cost: 2.5}}
              - {name: krimp, plugin: daling, wijken: [Oost]}
            funding:
              fonds: {budget: 5, from: 2020, to: 2021}
            \(extra)
            """)
        let loaded = try ScenarioLoader.load(file)
        return try Engine.run(Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins))
    }

    func testReportIsSelfContained() throws {
        let html = HTMLReport.run(try results())
        for external in ["http", "src=", "<script", "<link", "url(", "@import", "<iframe", "<object"] {
            XCTAssertFalse(html.contains(external), "report.html contains \(external)")
        }
        XCTAssertTrue(html.contains("<style>"))
        XCTAssertTrue(html.contains("@media print"))
        XCTAssertTrue(html.contains("<html lang=\"nl\">"))
    }

    func testReportIsWellFormedAndEveryChartHasATitle() throws {
        let html = HTMLReport.run(try results())
        let parser = XMLParser(data: Data(html.utf8))
        let collector = SVGCollector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        XCTAssertGreaterThan(collector.svgCount, 8)
        XCTAssertEqual(collector.untitledSVGs, 0, "every chart has a <title>")
        XCTAssertEqual(collector.badViewBoxes, 0)
        // Text from the scenario is escaped, not markup.
        XCTAssertTrue(html.contains("Een &lt;test&gt; &amp; meer"))
    }

    func testEveryFocusWijkHasAFanChartPerIndicatorAndAGapBar() throws {
        let results = try results()
        let html = HTMLReport.run(results)
        XCTAssertEqual(results.focusWijken, [0, 1])
        for w in [0, 1] {
            XCTAssertTrue(html.contains("<section class=\"wijk\" id=\"wijk-\(w)\""))
            for i in 0..<2 {
                let figure = try XCTUnwrap(element(html, id: "fan-\(w)-\(i)"), "fan-\(w)-\(i)")
                XCTAssertTrue(figure.contains("data-wijk=\"\(results.plan.city.wijken[w])\""))
                XCTAssertTrue(figure.contains("<svg class=\"chart fan-chart\""))
                XCTAssertTrue(figure.contains("class=\"band\"") && figure.contains("class=\"median\"") && figure.contains("class=\"city\""))
                XCTAssertTrue(figure.contains("<p class=\"says\">"), "a sentence under every chart")
            }
        }
        XCTAssertNil(element(html, id: "fan-2-0"), "Zuid is not a focus wijk")
        for i in 0..<2 {
            let gap = try XCTUnwrap(element(html, id: "kloof-\(i)"))
            XCTAssertEqual(gap.components(separatedBy: "class=\"gap-end\"").count - 1, 2, "one end bar per focus wijk")
        }
        // The intervention window is shaded only where the intervention acts: hulp on Noord's armoede,
        // named by its measure's title and who pays, not by the instance id.
        XCTAssertTrue(try XCTUnwrap(element(html, id: "fan-0-0")).contains("Test effect (fonds) 2021–2023"))
        XCTAssertFalse(try XCTUnwrap(element(html, id: "fan-0-1")).contains("Test effect (fonds) 2021–2023"))
        XCTAssertFalse(try XCTUnwrap(element(html, id: "fan-0-0")).contains("hulp 2021–2023"))
        XCTAssertTrue(try XCTUnwrap(element(html, id: "fan-1-1")).contains("Test daling 2020–2025"))
    }

    func testNumbersShownAreTheResults() throws {
        let results = try results()
        let html = HTMLReport.run(results)
        let plan = results.plan
        let end = plan.yearCount - 1
        let armoede = plan.city.indicators[0]
        let cell = results.cell(variant: 0, wijk: 0, indicator: 0, yearIndex: end)
        let city = results.cell(variant: 0, wijk: plan.wijkCount, indicator: 0, yearIndex: end)
        let figure = try XCTUnwrap(element(html, id: "fan-0-0"))
        XCTAssertTrue(figure.contains("data-mean=\"\(cell.mean.csv)\" data-p05=\"\(cell.p05.csv)\" data-p50=\"\(cell.p50.csv)\" data-p95=\"\(cell.p95.csv)\" data-city=\"\(city.mean.csv)\""))
        for value in [cell.mean, cell.p05, cell.p95, city.mean] {
            XCTAssertTrue(figure.contains("<data value=\"\(value.csv)\">\(HTMLText.number(value, decimals: 1))</data>"), "\(value)")
        }
        let gap = results.gapSummary(variant: 0, wijk: 0, indicator: 0)
        XCTAssertTrue(figure.contains("<data value=\"\(gap.end.csv)\">\(HTMLText.signed(gap.end, decimals: HTMLText.decimals(armoede)))</data>"))
        XCTAssertTrue(html.contains("data-wijk=\"Noord\" data-indicator=\"armoede\" data-gap-start=\"\(gap.start.csv)\" data-gap-end=\"\(gap.end.csv)\""))
        let pClosed = try XCTUnwrap(results.endGap(variant: 0, wijk: 0, indicator: 0)).closedShare
        XCTAssertTrue(figure.contains("<data value=\"\(pClosed.csv)\">\(HTMLText.percent(pClosed))</data>"))

        let fonds = results.fundingSummary(variant: 0)[0]
        XCTAssertTrue(fonds.overspent)
        XCTAssertTrue(html.contains("data-funding=\"fonds\" data-budget=\"5.0\" data-spent=\"\(fonds.spent.csv)\" data-spent-outside=\"\(fonds.spentOutside.csv)\" data-overspent=\"true\""))
        XCTAssertTrue(html.contains("<figure class=\"funding overspent\""))
        XCTAssertTrue(html.contains("Overschreden: besteed <data value=\"\(fonds.spent.csv)\">\(HTMLText.euros(fonds.spent))</data>"))
    }

    func testEveryNumberShownReadsBackAsItsValue() throws {
        let html = HTMLReport.run(try results())
        let pattern = try NSRegularExpression(pattern: "<data value=\"([^\"]*)\">([^<]*)</data>")
        let matches = pattern.matches(in: html, range: NSRange(html.startIndex..., in: html))
        XCTAssertGreaterThan(matches.count, 50)
        for match in matches {
            let value = Double(String(html[Range(match.range(at: 1), in: html)!]))!
            let text = String(html[Range(match.range(at: 2), in: html)!])
            let (shown, tolerance) = try XCTUnwrap(Self.readDutch(text), text)
            XCTAssertEqual(shown, value, accuracy: tolerance, "\(text) shows \(value)")
        }
    }

    func testDutchWordsFollowPolarity() throws {
        let results = try results()
        let html = HTMLReport.run(results)
        // Noord's armoede falls (lower is better): better. Oost's meedoen falls (higher is better): worse.
        let noord = try XCTUnwrap(element(html, id: "fan-0-0"))
        XCTAssertTrue(noord.contains("In Noord daalt de waarde van"))
        XCTAssertTrue(noord.contains(": <b>beter</b>."))
        let oost = try XCTUnwrap(element(html, id: "fan-1-1"))
        XCTAssertTrue(oost.contains("In Oost daalt de waarde van"))
        XCTAssertTrue(oost.contains(": <b>slechter</b>."))
        XCTAssertTrue(oost.contains("nieuwe kloof"), "Oost started at the city's meedoen and fell behind")
        XCTAssertTrue(html.contains("% huishoudens, lager is beter"))
        XCTAssertTrue(html.contains("% inwoners, hoger is beter"))

        let meedoen = results.plan.city.indicators[1]
        XCTAssertEqual(ReportWords.change(from: 70, to: 67.5, meedoen).verdict, "slechter")
        XCTAssertEqual(ReportWords.change(from: 70, to: 72, meedoen).verdict, "beter")
        XCTAssertEqual(ReportWords.change(from: 20, to: 18, results.plan.city.indicators[0]).verdict, "beter")
        XCTAssertEqual(ReportWords.change(from: 20, to: 20.01, results.plan.city.indicators[0]).verb, "blijft gelijk")
        XCTAssertEqual(ReportWords.cityRelation(gap: 2, meedoen), "slechter dan de stad")
        XCTAssertEqual(ReportWords.cityRelation(gap: -2, meedoen), "beter dan de stad")
    }

    func testShortAnswerComesFirstAndStatesOverspend() throws {
        let results = try results()
        let html = HTMLReport.run(results)
        let lead = try XCTUnwrap(html.range(of: "<p class=\"lead\"><b>Kort:</b> "))
        XCTAssertLessThan(lead.lowerBound, try XCTUnwrap(html.range(of: "<svg")).lowerBound, "the answer before any chart")
        let sentence = String(html[lead.upperBound...].prefix { $0 != "\n" }.split(separator: "</p>")[0])
        // Noord's armoede and meedoen start worse than the city; Oost starts worse on armoede only.
        XCTAssertTrue(sentence.hasPrefix("van de <b>3</b> kloven met de stad in de 2 focuswijken"), sentence)
        XCTAssertTrue(sentence.contains("<strong class=\"alert-text\">Overschreden: fonds.</strong>"), sentence)
    }

    func testDutchNumberFormats() {
        XCTAssertEqual(HTMLText.number(1234.56, decimals: 1), "1.234,6")
        XCTAssertEqual(HTMLText.number(-0.04, decimals: 1), "0,0")
        XCTAssertEqual(HTMLText.number(-3.25, decimals: 2), "\u{2212}3,25")
        XCTAssertEqual(HTMLText.signed(2.5, decimals: 1), "+2,5")
        XCTAssertEqual(HTMLText.signed(-2.5, decimals: 1), "\u{2212}2,5")
        XCTAssertEqual(HTMLText.signed(0.01, decimals: 1), "0,0")
        XCTAssertEqual(HTMLText.percent(0.873), "87%")
        XCTAssertEqual(HTMLText.percent(0.9996), "99,9%")
        XCTAssertEqual(HTMLText.percent(0.001), "0,1%")
        XCTAssertEqual(HTMLText.percent(1), "100%")
        XCTAssertEqual(HTMLText.euros(9_600_360), "€\u{a0}9,6\u{a0}mln")
        XCTAssertEqual(HTMLText.euros(60_000), "€\u{a0}60.000")
        XCTAssertEqual(HTMLText.exact(-0.025), "\u{2212}0,025")
        XCTAssertEqual(HTMLText.escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;")
        XCTAssertEqual(HTMLText.escape("Beijum – ’t Zuid"), "Beijum – ’t Zuid")
        // a quote followed by a combining accent is one Character, and still a quote
        XCTAssertEqual(HTMLText.escape("x\"\u{301}y'"), "x&quot;\u{301}y&#39;")
    }

    func testCityChanceBracketsTheProbabilityFromTheQuantiles() {
        let wijk = CellStatistics(mean: 10, p05: 8, p50: 10, p95: 12)
        XCTAssertEqual(CityChance(wijk, city: 12.5, .lowerBetter), .atLeast95)
        XCTAssertEqual(CityChance(wijk, city: 11, .lowerBetter), .from50to95)
        XCTAssertEqual(CityChance(wijk, city: 9, .lowerBetter), .from5to50)
        XCTAssertEqual(CityChance(wijk, city: 7, .lowerBetter), .below5)
        XCTAssertEqual(CityChance(wijk, city: 7, .higherBetter), .atLeast95)
        XCTAssertEqual(CityChance(wijk, city: 12.5, .higherBetter), .below5)
        XCTAssertEqual(ClosingChance(share: 0.96, bracket: .below5).level, 3, "an exact share wins over the bracket")
        XCTAssertEqual(ClosingChance(share: nil, bracket: .from5to50).label, "5–50%")
    }

    /// A sweep's report describes its best variant within budget, not variant 0, and names the ones that overspend.
    func testManyVariantsShowTheBestVariantWithinBudgetInDetailAndSaySo() throws {
        let results = try results(draws: 5, extra: "sweep:\n  hulp.cost: [1, 2, 3]\n")
        let html = HTMLReport.run(results)
        let choice = VariantChoice(results, focus: results.focusWijken)
        let summary = SummaryTable.text(results, language: .en)
        if choice.withinBudget {
            XCTAssertTrue(html.contains("de <b>beste variant binnen budget</b> in detail: <b>\(choice.label(results.plan))</b>"), html)
            XCTAssertTrue(summary.contains("Best variant within budget (most gaps closed): \(choice.label(results.plan))."), summary)
        } else {
            XCTAssertTrue(html.contains("Elke variant overschrijdt een budget."))
            XCTAssertTrue(summary.contains("Every variant overspends"), summary)
        }
        let overspent = (0..<3).filter { v in results.fundingSummary(variant: v).contains(where: \.overspent) }
        XCTAssertEqual(choice.overspending, overspent)
        if !overspent.isEmpty {
            XCTAssertTrue(summary.contains("\(overspent.count) of 3 variants overspend a budget: \(overspent.map(String.init).joined(separator: ", "))."), summary)
            XCTAssertTrue(html.contains("\(overspent.count) van de 3 varianten overschrijden een budget"), html)
        }
        XCTAssertTrue(html.contains("<section id=\"varianten\">"))
        XCTAssertEqual(html.components(separatedBy: "<figure class=\"fan\"").count - 1, 4, "charts for the chosen variant only")
        for v in 0..<3 { XCTAssertTrue(html.contains("data-variant=\"\(v)\"")) }
    }

    func testTooManyFocusWijkenAreCappedAndNamed() throws {
        var rows = "wijk,gebied,households,population,dwellings,armoede,meedoen\n"
        for k in 1...14 { rows += "W\(k),G,100,100,100,\(10 + k),\(60 - k)\n" }
        let big = MiniCity(wijken: rows)
        big.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let loaded = try ScenarioLoader.load(big.scenario("groot", "interventions: [{plugin: effect, wijken: all}]\n"))
        let html = HTMLReport.run(try Engine.run(Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)))
        XCTAssertEqual(html.components(separatedBy: "<figure class=\"fan\"").count - 1, ReportFocus.maxWijken * 2)
        XCTAssertTrue(html.contains("weggelaten: 2 focuswijken (W13 en W14)"))
    }

    func testSVGCoordinatesHaveOneDecimalAndNoNegativeZero() {
        let cases: [(Double, String)] = [(12, "12"), (3.14159, "3.1"), (-2.96, "-3"), (-0.04, "0"), (0.05, "0.1"),
                                         (-0.05, "-0.1"), (1279.95, "1280"), (-17.25, "-17.3"), (.nan, "0"), (2e15, "2000000000000000")]
        for (value, expected) in cases {
            XCTAssertEqual(SVGCanvas.coordinate(value), expected, "\(value)")
        }
    }

    func testWithoutInterventionsTheFocusIsTheWijkenWorseOnMostIndicators() throws {
        let loaded = try ScenarioLoader.load(city.scenario("basis", "draws: 2\n"))
        let html = HTMLReport.run(try Engine.run(Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)))
        XCTAssertTrue(html.contains("Dit scenario heeft geen interventies. Focuswijken zijn daarom de wijken die in 2020 op de meeste indicatoren slechter scoren dan de stad: Noord."))
        XCTAssertNotNil(element(html, id: "fan-0-0"))
        XCTAssertNil(element(html, id: "fan-1-0"))
        XCTAssertTrue(html.contains("Geen interventies, dus geen uitgaven."))
    }

    func testProvenanceNamesEveryParameterWithItsValueEvidenceAndSource() throws {
        city.plugin("bewezen", """
            return {
              id = "bewezen", title = "Bewezen aanpak",
              params = {
                effect = {default = -1, min = -5, max = 0, unit = "pp per jaar", source = "Studie X (2020)", evidence = "effectief"},
                kosten = {default = 100, min = 0, unit = "EUR", source = "schatting: begroting", evidence = "schatting"},
              },
              writes = {"armoede"},
              step = function(ctx, p) ctx:add("armoede", ctx.active * p.effect); ctx:spend(ctx.active * p.kosten) end,
            }
            """)
        let loaded = try ScenarioLoader.load(city.scenario("p", "seed: 99\ndraws: 3\ninterventions: [{plugin: bewezen, wijken: [Zuid], params: {effect: {dist: triangular, low: -2, mode: -1, high: 0}}}]\n"))
        let html = HTMLReport.run(try Engine.run(Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)))
        let provenance = try XCTUnwrap(html.components(separatedBy: "<section id=\"herkomst\">").last)
        for text in ["<dt>Seed</dt><dd>99</dd>", "<dt>Trekkingen</dt><dd>3</dd>", "versie \(ResultFiles.version)",
                     "driehoeksverdeling (laag \u{2212}2; top \u{2212}1; hoog 0), per trekking getrokken",
                     "<td>effectief</td><td class=\"source\">Studie X (2020)</td>",
                     "100 (standaard)", "<td>schatting</td><td class=\"source\">schatting: begroting</td>",
                     "wijken.csv", "indicators.csv"] {
            XCTAssertTrue(provenance.contains(text), text)
        }
    }

    func testComparisonShowsPairedDifferencesWithPBetterPerFocusWijk() throws {
        let reference = city.scenario("ref", "draws: 30\nseed: 5\n")
        let alternative = city.scenario("alt", """
            draws: 30
            seed: 5
            interventions: [{name: hulp, plugin: effect, wijken: [Noord], params: {delta: {dist: normal, mean: -0.2, sd: 0.5, min: -5, max: 5}}}]
            """)
        let plans = try [reference, alternative].map { file -> Plan in
            let loaded = try ScenarioLoader.load(file)
            return Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins)
        }
        let comparison = try Comparison.run(plans, threads: 1)
        let html = HTMLReport.compare(comparison)
        XCTAssertFalse(html.contains("http") || html.contains("<script"))
        XCTAssertTrue(XMLParser(data: Data(html.utf8)).parse())
        let end = plans[0].yearCount - 1
        let d = comparison.scenarios[1].difference(variant: 0, wijk: 0, indicator: 0, yearIndex: end)
        XCTAssertGreaterThan(d.pBetter, 0.05)
        XCTAssertLessThan(d.pBetter, 1)
        XCTAssertTrue(html.contains("data-scenario=\"alt\" data-variant=\"0\" data-wijk=\"Noord\" data-indicator=\"armoede\" data-diff-mean=\"\(d.mean.csv)\" data-diff-p05=\"\(d.p05.csv)\" data-diff-p95=\"\(d.p95.csv)\" data-p-better=\"\(d.pBetter.csv)\""))
        XCTAssertTrue(html.contains("<data value=\"\(d.pBetter.csv)\">\(HTMLText.percent(d.pBetter))</data>"))
        XCTAssertNotNil(element(html, id: "verschil-0"))
        XCTAssertTrue(html.contains("<svg class=\"chart diff-bar\""))
        XCTAssertNotNil(element(html, id: "fan-0-0"))
        XCTAssertTrue(html.contains("geen verschil op meedoen"), "meedoen is the same in every draw")
    }

    // MARK: helpers

    /// The element with `id`, from its opening tag to the matching close of its kind.
    func element(_ html: String, id: String) -> String? {
        guard let idRange = html.range(of: " id=\"\(id)\""),
              let open = html[..<idRange.lowerBound].lastIndex(of: "<") else { return nil }
        let name = html[html.index(after: open)...].prefix { $0.isLetter || $0.isNumber }
        var depth = 0
        var cursor = open
        while let next = html[cursor...].firstIndex(of: "<") {
            let rest = html[next...]
            if rest.hasPrefix("<\(name) ") || rest.hasPrefix("<\(name)>") { depth += 1 }
            if rest.hasPrefix("</\(name)>") {
                depth -= 1
                if depth == 0 { return String(html[open..<html.index(next, offsetBy: name.count + 3)]) }
            }
            cursor = html.index(after: next)
        }
        return nil
    }

    /// A number as the report shows it (`−1.234,5`, `87%`, `€ 9,6 mln`) and half its last digit.
    static func readDutch(_ text: String) -> (Double, Double)? {
        var t = text.replacingOccurrences(of: "\u{a0}", with: " ").replacingOccurrences(of: "€ ", with: "")
        var scale = 1.0
        if t.hasSuffix(" mln") { scale = 1e6; t.removeLast(4) }
        if t.hasSuffix(" mld") { scale = 1e9; t.removeLast(4) }
        if t.hasSuffix("%") { scale = 0.01; t.removeLast() }
        t = t.replacingOccurrences(of: "\u{2212}", with: "-").replacingOccurrences(of: "+", with: "")
            .replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        guard let value = Double(t) else { return nil }
        let decimals = t.split(separator: ".").dropFirst().first?.count ?? 0
        return (value * scale, 0.5 * pow(10, -Double(decimals)) * scale * (1 + 1e-9))
    }
}

/// Counts `<svg>` elements and those without a `<title>` as their first child.
private final class SVGCollector: NSObject, XMLParserDelegate {
    var svgCount = 0, untitledSVGs = 0, badViewBoxes = 0
    private var justOpenedSVG = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if justOpenedSVG && name != "title" { untitledSVGs += 1 }
        justOpenedSVG = false
        if name == "svg" {
            svgCount += 1
            let box = (attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
            if box.count != 4 || box[2] <= 0 || box[3] <= 0 { badViewBoxes += 1 }
            justOpenedSVG = !(attributes["class"] ?? "").contains("swatch")
        }
    }
}
