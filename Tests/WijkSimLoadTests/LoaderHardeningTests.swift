import Foundation
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// Inputs that crashed or misled the loaders, found by fuzz/ (see
/// fuzz/README.md) and by the sandbox tests: each must now be `BadInput`
/// naming the file and, where it applies, the line and column.
final class LoaderHardeningTests: XCTestCase {
    func problems(indicators: String = MiniCity.indicators, wijken: String) -> [String] {
        let city = MiniCity(indicators: indicators, wijken: wijken)
        do {
            _ = try CityDataLoader.load(indicators: city.path + "/data/indicators.csv", wijken: city.path + "/data/wijken.csv")
            XCTFail("expected bad input")
        } catch let error as BadInput {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: city.path + "/data/", with: "") }
        } catch {
            XCTFail("expected BadInput, got \(error)")
        }
        return []
    }

    /// FuzzCSV (a seed of its corpus): a repeated indicator column made the
    /// loader read two values per wijk and index past the last row.
    func testRepeatedIndicatorColumnIsReportedNotACrash() {
        let found = problems(wijken: """
            wijk,gebied,households,population,armoede,armoede,meedoen
            Noord,Boven,100,300,20,50,50

            """)
        XCTAssertEqual(found, ["wijken.csv:1: column \"armoede\" appears twice"])
    }

    func testRepeatedAttributeColumnIsReportedOnce() {
        let found = problems(wijken: """
            wijk,gebied,households,households,population,armoede,meedoen
            Noord,Boven,100,-5,300,20,50
            Oost,Boven,300,7,100,10,70

            """)
        XCTAssertEqual(found, ["wijken.csv:1: column \"households\" appears twice"])
    }

    /// A row with the wrong number of cells is skipped; a value out of range
    /// in a later row must be located at that later row, not at the skipped one.
    func testValueOutOfRangeIsLocatedAtItsOwnRowAfterASkippedRow() {
        let found = problems(wijken: """
            wijk,gebied,households,population,dwellings,armoede,meedoen
            Noord,Boven,100,300
            Oost,Boven,300,100,280,10,70
            Zuid,Beneden,600,600,500,55,80

            """)
        XCTAssertEqual(found, [
            "wijken.csv:2: expected 7 cells, found 4",
            "wijken.csv:4: column armoede: 55 is outside the indicator's range [0, 40]",
        ])
    }

    /// A real precompiled chunk (bytes that are not UTF-8) was reported as
    /// "cannot read the plugin as UTF-8 text"; it is now called what it is.
    func testPrecompiledPluginThatIsNotUTF8IsCalledBinary() throws {
        let folder = ScratchFolder()
        folder.write("plugins/bin.lua", "")
        let file = folder.path + "/plugins/bin.lua"
        // The header of a Lua 5.4 chunk: ESC "Lua", version 0x54, format 0,
        // then LUAC_DATA with 0x93, which is not valid UTF-8.
        let header: [UInt8] = [0x1B, 0x4C, 0x75, 0x61, 0x54, 0x00, 0x19, 0x93, 0x0D, 0x0A, 0x1A, 0x0A, 0x04, 0x08, 0x08]
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data(header)))
        do {
            _ = try PluginCatalog(path: [folder.path + "/plugins"]).read(file: file)
            XCTFail("a binary chunk was read")
        } catch let bad as BadInput {
            XCTAssertEqual(bad.diagnostics.count, 1)
            XCTAssertEqual(bad.diagnostics.first?.location?.file, file)
            XCTAssertTrue(bad.description.contains("binary (precompiled) chunks are not allowed"), bad.description)
        }
        // Text that is not UTF-8 is still called that.
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data([0x2D, 0x2D, 0xFF, 0x0A])))
        do {
            _ = try PluginCatalog(path: [folder.path + "/plugins"]).read(file: file)
            XCTFail("invalid UTF-8 was read")
        } catch let bad as BadInput {
            XCTAssertTrue(bad.description.contains("UTF-8"), bad.description)
        }
    }

    // MARK: Scenarios too large to run

    /// The rendered problems of loading a MiniCity scenario with `body`.
    func scenarioProblems(_ body: String, header: Bool = true) -> [String] {
        let city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let file = city.scenario("groot", body, header: header)
        do {
            _ = try ScenarioLoader.load(file)
            XCTFail("expected bad input")
        } catch let error as BadInput {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: city.path + "/", with: "") }
        } catch {
            XCTFail("expected BadInput, got \(error)")
        }
        return []
    }

    /// Years from Int.min to Int.max passed the loader and overflowed the
    /// plan (SIGILL); 2022 → 2,000,000,000 made it allocate until it died.
    func testYearSpansBeyondWhatCanRunAreBadInput() {
        for (years, line) in [("{from: -9223372036854775808, to: 9223372036854775807}", 2), ("{from: 2022, to: 2000000000}", 2)] {
            let found = scenarioProblems("name: groot\nyears: \(years)\ndata: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}\n", header: false)
            XCTAssertEqual(found, ["scenarios/groot.yaml:\(line): years.to: years.from..years.to spans more than 1000 years; that is more than wijksim can simulate"])
        }
        let city = MiniCity()
        let file = city.scenario("lang", "name: lang\nyears: {from: 2000, to: 3000}\ndata: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}\n", header: false)
        XCTAssertNoThrow(try ScenarioLoader.load(file), "1000 years is allowed")
    }

    /// draws: Int.max passed the loader; `run` overflowed variants × draws (SIGILL).
    func testDrawsBeyondWhatCanRunAreBadInput() {
        let found = scenarioProblems("draws: 9223372036854775807\n")
        XCTAssertEqual(found, ["scenarios/groot.yaml:4: draws: draws 9223372036854775807 is more than the 100000000 a run can hold"])
    }

    /// A 3 kB sweep of 4 axes × 256 values (2^32 variants) made `check` and
    /// `run` allocate 32 GB and abort; 8 such axes overflowed the variant
    /// count (SIGILL).
    func testSweepGridsBeyondWhatCanRunAreBadInput() {
        let values = "[" + (0..<256).map { String(Double($0) / 256) }.joined(separator: ", ") + "]"
        let found = scenarioProblems("""
            interventions:
              - {name: a, plugin: effect}
              - {name: b, plugin: effect}
            sweep:
              a.delta: \(values)
              a.cost: \(values)
              b.delta: \(values)
              b.cost: \(values)

            """)
        XCTAssertEqual(found, ["scenarios/groot.yaml:8: sweep: the sweep makes 256 × 256 × 256 × 256 variants, more than the 1000000 a run can hold; sweep fewer values or split the scenario"])
    }

    /// Within the limits above, variants × draws × wijken can still overflow
    /// when wijken.csv is very long (here 1,000,000 × 100,000,000 × 92,234).
    /// Writing this test also found that a wijken.csv of 92,234 rows took
    /// over three minutes to load (a quadratic duplicate check); now ~1 s.
    func testLaneCountThatWouldOverflowIsBadInput() {
        let rows = (0..<92_234).map { "W\($0),Boven,100,300,120,20,50" }.joined(separator: "\n")
        let city = MiniCity(wijken: "wijk,gebied,households,population,dwellings,armoede,meedoen\n" + rows + "\n")
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        let values = "[" + (0..<1000).map { String(Double($0) / 1000) }.joined(separator: ", ") + "]"
        let file = city.scenario("breed", """
            draws: 100000000
            interventions: [{name: a, plugin: effect}]
            sweep: {a.delta: \(values), a.cost: \(values)}

            """)
        do {
            _ = try ScenarioLoader.load(file)
            XCTFail("expected bad input")
        } catch let error as BadInput {
            XCTAssertEqual(error.diagnostics.map(\.description), [
                "\(DisplayPath.of(file)):1: 1000000 variants × 100000000 draws × 92234 wijken is more lanes than a run can hold",
            ])
        } catch {
            XCTFail("expected BadInput, got \(error)")
        }
    }

    // MARK: Every problem once, with the nearest name

    /// A funding source whose fields are wrong was left out of the known
    /// names, so a reference to it was also reported as unknown, with "the
    /// scenario's funding defines none" and no suggestion.
    func testReferenceToAFundingWithBadFieldsIsNotAlsoUnknown() {
        let found = scenarioProblems("""
            interventions:
              - {plugin: effect, funding: fonds}
              - {plugin: effect, funding: fons}
            funding:
              fonds: {budget: 10, from: 2020}

            """)
        XCTAssertEqual(found, [
            "scenarios/groot.yaml:8: funding.fonds: funding fonds needs \"to\"",
            "scenarios/groot.yaml:6: interventions[1].funding: unknown funding \"fons\" (did you mean \"fonds\"?); the scenario's funding defines fonds",
        ])
    }
}
