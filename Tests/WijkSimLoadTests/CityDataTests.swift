import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// CONTRACT §1: both CSV files validated, with file, line and column.
final class CityDataTests: XCTestCase {
    func load(indicators: String = MiniCity.indicators, wijken: String = MiniCity.wijken) throws -> CityData {
        let city = MiniCity(indicators: indicators, wijken: wijken)
        return try CityDataLoader.load(indicators: city.path + "/data/indicators.csv", wijken: city.path + "/data/wijken.csv")
    }

    func problems(indicators: String = MiniCity.indicators, wijken: String = MiniCity.wijken) -> [String] {
        let city = MiniCity(indicators: indicators, wijken: wijken)
        do {
            _ = try CityDataLoader.load(indicators: city.path + "/data/indicators.csv", wijken: city.path + "/data/wijken.csv")
            XCTFail("expected bad input")
        } catch let error as BadInput {
            return error.diagnostics.map { d in
                d.description.replacingOccurrences(of: city.path + "/data/", with: "")
            }
        } catch { XCTFail("\(error)") }
        return []
    }

    func testValidDataIsReadColumnWise() throws {
        let city = try load()
        XCTAssertEqual(city.indicators.map(\.id), ["armoede", "meedoen"])
        XCTAssertEqual(city.indicators[1].polarity, .higherBetter)
        XCTAssertEqual(city.wijken, ["Noord", "Oost", "Zuid"])
        XCTAssertEqual(city.gebieden, ["Boven", "Boven", "Beneden"])
        XCTAssertEqual(city.attributeNames, ["households", "population", "dwellings"])
        XCTAssertEqual(city.attributes["dwellings"], [120, 280, 500])
        XCTAssertEqual(city.initial, [[20, 10, 5], [50, 70, 80]])
        XCTAssertEqual(city.weights(ofIndicator: 1), [300, 100, 600])
    }

    func testIndicatorRowsAreCheckedCellByCell() {
        let found = problems(indicators: """
            id,title,unit,polarity,weight,min,max
            Armoede,A,%,lower_better,households,0,40
            meedoen,M,%,beter,population,100,0
            armoede2,A,%,lower_better,households,nul,40

            """)
        XCTAssertEqual(found, [
            "indicators.csv:2: column id: \"Armoede\" is not a valid id (expected [a-z][a-z0-9_]*)",
            "indicators.csv:3: column polarity: \"beter\" is not a polarity (expected lower_better or higher_better)",
            "indicators.csv:3: column min: min 100 is above max 0",
            "indicators.csv:4: column min: \"nul\" is not a number",
        ])
    }

    func testMissingIndicatorColumnsAreNamed() {
        XCTAssertEqual(problems(indicators: "id,title,unit\narmoede,A,%\n"),
                       ["indicators.csv:1: missing columns polarity, weight, min, max; expected the header id,title,unit,polarity,weight,min,max"])
    }

    func testWijkRowsAreCheckedCellByCell() {
        let found = problems(wijken: """
            wijk,gebied,households,population,dwellings,armoede,meedoen
            Noord,Boven,100,300,120,20,50
            Noord,Boven,300,100,280,10,veel
            Zuid,Beneden,600,600,500,50,80

            """)
        XCTAssertEqual(found, [
            "wijken.csv:3: column wijk: wijk \"Noord\" appears twice",
            "wijken.csv:3: column meedoen: \"veel\" is not a number",
            "wijken.csv:4: column armoede: 50 is outside the indicator's range [0, 40]",
        ])
    }

    func testEveryIndicatorNeedsAColumnAndItsWeightColumn() {
        let found = problems(indicators: """
            id,title,unit,polarity,weight,min,max
            armoede,A,%,lower_better,huishoudens,0,40
            onveilig,O,%,lower_better,population,0,100

            """)
        XCTAssertEqual(found, [
            "wijken.csv:1: no column \"huishoudens\", the weight of indicator \"armoede\"",
            "wijken.csv:1: no column for indicator \"onveilig\" (every indicator of indicators.csv needs its value at years.from)",
        ])
    }

    func testQuotedCellsAndCRLFLineEndingsAreRead() throws {
        let city = try load(wijken: "wijk,gebied,households,population,dwellings,armoede,meedoen\r\n\"Noord, oud\",\"Boven\",100,300,120,20,50\r\nZuid,Beneden,600,600,500,5,80\r\n")
        XCTAssertEqual(city.wijken, ["Noord, oud", "Zuid"])
    }
}
