import Foundation
import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// The shipped Groningen data (`scenarios/data/groningen`) against what is
/// published: the rows are the whole city (CBS 2024 totals), the weighted city
/// averages are the anchors in `sources.csv`, every value has a source, and
/// the per-wijk estimates respect the published orderings of EVIDENCE.md §1.3.
/// These are the checks of `check_data.py`, so that `swift test` guards them.
final class GroningenDataTests: XCTestCase {
    static let folder = "scenarios/data/groningen"
    static let cityRow = "Gemeente Groningen"
    /// Indicator values carry one decimal, so a weighted average may be off by half of it.
    static let rounding = 0.05 + 1e-9

    var city: CityData!
    var sources: [GroningenSourceRow]!

    override func setUpWithError() throws {
        city = try CityDataLoader.load(indicators: TestPaths.repo("\(Self.folder)/indicators.csv"),
                                       wijken: TestPaths.repo("\(Self.folder)/wijken.csv"))
        sources = try GroningenSourceRow.read(TestPaths.repo("\(Self.folder)/sources.csv"))
    }

    // MARK: - The rows are the whole city

    func testPopulationAndDwellingsAddUpToTheCBS2024Totals() {
        // CBS Kerncijfers Wijken en Buurten 2024 (85984NED), gemeente GM0014.
        XCTAssertEqual(city.attributes["population"]!.reduce(0, +), 243_768)
        XCTAssertEqual(city.attributes["dwellings"]!.reduce(0, +), 124_258)
    }

    func testEveryProgrammeWijkIsARowAndTheGebiedenAreTheMunicipalSeven() {
        for wijk in ["Selwerd", "Paddepoel", "Vinkhuizen", "Tuinwijk", "Professorenbuurt", "De Hoogte",
                     "Indische Buurt", "Oosterparkwijk", "Beijum", "Lewenborg", "De Wijert", "Ten Boer"] {
            XCTAssertTrue(city.wijken.contains(wijk), "wijk \(wijk) missing")
        }
        XCTAssertEqual(Set(city.wijken).count, city.wijken.count, "wijk names are not unique")
        XCTAssertEqual(Set(city.gebieden), ["Centrum", "Oude Wijken", "Zuid", "West", "Oost", "Haren", "Ten Boer"])
    }

    func testAttributesArePositiveCountsAndIndicatorsLieInTheirRange() {
        for name in ["households", "population", "youth", "pupils", "dwellings", "youth_12_24", "labour_force"] {
            for (w, value) in city.attributes[name]!.enumerated() {
                XCTAssertTrue(value > 0 && value == value.rounded(), "\(city.wijken[w]).\(name) = \(value)")
            }
        }
        for (i, indicator) in city.indicators.enumerated() {
            for (w, value) in city.initial[i].enumerated() {
                XCTAssertTrue((indicator.min...indicator.max).contains(value), "\(city.wijken[w]).\(indicator.id) = \(value)")
            }
        }
    }

    // MARK: - City averages and sources

    func testWeightedCityAveragesEqualTheAnchorsOfSourcesCSV() throws {
        XCTAssertEqual(city.indicators.count, 10)
        for (i, indicator) in city.indicators.enumerated() {
            let anchor = try XCTUnwrap(sources.first { $0.wijk == Self.cityRow && $0.column == indicator.id },
                                       "no anchor row for \(indicator.id)")
            XCTAssertEqual(cityAverage(i), anchor.value, accuracy: Self.rounding, indicator.id)
        }
        // The three anchors that are published city figures, not estimates.
        XCTAssertEqual(cityAverage("minimahuishoudens"), 16.7, accuracy: Self.rounding)   // OIS Armoedemonitor 2022
        XCTAssertEqual(cityAverage("werkloosheid"), 8.6, accuracy: Self.rounding)         // Basismonitor, 2022
        XCTAssertEqual(cityAverage("onveiligheidsgevoel"), 15, accuracy: Self.rounding)   // noorderbreedte 2022
    }

    func testEveryNumericValueOfWijkenCSVHasOneSourceRowWithTheSameValue() {
        var rows: [String: [GroningenSourceRow]] = [:]
        for row in sources { rows["\(row.wijk)|\(row.column)", default: []].append(row) }
        let columns = city.attributeNames + city.indicators.map(\.id)
        for (w, wijk) in city.wijken.enumerated() {
            for column in columns {
                let found = rows["\(wijk)|\(column)"] ?? []
                guard found.count == 1, let row = found.first else {
                    XCTFail("\(found.count) source rows for \(wijk).\(column), expected 1")
                    continue
                }
                XCTAssertEqual(row.value, city.column(column)![w], accuracy: 1e-9, "\(wijk).\(column)")
            }
        }
        XCTAssertEqual(sources.count, city.wijken.count * columns.count + city.indicators.count,
                       "sources.csv: one row per value plus one anchor per indicator")
    }

