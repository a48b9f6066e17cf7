import ArgumentParser
import Foundation
import WijkSimLoad
import WijkSimModel

/// `wijksim data …`: commands that make data files.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Make data files (wijken.csv, indicators.csv) from published sources.",
        subcommands: [ImportCBS.self])
}

extension CBSLevel: ExpressibleByArgument {}

/// `wijksim data import-cbs`: a CBS Kerncijfers Wijken en Buurten export
/// into `wijken.csv` and `indicators.csv` (docs/cbs-import.md).
struct ImportCBS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-cbs",
        abstract: "Turn a CBS Kerncijfers Wijken en Buurten export into wijken.csv and indicators.csv for one gemeente.",
        discussion: """
            FILE is a CSV export of CBS table 85984NED (KWB 2024) or a sibling year, with the CBS column keys \
            (WijkenEnBuurten, Codering_3, AantalInwoners_5, …), separated by ';' or ','. Every wijk or buurt \
            of the gemeente becomes a row. A value CBS leaves out ('.', 'x', -99999999 or empty) is imputed: \
            0 for an attribute, the gemeente's value for an indicator; each imputation is a warning on stderr. \
            See docs/cbs-import.md for what maps to what.
            """)

    @Argument(help: "The CBS export (CSV).")
    var file: String

    @Option(help: "The gemeente's CBS code, e.g. GM0014 for Groningen.")
    var gemeente: String

    @Option(help: "Which regions become rows.")
    var level: CBSLevel = .wijk

    @Option(help: "The wijken.csv to write (an earlier import is replaced; a file of yours is never overwritten).")
    var out: String

    @Option(help: "The indicators.csv to write (default: indicators.csv beside --out).")
    var indicators: String?

    func validate() throws {
        if CBSRegionCode(gemeente)?.kind != .gemeente {
            throw ValidationError("--gemeente: \"\(gemeente)\" is not a CBS gemeente code (expected GM and four digits, e.g. GM0014)")
        }
    }

    var indicatorsFile: String {
        indicators ?? ((out as NSString).deletingLastPathComponent as NSString).appendingPathComponent("indicators.csv")
    }

    func run() throws {
        let result = try CBSImport(file: file, gemeente: CBSRegionCode(gemeente)!, level: level).convert()
        for warning in result.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        let replaced = try result.write(wijken: out, indicators: indicatorsFile)
        for file in replaced { print("replaced the earlier import \(DisplayPath.of(file))") }
        let rows = "\(result.wijken.count) \(result.wijken.count == 1 ? level.rawValue : level.plural)"
        print("\(DisplayPath.of(out)): \(rows) of \(result.gemeenteLabel); "
              + "attributes \(list(result.attributes.map(\.name)))")
        print("\(DisplayPath.of(indicatorsFile)): indicators \(list(result.indicators.map(\.id)))")
        if result.imputed > 0 {
            print("\(result.imputed) missing value\(result.imputed == 1 ? "" : "s") imputed (see the warnings)")
        }
    }

    func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }
}
