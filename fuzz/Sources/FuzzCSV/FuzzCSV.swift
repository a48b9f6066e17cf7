import Foundation
import FuzzSupport
@testable import WijkSimLoad
@testable import WijkSimModel

/// Fuzzes the CSV loader: `CSVTable.parse` on the raw input (both separator
/// modes), then `CityDataLoader.load` on files made from it. An input with a
/// `%%` line is indicators.csv above it and wijken.csv below; without one it
/// is wijken.csv beside a fixed, valid indicators.csv.
let folder = FuzzFolder("fuzz-csv")

let fixedIndicators = """
    id,title,unit,polarity,weight,min,max
    armoede,Armoede,% huishoudens,lower_better,households,0,40
    meedoen,Meedoen,% inwoners,higher_better,population,0,100

    """

@_cdecl("FuzzCSV_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzCSV(data, size) }
}

/// The function under test; libFuzzer's runtime also links against this name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    if let text = String(data: data, encoding: .utf8) {
        for separator in [CSVTable.Separator.comma, .fromHeader] {
            do {
                let table = try CSVTable.parse(text, file: "fuzz.csv", separator: separator)
                for row in table.rows { precondition(row.line >= 1, "row line \(row.line)") }
            } catch {
                FuzzOracle.expectLocated(error)
            }
        }
    }
    let parts = splitParts(data, limit: 2)
    let indicators = folder.write("indicators.csv", parts.count == 2 ? parts[0] : Data(fixedIndicators.utf8))
    let wijken = folder.write("wijken.csv", parts.last!)
    do {
        let city = try CityDataLoader.load(indicators: indicators, wijken: wijken)
        precondition(city.initial.count == city.indicators.count)
        for values in city.initial { precondition(values.count == city.wijken.count && values.allSatisfy(\.isFinite)) }
        for name in city.attributeNames { precondition(city.attributes[name]?.count == city.wijken.count, "attribute \(name)") }
    } catch {
        FuzzOracle.expectLocated(error)
    }
    return 0
}
