@testable import WijkSimFiles
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// `--out DIR` never removes or overwrites what wijksim did not write
/// (CONTRACT §5): each case of where DIR may point.
final class OutputFolderTests: XCTestCase {
    let fm = FileManager.default

    func contents(_ path: String) -> [String] { ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    func write(_ path: String, _ files: [String: String]) throws -> OutputFolder.Outcome {
        let output = try OutputFolder(path, command: "run")
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            if let slash = name.firstIndex(of: "/") {
                try output.subfolder(String(name[..<slash])).write(String(name[name.index(after: slash)...]), text)
            } else {
                try output.write(name, text)
            }
        }
        return try output.commit()
    }

    func testANewFolderAppearsOnlyOnCommitWithItsManifest() throws {
        let scratch = ScratchFolder()
        let output = try OutputFolder(scratch.path + "/out", command: "run")
        try output.write("a.csv", "x\n")
        XCTAssertFalse(fm.fileExists(atPath: scratch.path + "/out"))
        let outcome = try output.commit()
        XCTAssertFalse(outcome.replaced)
        XCTAssertEqual(contents(scratch.path + "/out"), [".wijksim-manifest.json", "a.csv"])
        let manifest = try OutputManifest.read(scratch.path + "/out/.wijksim-manifest.json", describing: scratch.path + "/out")
        XCTAssertEqual(manifest.command, "run")
        XCTAssertEqual(manifest.files.map(\.path), ["a.csv"])
        XCTAssertEqual(manifest.files[0].bytes, 2)
        XCTAssertEqual(manifest.files[0].hash, ContentHash.hex(ContentHash.of("x\n")))
        XCTAssertEqual(contents(scratch.path), ["out"])
    }

    func testDiscardLeavesNothing() throws {
        let scratch = ScratchFolder()
        try OutputFolder(scratch.path + "/out", command: "run").discard()
        let empty = scratch.path + "/leeg"
        try fm.createDirectory(atPath: empty, withIntermediateDirectories: false)
        try OutputFolder(empty, command: "run").discard()
        XCTAssertEqual(contents(scratch.path), ["leeg"])
        XCTAssertEqual(contents(empty), [])
    }

    func testMissingParentFoldersAreMadeButAFileInTheWayIsBadInput() throws {
        let scratch = ScratchFolder()
        _ = try write(scratch.path + "/out/regiodeal", ["a.csv": "x\n"])
        XCTAssertEqual(scratch.read("out/regiodeal/a.csv"), "x\n")
        scratch.write("bestand", "")
        XCTAssertThrowsError(try OutputFolder(scratch.path + "/bestand/regiodeal", command: "run")) { XCTAssertTrue($0 is BadInput, "\($0)") }
        XCTAssertThrowsError(try OutputFolder(scratch.path + "/bestand", command: "run")) { error in
            XCTAssertTrue("\(error)".contains("is a file, not a folder"), "\(error)")
        }
        XCTAssertEqual(scratch.read("bestand"), "")
    }

    func testAnEmptyFolderIsUsed() throws {
        let scratch = ScratchFolder()
        try fm.createDirectory(atPath: scratch.path + "/out", withIntermediateDirectories: false)
        let outcome = try write(scratch.path + "/out", ["a.csv": "x\n", "sub/b.csv": "y\n"])
        XCTAssertFalse(outcome.replaced)
        XCTAssertEqual(contents(scratch.path + "/out"), [".wijksim-manifest.json", "a.csv", "sub"])
        XCTAssertEqual(scratch.read("out/sub/b.csv"), "y\n")
    }

    func testAFolderWithTheUsersFilesIsRefusedAndKeptAsItWas() throws {
        let scratch = ScratchFolder()
        scratch.write("out/notities.txt", "mijn aantekeningen\n")
        scratch.write("out/sub/plan.docx", "plan\n")
        XCTAssertThrowsError(try OutputFolder(scratch.path + "/out", command: "run")) { error in
            XCTAssertTrue(error is BadInput)
            XCTAssertTrue("\(error)".contains("holds files that wijksim did not write (notities.txt, sub/)"), "\(error)")
            XCTAssertTrue("\(error)".contains("Choose another --out"), "\(error)")
        }
        XCTAssertEqual(contents(scratch.path + "/out"), ["notities.txt", "sub"])
        XCTAssertEqual(scratch.read("out/sub/plan.docx"), "plan\n")
    }

    /// A folder of files named like wijksim's, without its manifest, is not
    /// taken for an output: names are no proof.
    func testFilesNamedLikeAnOutputAreNotTakenForOne() throws {
        let scratch = ScratchFolder()
        scratch.write("out/trajectories.csv", "van mij\n")
        XCTAssertThrowsError(try OutputFolder(scratch.path + "/out", command: "run"))
        XCTAssertEqual(scratch.read("out/trajectories.csv"), "van mij\n")
    }

