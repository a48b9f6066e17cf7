@testable import WijkSimFiles
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// Single output files (`explain --out`, `data import-cbs`, `new-plugin`):
/// written whole or not at all, and never over a file of the user's.
final class OutputFilesTests: XCTestCase {
    func testANewFileIsWrittenWithItsSidecarAndAnEarlierOutputIsReplaced() throws {
        let scratch = ScratchFolder()
        let file = scratch.path + "/uitleg.csv"
        XCTAssertEqual(try OutputFiles.write([(file, "a\n")], command: "explain"), [])
        XCTAssertEqual(scratch.read("uitleg.csv"), "a\n")
        let sidecar = try OutputManifest.read(scratch.path + "/.uitleg.csv.wijksim.json", describing: file)
        XCTAssertEqual(sidecar.command, "explain")
        XCTAssertEqual(try OutputFiles.write([(file, "b\n")], command: "explain"), [file])
        XCTAssertEqual(scratch.read("uitleg.csv"), "b\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted(), [".uitleg.csv.wijksim.json", "uitleg.csv"])
    }

    func testAUsersFileOrAnEditedOutputIsKept() throws {
        let scratch = ScratchFolder()
        let mine = scratch.write("notities.csv", "van mij\n")
        XCTAssertThrowsError(try OutputFiles.write([(mine, "x\n")], command: "explain")) { error in
            XCTAssertTrue(error is BadInput)
            XCTAssertTrue("\(error)".contains("notities.csv already exists and is not an unchanged earlier output of wijksim; it was kept"), "\(error)")
        }
        XCTAssertEqual(scratch.read("notities.csv"), "van mij\n")

        let file = scratch.path + "/uitleg.csv"
        try OutputFiles.write([(file, "a\n")], command: "explain")
        scratch.write("uitleg.csv", "a\nmet een regel van de gebruiker\n")
        XCTAssertThrowsError(try OutputFiles.write([(file, "b\n")], command: "explain"))
        XCTAssertEqual(scratch.read("uitleg.csv"), "a\nmet een regel van de gebruiker\n")
    }

    /// Both files or neither: a failed check leaves the earlier ones as they were.
    func testAFailedCheckTouchesNoFile() throws {
        let scratch = ScratchFolder()
        let a = scratch.path + "/wijken.csv", b = scratch.path + "/indicators.csv"
        try OutputFiles.write([(a, "1\n"), (b, "2\n")], command: "data import-cbs")
        struct Nope: Error {}
        XCTAssertThrowsError(try OutputFiles.write([(a, "3\n"), (b, "4\n")], command: "data import-cbs") { _ in throw Nope() })
        XCTAssertEqual(scratch.read("wijken.csv"), "1\n")
        XCTAssertEqual(scratch.read("indicators.csv"), "2\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path).count, 4)
    }

    func testRefuseModeNeverOverwritesNotEvenItsOwnOutput() throws {
        let scratch = ScratchFolder()
        let plugin = scratch.path + "/schuldhulp.lua"
        try OutputFiles.write([(plugin, "return {}\n")], command: "new-plugin", existing: .refuse)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), ["schuldhulp.lua"])
        XCTAssertThrowsError(try OutputFiles.write([(plugin, "-- nieuw\n")], command: "new-plugin", existing: .refuse)) { error in
            XCTAssertTrue("\(error)".contains("already exists; new-plugin does not overwrite files"), "\(error)")
        }
        XCTAssertEqual(scratch.read("schuldhulp.lua"), "return {}\n")
    }
}
