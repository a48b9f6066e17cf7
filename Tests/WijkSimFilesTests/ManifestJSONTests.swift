import Foundation
@testable import WijkSimFiles
import XCTest

/// The manifest is written by hand; it must keep the bytes `JSONEncoder` wrote.
final class ManifestJSONTests: XCTestCase {
    func encoded(_ manifest: OutputManifest) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n"
    }

    func testManifestsAreWrittenAsJSONEncoderWroteThem() throws {
        let paths = ["trajectories.csv", "basis/gaps.csv", "a \"quoted\" \\ name/é ✓ 😀.csv", "tab\there\nnewline\u{1}\u{1f}.csv", "Z.csv", "a10.csv", "a9.csv"]
        let manifests = [
            OutputManifest(command: "run", files: []),
            OutputManifest(command: "compare", files: paths.enumerated().map { .init(path: $0.element, bytes: $0.offset * 1000, hash: "00ff\($0.offset)") }),
        ]
        for manifest in manifests {
            XCTAssertEqual(manifest.json, try encoded(manifest))
            XCTAssertEqual(try JSONDecoder().decode(OutputManifest.self, from: Data(manifest.json.utf8)), manifest)
        }
    }
}
