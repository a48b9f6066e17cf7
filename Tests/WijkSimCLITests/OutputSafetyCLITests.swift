import Foundation
import WijkSimTestSupport
import XCTest

/// Every command with `--out` keeps the user's files (CONTRACT §5): the
/// cases a new user runs into, through the real executable.
final class OutputSafetyCLITests: XCTestCase {
    var city: MiniCity!
    var scenario: String!
    let fm = FileManager.default

    override func setUp() {
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        scenario = city.scenario("s", "draws: 4\ninterventions: [{plugin: effect, wijken: [Noord]}]\n")
    }

    func visible(_ relative: String) -> [String] {
        ((try? fm.contentsOfDirectory(atPath: city.path + "/" + relative)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static let runFiles = ["costs.csv", "funding.csv", "gaps.csv", "report.html", "scenario.json", "trajectories.csv", "variants.csv"]

    func testRunIntoAFolderWithTheUsersFilesIsRefusedAndDeletesNothing() throws {
        city.folder.write("mijn/notities.txt", "mijn aantekeningen\n")
        city.folder.write("mijn/sub/plan.txt", "plan\n")
        let result = try runCLI(["run", scenario!, "--out", "mijn"], in: city.path)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stderr, "error: --out mijn: mijn holds files that wijksim did not write (notities.txt, sub/); "
            + "wijksim writes only into a new or empty folder or over its own earlier output. "
            + "Choose another --out (e.g. a new folder), or move those files away.\n")
        XCTAssertEqual(result.stdout, "", "refused before anything runs")
        XCTAssertEqual(visible("mijn"), ["notities.txt", "sub"])
        XCTAssertEqual(city.folder.read("mijn/notities.txt"), "mijn aantekeningen\n")
        XCTAssertEqual(city.folder.read("mijn/sub/plan.txt"), "plan\n")
    }

    /// `--out .` in a project folder must not touch its scenarios and plugins.
    func testRunWithOutDotInAProjectFolderIsRefused() throws {
        let result = try runCLI(["run", "scenarios/s.yaml", "--out", "."], in: city.path)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("error: --out .: . holds files that wijksim did not write (data/, plugins/, scenarios/)"), result.stderr)
        XCTAssertEqual(visible(""), ["data", "plugins", "scenarios"])
        XCTAssertEqual(visible("scenarios"), ["s.yaml"])
    }

    func testRunWithOutDotInAnEmptyFolderAndAgain() throws {
        try fm.createDirectory(atPath: city.path + "/leeg", withIntermediateDirectories: false)
        let first = try runCLI(["run", "../scenarios/s.yaml", "--out", "."], in: city.path + "/leeg")
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(visible("leeg"), Self.runFiles)
        let again = try runCLI(["run", "../scenarios/s.yaml", "--out", "."], in: city.path + "/leeg")
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("replaced the earlier output in ./"), again.stdout)
        XCTAssertEqual(visible("leeg"), Self.runFiles)
    }

    func testAnEarlierRunIsReplacedAndTheUsersNoteInsideItIsKept() throws {
        let first = try runCLI(["run", scenario!, "--out", city.path + "/out"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertFalse(first.stdout.contains("replaced"), first.stdout)
        XCTAssertTrue(first.stdout.hasSuffix("report.html\n"), first.stdout)
        city.folder.write("out/notities.txt", "mijn aantekeningen\n")
        city.folder.write("out/grafieken/figuur.txt", "figuur\n")
        let second = try runCLI(["run", scenario!, "--out", city.path + "/out", "--draws", "6"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("replaced the earlier output in "), second.stdout)
        XCTAssertTrue(second.stdout.contains("bewaard, niet door wijksim geschreven: grafieken, notities.txt"), second.stdout)
        XCTAssertEqual(visible("out"), (Self.runFiles + ["grafieken", "notities.txt"]).sorted())
        XCTAssertEqual(city.folder.read("out/notities.txt"), "mijn aantekeningen\n")
        XCTAssertEqual(city.folder.read("out/grafieken/figuur.txt"), "figuur\n")
        XCTAssertTrue(city.folder.read("out/scenario.json").contains("\"draws\" : 6"), city.folder.read("out/scenario.json"))
    }

    func testAnOutputFileTheUserEditedStopsTheReplacement() throws {
        XCTAssertEqual(try runCLI(["run", scenario!, "--out", city.path + "/out"]).status, 0)
        city.folder.write("out/gaps.csv", "bewerkt\n")
        let result = try runCLI(["run", scenario!, "--out", city.path + "/out"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("gaps.csv was changed after wijksim wrote it"), result.stderr)
        XCTAssertEqual(city.folder.read("out/gaps.csv"), "bewerkt\n")
    }

    func testCompareFollowsTheSameRulesAndMayReplaceAnEarlierRun() throws {
        let other = city.scenario("t", "draws: 4\n")
        city.folder.write("vergelijk/lees-mij.txt", "van mij\n")
        let refused = try runCLI(["compare", other, scenario!, "--out", city.path + "/vergelijk"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("holds files that wijksim did not write (lees-mij.txt)"), refused.stderr)
        XCTAssertEqual(visible("vergelijk"), ["lees-mij.txt"])

        XCTAssertEqual(try runCLI(["run", scenario!, "--out", city.path + "/out"]).status, 0)
        city.folder.write("out/notities.txt", "mijn aantekeningen\n")
        let compared = try runCLI(["compare", other, scenario!, "--out", city.path + "/out"])
        XCTAssertEqual(compared.status, 0, compared.stderr)
        XCTAssertTrue(compared.stdout.contains("replaced the earlier output in "), compared.stdout)
        XCTAssertEqual(visible("out"), ["comparison.csv", "comparison_costs.csv", "notities.txt", "report.html", "s", "t"])
        XCTAssertEqual(visible("out/s"), (Self.runFiles.filter { $0 != "report.html" } + ["effectiveness.csv"]).sorted(), "an alternative with interventions gets its effectiveness.csv")
    }

    func testExplainReplacesOnlyItsOwnEarlierFile() throws {
        let out = city.path + "/uitleg.csv"
        let explain = ["explain", scenario!, "--wijk", "Noord", "--indicator", "armoede", "--out", out]
        XCTAssertEqual(try runCLI(explain).status, 0)
        let again = try runCLI(explain)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("replaced the earlier explain output"), again.stdout)

        city.folder.write("mijn.csv", "van mij\n")
        let refused = try runCLI(Array(explain.dropLast()) + [city.path + "/mijn.csv"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("mijn.csv already exists and is not an unchanged earlier output of wijksim; it was kept"), refused.stderr)
        XCTAssertEqual(city.folder.read("mijn.csv"), "van mij\n")
    }

    /// An I/O failure is the system's, not bad input: exit 1 with the path
    /// and the system's reason, and no partial output. A file-size limit
    /// makes the write fail for root too (SIGXFSZ ignored, so write(2)
    /// returns EFBIG instead of killing the process).
    func testAWriteFailureExitsOneWithThePathAndTheSystemsReason() throws {
        let result = try runCLI(["-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" run scenarios/s.yaml --out out --draws 50", wijksimExecutable.path],
                                in: city.path, executable: "/bin/sh")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("error: cannot write out/"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix(": File too large\n"), result.stderr)
        XCTAssertEqual(visible(""), ["data", "plugins", "scenarios"], "no partial output")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: city.path).filter { $0.hasPrefix(".") }, [])
    }
}