    func testEverySourceRowNamesItsKindAndAnEstimateSaysHowItWasMade() {
        let known = Set(city.wijken + [Self.cityRow])
        let columns = Set(city.attributeNames + city.indicators.map(\.id))
        for row in sources {
            let key = "\(row.wijk).\(row.column)"
            XCTAssertTrue(known.contains(row.wijk), "\(key): unknown wijk")
            XCTAssertTrue(columns.contains(row.column), "\(key): unknown column")
            XCTAssertTrue(["bron", "schatting"].contains(row.kind), "\(key): kind \(row.kind)")
            XCTAssertGreaterThan(row.source.trimmingCharacters(in: .whitespaces).count, 20, "\(key): source text missing")
            if row.kind == "schatting" && row.wijk != Self.cityRow {
                XCTAssertTrue(row.source.hasPrefix("schatting"), "\(key): an estimate must say 'schatting: ...' and how")
            }
        }
    }

    // MARK: - Published orderings (EVIDENCE.md §1.3)

    func testKompasRedWijkenAreWorseThanTheCityOnEveryIndicator() {
        // Basismonitor 2016 kompas: "rood op alle fronten".
        for wijk in ["De Hoogte", "Indische Buurt", "Selwerd"] {
            for indicator in city.indicators {
                XCTAssertGreaterThan(gap(wijk, indicator.id), 0, "\(wijk) not worse than the city on \(indicator.id)")
            }
        }
    }

    func testKompasOrderingOfRedAttentionAndImprovedWijken() {
        let red = ["De Hoogte", "Indische Buurt", "Selwerd"]
        let attention = ["Oosterparkwijk", "Vinkhuizen", "Paddepoel", "Beijum", "Lewenborg"]
        let score = compositeDeprivation()
        XCTAssertGreaterThan(red.map { score[$0]! }.min()!, attention.map { score[$0]! }.max()!,
                             "a 'rood' wijk is not worse than every 'aandacht' wijk")
        for wijk in attention {
            XCTAssertGreaterThan(score[wijk]!, 0, "\(wijk) ('aandacht nodig') is not worse than the city")
        }
        // Tuinwijk and De Wijert improved after renewal; wijkkompas: Tuinwijk 105
        // against Paddepoel 97, Selwerd 93 and Vinkhuizen 92.
        for wijk in ["Tuinwijk", "De Wijert"] {
            XCTAssertLessThan(score[wijk]!, attention.map { score[$0]! }.min()!, "\(wijk) not better than every 'aandacht' wijk")
        }
        for wijk in ["Paddepoel", "Selwerd", "Vinkhuizen"] {
            XCTAssertLessThan(score["Tuinwijk"]!, score[wijk]!, "Tuinwijk not better than \(wijk)")
        }
        // Wijkkompas: Tuinwijk 105 (city = 100) is better than the city; Binnenstad
        // is "aandacht nodig" in the 2016 kompas, so worse than the city.
        XCTAssertLessThan(score["Tuinwijk"]!, 0, "Tuinwijk (wijkkompas 105) not better than the city")
        XCTAssertGreaterThan(score["Binnenstad"]!, 0, "Binnenstad ('aandacht nodig') not worse than the city")
    }

    func testEveryIndicatorIsWeightedByItsDenominator() {
        // jeugdcriminaliteit is per 1000 12-24-year-olds, werkloosheid a % of the labour force.
        func weight(_ id: String) -> String { city.indicators[city.indicatorIndex(id)!].weight }
        XCTAssertEqual(weight("jeugdcriminaliteit"), "youth_12_24")
        XCTAssertEqual(weight("werkloosheid"), "labour_force")
        XCTAssertEqual(weight("minimahuishoudens"), "households")
        XCTAssertEqual(weight("onderwijsachterstand"), "pupils")
    }

    func testMinimaAreConsiderablyHigherInTheArmoedemonitorWijken() {
        // OIS Armoedemonitor 2022: "aanzienlijk hoger dan gemiddeld", here at least 1.3 x the city.
        let cityShare = cityAverage("minimahuishoudens")
        for wijk in ["De Hoogte", "Indische Buurt", "Selwerd", "Paddepoel", "Oosterparkwijk"] {
            XCTAssertGreaterThanOrEqual(value(wijk, "minimahuishoudens"), 1.3 * cityShare, wijk)
        }
    }

    func testLowestSocialCohesionIsInTheStadsmonitorWijken() {
        // Stadsmonitor 2012: Paddepoel, Selwerd, Indische Buurt, De Hoogte and Centrum (here Binnenstad).
        let expected: Set = ["Paddepoel", "Selwerd", "Indische Buurt", "De Hoogte", "Binnenstad"]
        let lowest = city.wijken.sorted { value($0, "sociale_cohesie") < value($1, "sociale_cohesie") }.prefix(expected.count)
        XCTAssertEqual(Set(lowest), expected)
    }

