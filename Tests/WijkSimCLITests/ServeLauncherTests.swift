import Foundation
import WijkSimTestSupport
import XCTest

/// `wijksim serve` hands its arguments to `wijksim-serve` beside it (the
/// server's own behaviour is tested by `.ci/serve-browser-test` and
/// WijkSimWhatIfTests).
final class ServeLauncherTests: XCTestCase {
    func testServeStartsTheServerProgramWithTheSameArguments() throws {
        let help = try runCLI(["serve", "--help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("USAGE: wijksim serve <scenario>"), help.stdout)
        XCTAssertTrue(help.stdout.contains("--port"), help.stdout)
        let missing = try runCLI(["serve", "nergens.yaml", "--port", "0"])
        XCTAssertEqual(missing.status, 2, "a scenario that does not exist is bad input, as in every command")
        XCTAssertTrue(missing.stderr.contains("nergens.yaml: no such scenario file"), missing.stderr)
        let badPort = try runCLI(["serve", "nergens.yaml", "--port", "70000"])
        XCTAssertEqual(badPort.status, 2)
        XCTAssertTrue(badPort.stderr.contains("--port must be from 0 to 65535"), badPort.stderr)
    }
}
