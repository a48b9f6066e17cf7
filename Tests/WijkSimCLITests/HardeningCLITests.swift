import Foundation
import WijkSimTestSupport
import XCTest

/// Command-line input that must be bad input (exit 2), never a crash.
final class HardeningCLITests: XCTestCase {
    /// Found by fuzzing (fuzz/README.md): --draws 2^62 with two variants
    /// overflowed variants × draws in the plan (SIGILL); the option now has
    /// the same bound as a scenario's `draws`.
    func testHugeDrawsOptionIsBadInputNotACrash() throws {
        let city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let file = city.scenario("twee", "interventions: [{name: a, plugin: effect}]\nsweep: {a.delta: [-1, 0]}\n")
        for draws in ["4611686018427387904", "9223372036854775807"] {
            let result = try runCLI(["run", file, "--draws", draws])
            XCTAssertEqual(result.status, 2, "--draws \(draws): \(result.stderr.suffix(300))")
            XCTAssertTrue(result.stderr.contains("--draws"), result.stderr.suffix(300).description)
        }
    }
}
