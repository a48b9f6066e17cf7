import Foundation
import WijkSimTestSupport
import XCTest

/// What a policymaker reads first (issue 15): the caveats beside the
/// headline, in the terminal and the report, in Dutch by default.
final class HeadlineCLITests: XCTestCase {
    func testTheGroningenRunStatesWhatTheBandsCoverAndHowManyStartingValuesAreEstimates() throws {
        let out = ScratchFolder()
        let result = try runCLI(["run", TestPaths.repo("scenarios/regiodeal.yaml"), "--draws", "20", "--out", out.path + "/r"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Effect van het plan in 2042, tegen \"Groningen basis\""), result.stdout)
        XCTAssertTrue(result.stdout.contains("Onder deze aannames: de banden en kansen dekken alleen de onzekerheid van "), result.stdout)
        // sources.csv: 180 starting values (18 rows × 10 indicators), one of them published
        XCTAssertTrue(result.stdout.contains("Van de 180 startwaarden (wijk × indicator) zijn er 179 geschat en 1 gepubliceerd; die onzekerheid zit niet in de banden."), result.stdout)
        XCTAssertTrue(result.stdout.contains("Effecten buiten de 10 indicatoren van het model tellen niet mee."), result.stdout)
        let html = out.read("r/report.html")
        XCTAssertTrue(html.contains("<aside class=\"caveats\"><b>Onder deze aannames.</b> "), html)
        XCTAssertTrue(html.contains("zijn er 179 geschat en 1 gepubliceerd"))
        XCTAssertTrue(html.contains("Kans onder deze aannames:"))

        let english = try runCLI(["run", TestPaths.repo("scenarios/regiodeal.yaml"), "--draws", "20", "--lang", "en"])
        XCTAssertTrue(english.stdout.contains("Of the 180 starting values (wijk × indicator), 179 are estimates and 1 published"), english.stdout)
    }

    func testWithoutSourcesTheStartingValuesAreSaidToBeTakenAsExact() throws {
        let city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let file = city.scenario("s", "draws: 4\ninterventions: [{plugin: effect, wijken: [Noord], params: {delta: {dist: uniform, low: -2, high: 0}}}]\n")
        let result = try runCLI(["run", file])
        XCTAssertTrue(result.stdout.contains("Onder deze aannames: de banden en kansen dekken alleen de onzekerheid van 1 onzekere parameter (effecten, kosten, trend)."), result.stdout)
        XCTAssertTrue(result.stdout.contains("De startwaarden gelden als exact; hun onzekerheid zit niet in de banden."), result.stdout)
    }
}
