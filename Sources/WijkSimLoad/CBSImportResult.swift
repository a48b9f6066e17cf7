import Foundation
import WijkSimFiles
import WijkSimModel

/// What `CBSImport` made of a CBS export: the rows, columns and indicators
/// of the two data files (CONTRACT §1), the warnings about imputed values,
/// and the files' text.
package struct CBSImportResult: Equatable {
    /// A numeric column of `wijken.csv`: one value per row.
    package struct Column: Equatable {
        package var name: String
        package var values: [Double]
    }

    package var gemeente: CBSRegionCode
    package var gemeenteName: String
    package var level: CBSLevel
    /// The CBS code of each row (not written: `wijken.csv` has no text columns beyond wijk and gebied).
    package var codes: [CBSRegionCode]
    package var wijken: [String]
    package var gebieden: [String]
    package var attributes: [Column]
    package var indicators: [Indicator]
    /// `indicatorValues[i]` holds indicator i's values, in row order.
    package var indicatorValues: [Column]
    /// Imputed values and other things the user should check, each at its CSV row and column.
    package var warnings: [Diagnostic]
    /// How many cells were imputed.
    package var imputed: Int

    /// `GM0014 (Groningen)`, or the code alone where the file names no gemeente.
    package var gemeenteLabel: String {
        gemeenteName == gemeente.description ? gemeenteName : "\(gemeente) (\(gemeenteName))"
    }

    package func column(_ name: String) -> [Double]? {
        (attributes + indicatorValues).first { $0.name == name }?.values
    }

    package var wijkenCSV: String {
        let columns = attributes + indicatorValues
        var csv = CSVText(header: ["wijk", "gebied"] + columns.map(\.name))
        for row in wijken.indices {
            csv.append([wijken[row], gebieden[row]] + columns.map { $0.values[row].shortText })
        }
        return csv.text
    }

    package var indicatorsCSV: String {
        var csv = CSVText(header: CityDataLoader.indicatorColumns)
        for i in indicators {
            csv.append([i.id, i.title, i.unit, i.polarity.rawValue, i.weight, i.min.shortText, i.max.shortText])
        }
        return csv.text
    }

    /// Writes both files, each replaced atomically, after checking that they
    /// load as wijksim data; a failure before the renames touches neither
    /// file, and a file wijksim did not write is never replaced. Returns the
    /// files that held an earlier import and were replaced.
    @discardableResult
    package func write(wijken wijkenFile: String, indicators indicatorsFile: String) throws -> [String] {
        try OutputFiles.write([(wijkenFile, wijkenCSV), (indicatorsFile, indicatorsCSV)], command: "data import-cbs") { staged in
            if indicators.isEmpty {
                _ = try CityDataLoader.loadWijken(staged[0], indicators: [], indicatorsFile: staged[1])
            } else {
                _ = try CityDataLoader.load(indicators: staged[1], wijken: staged[0])
            }
        }
    }
}
