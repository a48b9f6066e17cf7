import Foundation
import WijkSimEngine
import WijkSimLoad
import WijkSimModel
import WijkSimReport
import WijkSimTestSupport
import XCTest

/// The public contract example (../shared/examples/contract): every number
/// wijksim writes must equal the expected files within 1e-9, joined on the
/// key columns as the example's compare.py does.
final class ContractExampleTests: XCTestCase {
    static let keys: [String: [String]] = [
        "trajectories.csv": ["variant", "wijk", "indicator", "year"],
        "gaps.csv": ["variant", "wijk", "indicator"],
        "costs.csv": ["variant", "intervention", "year"],
        "variants.csv": ["variant"],
    ]

    func testBasisMatchesTheExpectedFiles() throws { try check("basis") }
    func testAanpakMatchesTheExpectedFiles() throws { try check("aanpak") }

    func check(_ name: String) throws {
        guard let example = TestPaths.contractExample else { throw XCTSkip("../shared/examples/contract is not here") }
        let loaded = try ScenarioLoader.load("\(example)/scenarios/\(name).yaml")
        let results = try Engine.run(Plan(scenario: loaded.scenario, city: loaded.city, plugins: loaded.plugins), threads: 2)
        let produced = [
            "trajectories.csv": ResultFiles.trajectories(results),
            "gaps.csv": ResultFiles.gaps(results),
            "costs.csv": ResultFiles.costs(results),
            "variants.csv": ResultFiles.variants(results),
        ]
        var compared = 0
        for (file, keyColumns) in ContractExampleTests.keys {
            let expected = try String(contentsOfFile: "\(example)/expected/\(name)/\(file)", encoding: .utf8)
            compared += try compare(expected: expected, got: produced[file]!, keys: keyColumns, file: file)
        }
        XCTAssertGreaterThan(compared, 800)
    }

    /// Returns how many values matched; records a failure per mismatch.
    func compare(expected: String, got: String, keys: [String], file: String) throws -> Int {
        let want = table(expected, keys: keys), have = table(got, keys: keys)
        var matched = 0
        for (key, row) in want.rows {
            guard let other = have.rows[key] else {
                if file == "costs.csv", Double(row["mean"]!) == 0 { matched += 1; continue }
                XCTFail("\(file) \(key): row missing")
                continue
            }
            for column in want.values {
                let a = row[column] ?? "", b = other[column] ?? ""
                if a.isEmpty || b.isEmpty || Double(a) == nil {
                    XCTAssertEqual(a, b, "\(file) \(key) \(column)")
                } else {
                    XCTAssertTrue(isClose(Double(a)!, Double(b)!), "\(file) \(key) \(column): expected \(a), got \(b)")
                }
                matched += 1
            }
        }
        for key in have.rows.keys where want.rows[key] == nil {
            if file == "costs.csv", Double(have.rows[key]!["mean"]!) == 0 { continue }
            if file == "gaps.csv", key.contains("|city|") { continue }
            XCTFail("\(file) \(key): row only in the output")
        }
        return matched
    }

    func table(_ text: String, keys: [String]) -> (values: [String], rows: [String: [String: String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        var rows: [String: [String: String]] = [:]
        for cells in lines.dropFirst() {
            let row = Dictionary(uniqueKeysWithValues: zip(header, cells))
            let key = "|" + keys.map { k in
                let v = row[k]!
                if let x = Double(v), x == x.rounded() { return String(Int(x)) }
                return v
            }.joined(separator: "|") + "|"
            rows[key] = row
        }
        return (header.filter { !keys.contains($0) }, rows)
    }
}
