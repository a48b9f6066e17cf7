import Foundation
import WijkSimTestSupport
import XCTest

/// `report.html` as a reader gets it: written by `wijksim run`, opened
/// from disk in headless Chromium (no network needed), its rendered DOM
/// checked against the CSV files of the same run, and a screenshot taken.
/// Skipped where Chromium is not installed; CI installs it (`.ci/run`).
final class ReportBrowserTests: XCTestCase {
    var city: MiniCity!
    var out: String!
    var chromium: String!

    override func setUpWithError() throws {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser",
                          "/usr/bin/google-chrome"].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("chromium is not installed (apt-get install chromium)")
        }
        chromium = found
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("daling", MiniCity.constantPlugin("daling", indicator: "meedoen", delta: -0.5, min: -5, max: 5))
        let file = city.scenario("browser", """
            draws: 200
            seed: 11
            interventions:
              - {name: hulp, plugin: effect, wijken: [Noord], from: 2021, to: 2023, funding: fonds,
                 params: {delta: {dist: triangular, low: -3, mode: -2, high: 0}, cost: {dist: uniform, low: 1, high: 3}}}
              - {name: krimp, plugin: daling, wijken: [Oost], params: {delta: {dist: uniform, low: -1, high: 0.5}}}
            funding:
              fonds: {budget: 5, from: 2020, to: 2021}
            """)
        out = city.path + "/out"
        let run = try runCLI(["run", file, "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    func testRenderedReportShowsEveryFocusWijkWithTheNumbersOfTheCSVFiles() throws {
        let dom = try browser(["--dump-dom", "file://\(out!)/report.html"])
        XCTAssertTrue(dom.contains("<h2>Het korte antwoord</h2>"), String(dom.prefix(500)))
        let trajectories = csv("trajectories.csv")
        let gaps = csv("gaps.csv")
        let funding = csv("funding.csv")

        // Every focus wijk (Noord and Oost: the interventions target them) has a fan chart per indicator, Zuid none.
        let fans = elements(dom, tag: "figure", class: "fan")
        XCTAssertEqual(Set(fans.map { $0.attributes["data-wijk"]! + "/" + $0.attributes["data-indicator"]! }),
                       ["Noord/armoede", "Noord/meedoen", "Oost/armoede", "Oost/meedoen"])
        for fan in fans {
            let wijk = fan.attributes["data-wijk"]!, indicator = fan.attributes["data-indicator"]!
            XCTAssertTrue(fan.html.contains("<svg class=\"chart fan-chart\""), "\(wijk)/\(indicator) has its chart")
            let row = try XCTUnwrap(trajectories.first { $0["variant"] == "0" && $0["wijk"] == wijk && $0["indicator"] == indicator && $0["year"] == "2025" })
            let cityRow = try XCTUnwrap(trajectories.first { $0["variant"] == "0" && $0["wijk"] == "city" && $0["indicator"] == indicator && $0["year"] == "2025" })
            for key in ["mean", "p05", "p50", "p95"] {
                XCTAssertEqual(fan.attributes["data-\(key)"], row[key], "\(wijk)/\(indicator) \(key)")
            }
            XCTAssertEqual(fan.attributes["data-city"], cityRow["mean"])
            // The sentence under the chart shows the end mean, rounded, as text.
            let shown = numbersShown(fan.html)
            let mean = Double(row["mean"]!)!
            XCTAssertTrue(shown.contains { $0.value == mean && abs($0.text - mean) <= $0.tolerance }, "\(wijk)/\(indicator): \(shown)")
        }

        // The short answer's matrix: every focus wijk and indicator with gaps.csv's numbers.
        let cells = elements(dom, tag: "td", class: "cell")
        XCTAssertEqual(cells.count, 4)
        for cell in cells {
            let wijk = cell.attributes["data-wijk"]!, indicator = cell.attributes["data-indicator"]!
            let row = try XCTUnwrap(gaps.first { $0["variant"] == "0" && $0["wijk"] == wijk && $0["indicator"] == indicator })
            XCTAssertEqual(cell.attributes["data-gap-start"], row["gap_start"])
            XCTAssertEqual(cell.attributes["data-gap-end"], row["gap_end"])
            XCTAssertEqual(cell.attributes["data-year-closed"], row["year_closed"])
            if let pClosed = row["p_closed_end"] { XCTAssertEqual(cell.attributes["data-p-closed"], pClosed) }
            for number in numbersShown(cell.html) {
                XCTAssertEqual(number.text, number.value, accuracy: number.tolerance, "\(wijk)/\(indicator)")
            }
            XCTAssertTrue(numbersShown(cell.html).contains { $0.value == Double(row["gap_end"]!)! })
        }

        // Spend against the budget, overspend said in words.
        let fonds = try XCTUnwrap(funding.first { $0["funding"] == "fonds" })
        let table = try XCTUnwrap(elements(dom, tag: "tr", class: "overspent").first { $0.attributes["data-funding"] == "fonds" })
        XCTAssertEqual(table.attributes["data-spent"], fonds["spent"])
        XCTAssertEqual(table.attributes["data-budget"], fonds["budget"])
        XCTAssertEqual(table.attributes["data-overspent"], fonds["overspent"])
        XCTAssertTrue(table.html.contains("overschreden"))
        XCTAssertFalse(elements(dom, tag: "figure", class: "funding overspent").isEmpty)
    }

    func testScreenshotIsTaken() throws {
        let png = city.path + "/report.png"
        _ = try browser(["--screenshot=\(png)", "--window-size=1280,4000", "file://\(out!)/report.html"])
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        // IHDR: width and height, big-endian, at bytes 16–23.
        let bigEndian = { (range: Range<Int>) -> Int in data.subdata(in: range).reduce(0) { $0 << 8 | Int($1) } }
        XCTAssertEqual(bigEndian(16..<20), 1280)
        XCTAssertEqual(bigEndian(20..<24), 4000)
        XCTAssertGreaterThan(data.count, 100_000, "a rendered page, not a blank one")
    }

    /// The headline of a plan (issue 15): the report's "Effect van het plan",
    /// as the browser renders it, carries comparison.csv's paired numbers
    /// for every focus wijk and indicator, and the caveats beside it.
    func testThePlansOwnEffectInTheRenderedReportEqualsComparisonCSV() throws {
        city.plugin("drift", MiniCity.constantPlugin("drift", delta: 0.5, min: -5, max: 5))
        city.scenario("basis", "draws: 50\nseed: 3\nrules: [{plugin: drift}]\n")
        let plan = city.scenario("plan", """
            extends: basis.yaml
            name: plan
            interventions:
              - {name: hulp, plugin: effect, wijken: [Noord, Oost], params: {delta: {dist: uniform, low: -2, high: 0}}}
            """, header: false)
        let folder = city.path + "/plan-out"
        let run = try runCLI(["run", plan, "--out", folder])
        XCTAssertEqual(run.status, 0, run.stderr)
        let dom = try browser(["--dump-dom", "file://\(folder)/report.html"])
        let section = try XCTUnwrap(dom.range(of: "<section id=\"effect\">").map { String(dom[$0.lowerBound...]) }?
            .components(separatedBy: "</section>").first)
        XCTAssertTrue(section.contains("<aside class=\"caveats\"><b>Onder deze aannames.</b>"), section)
        let rows = city.folder.read("plan-out/comparison.csv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0[0] == "plan" && $0[4] == "2025" }
        func attribute(_ name: String, _ tag: String) -> String? {
            guard let r = tag.range(of: " \(name)=\"") else { return nil }
            return String(tag[r.upperBound...].prefix { $0 != "\"" })
        }
        let tags = section.components(separatedBy: "<tr").dropFirst().map { String($0.prefix { $0 != ">" }) }
            .filter { attribute("data-scenario", $0) == "plan" }
        XCTAssertEqual(tags.count, 4, "Noord and Oost × armoede and meedoen")
        for tag in tags {
            let wijk = try XCTUnwrap(attribute("data-wijk", tag)), indicator = try XCTUnwrap(attribute("data-indicator", tag))
            let row = try XCTUnwrap(rows.first { $0[2] == wijk && $0[3] == indicator })
            XCTAssertEqual(attribute("data-diff-mean", tag), row[6], "\(wijk)/\(indicator)")
            XCTAssertEqual(attribute("data-diff-p05", tag), row[7])
            XCTAssertEqual(attribute("data-diff-p95", tag), row[8])
            XCTAssertEqual(attribute("data-p-better", tag), row[9])
        }
        // armoede in Noord: five steps of U(0, 2) lower, so about +5 better, in every draw
        let noord = try XCTUnwrap(rows.first { $0[2] == "Noord" && $0[3] == "armoede" })
        XCTAssertEqual(Double(noord[6])!, 5, accuracy: 0.6)
        XCTAssertEqual(noord[9], "1.0")
    }

    /// The picture in the README: the top of the Regio Deal report as a
    /// reader first sees it. Written to docs/report.png when
    /// WIJKSIM_UPDATE_DOCS=1 (after a change to the report), else only made
    /// and checked, so the test never touches the repository by itself.
    func testTheReadmePictureOfTheRegioDealReport() throws {
        let folder = city.path + "/regiodeal"
        let run = try runCLI(["run", TestPaths.repo("scenarios/regiodeal.yaml"), "--draws", "200", "--out", folder])
        XCTAssertEqual(run.status, 0, run.stderr)
        let update = ProcessInfo.processInfo.environment["WIJKSIM_UPDATE_DOCS"] == "1"
        let png = update ? TestPaths.repo("docs/report.png") : city.path + "/report.png"
        _ = try browser(["--screenshot=\(png)", "--window-size=1100,1500", "--hide-scrollbars", "file://\(folder)/report.html"])
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
        XCTAssertGreaterThan(data.count, 50_000, "a rendered page, not a blank one")
    }

    // MARK: helpers

    /// Runs headless Chromium with its own profile; returns stdout. Fails after two minutes.
    func browser(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--user-data-dir=\(city.path)/chromium-profile"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchTime.now() + .seconds(120)
        DispatchQueue.global().asyncAfter(deadline: deadline) { if process.isRunning { process.terminate() } }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "chromium \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    func csv(_ name: String) -> [[String: String]] {
        let lines = city.folder.read("out/\(name)").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    struct Element {
        var attributes: [String: String]
        var html: String
    }

    /// Elements `<tag class="…">` whose class attribute is exactly `cssClass` (or starts with it and a space), with their content.
    func elements(_ dom: String, tag: String, class cssClass: String) -> [Element] {
        var found: [Element] = []
        var cursor = dom.startIndex
        while let open = dom.range(of: "<\(tag) class=\"\(cssClass)", range: cursor..<dom.endIndex) {
            cursor = open.upperBound
            guard dom[cursor] == "\"" || dom[cursor] == " ", let close = dom.range(of: "</\(tag)>", range: cursor..<dom.endIndex),
                  let tagEnd = dom.range(of: ">", range: open.upperBound..<dom.endIndex) else { continue }
            let openingTag = String(dom[open.lowerBound..<tagEnd.upperBound])
            var attributes: [String: String] = [:]
            let pattern = try! NSRegularExpression(pattern: "([a-z0-9-]+)=\"([^\"]*)\"")
            for match in pattern.matches(in: openingTag, range: NSRange(openingTag.startIndex..., in: openingTag)) {
                attributes[String(openingTag[Range(match.range(at: 1), in: openingTag)!])] =
                    String(openingTag[Range(match.range(at: 2), in: openingTag)!]).replacingOccurrences(of: "&amp;", with: "&")
            }
            found.append(Element(attributes: attributes, html: String(dom[open.lowerBound..<close.upperBound])))
        }
        return found
    }

    /// Every `<data value>` in `html`: its value, the number its Dutch text shows, and half the text's last digit.
    func numbersShown(_ html: String) -> [(value: Double, text: Double, tolerance: Double)] {
        let pattern = try! NSRegularExpression(pattern: "<data value=\"([^\"]*)\">([^<]*)</data>")
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            guard let value = Double(String(html[Range(match.range(at: 1), in: html)!])) else { return nil }
            var text = String(html[Range(match.range(at: 2), in: html)!]).replacingOccurrences(of: "\u{a0}", with: " ")
            var scale = 1.0
            if text.hasSuffix("%") { scale = 0.01; text.removeLast() }
            if text.hasSuffix(" mln") { scale = 1e6; text.removeLast(4) }
            text = text.replacingOccurrences(of: "€ ", with: "").replacingOccurrences(of: "\u{2212}", with: "-")
                .replacingOccurrences(of: "+", with: "").replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            guard let shown = Double(text) else { return nil }
            let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
            return (value, shown * scale, 0.5 * pow(10, -Double(decimals)) * scale * (1 + 1e-9))
        }
    }
}