    func testUnsafetyAndSocialRentAreAboveTheCityWhereReported() {
        // Graffiti and unsafety seen more often, or worsening (Enquete Leefbaarheid 2020, wethouder 2020).
        for wijk in ["Selwerd", "De Wijert", "Beijum", "De Hoogte", "Paddepoel", "Lewenborg"] {
            XCTAssertGreaterThan(value(wijk, "onveiligheidsgevoel"), cityAverage("onveiligheidsgevoel"), wijk)
        }
        XCTAssertEqual(value("Paddepoel", "onveiligheidsgevoel"), 31)   // the one published per-wijk figure
        // Begroting 2022 gebied West: a relatively large social-rent stock.
        for wijk in ["Selwerd", "Paddepoel", "Vinkhuizen"] {
            XCTAssertGreaterThan(value(wijk, "goedkope_sociale_huur"), cityAverage("goedkope_sociale_huur"), wijk)
        }
    }

    // MARK: - Helpers

    func value(_ wijk: String, _ id: String) -> Double {
        city.initial[city.indicatorIndex(id)!][city.wijken.firstIndex(of: wijk)!]
    }

    func cityAverage(_ i: Int) -> Double {
        let weights = city.weights(ofIndicator: i)
        return zip(city.initial[i], weights).map(*).reduce(0, +) / weights.reduce(0, +)
    }

    func cityAverage(_ id: String) -> Double { cityAverage(city.indicatorIndex(id)!) }

    /// Distance to the city average, positive where the wijk is worse.
    func gap(_ wijk: String, _ id: String) -> Double {
        let i = city.indicatorIndex(id)!
        let difference = value(wijk, id) - cityAverage(i)
        return city.indicators[i].polarity == .lowerBetter ? difference : -difference
    }

    /// Mean over the indicators of the gap in weighted standard deviations
    /// (positive = worse than the city), as in check_data.py.
    func compositeDeprivation() -> [String: Double] {
        var score: [String: Double] = [:]
        let spread = city.indicators.indices.map { i -> Double in
            let weights = city.weights(ofIndicator: i), mean = cityAverage(i)
            let variance = zip(city.initial[i], weights).map { ($0 - mean) * ($0 - mean) * $1 }.reduce(0, +)
            return (variance / weights.reduce(0, +)).squareRoot()
        }
        for wijk in city.wijken {
            let z = city.indicators.indices.map { gap(wijk, city.indicators[$0].id) / spread[$0] }
            score[wijk] = z.reduce(0, +) / Double(z.count)
        }
        return score
    }
}

/// One row of `sources.csv`: `wijk,column,value,kind,source`.
struct GroningenSourceRow {
    var wijk: String
    var column: String
    var value: Double
    var kind: String
    var source: String

    static func read(_ file: String) throws -> [GroningenSourceRow] {
        let records = parseCSV(try String(contentsOfFile: file, encoding: .utf8))
        guard records.first == ["wijk", "column", "value", "kind", "source"] else {
            throw SourcesError.header(records.first ?? [])
        }
        return try records.dropFirst().enumerated().map { index, cells in
            guard cells.count == 5, let value = Double(cells[2]) else { throw SourcesError.row(index + 2, cells) }
            return GroningenSourceRow(wijk: cells[0], column: cells[1], value: value, kind: cells[3], source: cells[4])
        }
    }

    enum SourcesError: Error {
        case header([String])
        case row(Int, [String])
    }

    /// RFC 4180: fields separated by commas, optionally quoted, `""` inside quotes.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = ""
        var quoted = false, atFieldStart = true
        var characters = text.makeIterator()
        while let c = characters.next() {
            if quoted {
                if c == "\"" {
                    // A quote ends the field unless another follows; the character after
                    // a closing quote is then handled as an unquoted one.
                    guard let next = characters.next() else { quoted = false; break }
                    if next == "\"" { field.append("\""); continue }
                    quoted = false
                    if next == "," { fields.append(field); field = ""; atFieldStart = true }
                    else if next == "\n" || next == "\r\n" { fields.append(field); records.append(fields); fields = []; field = ""; atFieldStart = true }
                    else { field.append(next) }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && atFieldStart {
                quoted = true; atFieldStart = false
            } else if c == "," {
                fields.append(field); field = ""; atFieldStart = true
            } else if c == "\n" || c == "\r\n" {
                fields.append(field); records.append(fields); fields = []; field = ""; atFieldStart = true
            } else {
                field.append(c); atFieldStart = false
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append(fields) }
        return records
    }
}