    func testAnEarlierOutputIsReplacedAndTheUsersNotesInsideItAreKept() throws {
        let scratch = ScratchFolder()
        let out = scratch.path + "/out"
        _ = try write(out, ["a.csv": "oud\n", "oud.csv": "weg\n", "basis/t.csv": "1\n", "alleen-oud/t.csv": "2\n"])
        scratch.write("out/notities.txt", "mijn aantekeningen\n")
        scratch.write("out/basis/noot.txt", "over basis\n")
        let outcome = try write(out, ["a.csv": "nieuw\n", "basis/t.csv": "3\n"])
        XCTAssertTrue(outcome.replaced)
        XCTAssertEqual(outcome.kept, ["notities.txt"])
        XCTAssertEqual(contents(out), [".wijksim-manifest.json", "a.csv", "basis", "notities.txt"])
        XCTAssertEqual(contents(out + "/basis"), ["noot.txt", "t.csv"])
        XCTAssertEqual(scratch.read("out/a.csv"), "nieuw\n")
        XCTAssertEqual(scratch.read("out/basis/t.csv"), "3\n")
        XCTAssertEqual(scratch.read("out/notities.txt"), "mijn aantekeningen\n")
        XCTAssertEqual(scratch.read("out/basis/noot.txt"), "over basis\n")
        // and the new output is itself an earlier output for the next run
        XCTAssertTrue(try write(out, ["a.csv": "weer\n"]).replaced)
        XCTAssertEqual(contents(out), [".wijksim-manifest.json", "a.csv", "basis", "notities.txt"])
        XCTAssertEqual(contents(out + "/basis"), ["noot.txt"])
    }

    func testAnOutputFileTheUserChangedIsNotOverwritten() throws {
        let scratch = ScratchFolder()
        let out = scratch.path + "/out"
        _ = try write(out, ["gaps.csv": "wijksim\n"])
        scratch.write("out/gaps.csv", "bewerkt in een spreadsheet\n")
        XCTAssertThrowsError(try OutputFolder(out, command: "run")) { error in
            XCTAssertTrue("\(error)".contains("gaps.csv was changed after wijksim wrote it"), "\(error)")
        }
        XCTAssertEqual(scratch.read("out/gaps.csv"), "bewerkt in een spreadsheet\n")
    }

    /// The user may add or edit files while a long run is under way.
    func testChangesMadeDuringTheRunAreCheckedAgainAtCommit() throws {
        let scratch = ScratchFolder()
        let out = scratch.path + "/out"
        _ = try write(out, ["a.csv": "oud\n"])
        let output = try OutputFolder(out, command: "run")
        try output.write("a.csv", "nieuw\n")
        try output.write("b.csv", "nieuw\n")
        scratch.write("out/b.csv", "van de gebruiker\n")
        XCTAssertThrowsError(try output.commit()) { error in
            XCTAssertTrue("\(error)".contains("b.csv was not written by wijksim and would be overwritten"), "\(error)")
        }
        XCTAssertEqual(scratch.read("out/a.csv"), "oud\n")
        XCTAssertEqual(scratch.read("out/b.csv"), "van de gebruiker\n")
        XCTAssertEqual(contents(out), [".wijksim-manifest.json", "a.csv", "b.csv"])
    }

    func testAManifestThatPointsOutsideItsFolderIsNotTrusted() throws {
        let scratch = ScratchFolder()
        scratch.write("elders.txt", "blijft\n")
        scratch.write("out/.wijksim-manifest.json", """
            {"command": "run", "wijksim": "0.1.0", "files": [{"path": "../elders.txt", "bytes": 7, "hash": "0"}]}
            """)
        XCTAssertThrowsError(try OutputFolder(scratch.path + "/out", command: "run")) { error in
            XCTAssertTrue("\(error)".contains("is damaged"), "\(error)")
        }
        XCTAssertEqual(scratch.read("elders.txt"), "blijft\n")
    }

    /// `--out .` from a folder of the user's own: refused, nothing touched;
    /// from an earlier output: replaced in place.
    func testTheWorkingFolderItself() throws {
        let scratch = ScratchFolder()
        scratch.write("scenarios/basis.yaml", "name: b\n")
        let previous = fm.currentDirectoryPath
        defer { _ = fm.changeCurrentDirectoryPath(previous) }
        _ = fm.changeCurrentDirectoryPath(scratch.path)
        XCTAssertThrowsError(try OutputFolder(".", command: "run"))
        XCTAssertEqual(scratch.read("scenarios/basis.yaml"), "name: b\n")

        let own = scratch.path + "/uitvoer"
        try fm.createDirectory(atPath: own, withIntermediateDirectories: false)
        _ = fm.changeCurrentDirectoryPath(own)
        XCTAssertFalse(try write(".", ["a.csv": "1\n"]).replaced)
        XCTAssertTrue(try write(".", ["a.csv": "2\n"]).replaced)
        XCTAssertEqual(contents(own), [".wijksim-manifest.json", "a.csv"])
        XCTAssertEqual(scratch.read("uitvoer/a.csv"), "2\n")
    }

    /// A full disk is the system's failure, not bad input: exit 1 with the
    /// path and the system's reason (/dev/full answers every write with ENOSPC).
    func testAFullDiskIsARunFailureNamingThePath() throws {
        let writer = FolderWriter(path: "/dev", relative: "", record: WrittenFiles())
        XCTAssertThrowsError(try writer.write("full", "x\n")) { error in
            XCTAssertTrue(error is RunFailure, "\(error)")
            XCTAssertEqual("\(error)", "cannot write /dev/full: No space left on device")
        }
    }
}
