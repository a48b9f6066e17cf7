import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// A StatLine-style export of CBS 85984NED (KWB 2024): `;`-separated,
/// every cell quoted, codes and names padded with spaces.
///
/// The gemeente and wijk rows of GM0014 carry the real CBS figures of
/// the CBS KWB 2024 export for Groningen (table 85984NED) in AantalInwoners_5, Mannen_6,
/// Vrouwen_7, Woningvoorraad_35 and OppervlakteLand_123. Every other value
/// is a TEST VALUE (plausible, not a CBS figure), as are the three buurt
/// rows and gemeente GM0034. Missing markers as CBS writes them: WK001405
/// has `x` for corporation dwellings, WK001413 `.` for households and
/// minima, WK001416 -99999999 for bijstand, WK001419 an empty participation
/// cell; WK001402 writes its minima share with a decimal comma.
enum CBSFixture {
    static let header = ["ID", "WijkenEnBuurten", "Gemeentenaam_1", "SoortRegio_2", "Codering_3",
                         "AantalInwoners_5", "Mannen_6", "Vrouwen_7", "Woningvoorraad_35", "OppervlakteLand_123",
                         "k_15Tot25Jaar_9", "HuishoudensTotaal_29", "InBezitWoningcorporatie_49", "LeerlingenPo_70",
                         "Nettoarbeidsparticipatie_78", "HuishoudensTot110VanSociaalMinimum_91",
                         "PersonenPerSoortUitkeringBijstand_94"]

    /// code, gemeente name, real CBS figures (inhabitants; men; women; dwellings; land ha), test values
    /// (15-25 jaar; households; % corporation; pupils po; % participation; % tot 110% minimum; bijstand).
    static let rows: [(code: String, gemeente: String, real: String, test: String)] = [
        ("GM0014", "Groningen", "243768;120912;122856;124258;18553", "55850;116345;31.4;15370;63.9;14.9;7170"),
        ("WK001400", "Groningen", "24920;12845;12070;13809;228", "6270;12765;41.4;1490;68.2;9.2;530"),
        ("WK001401", "Groningen", "22200;10900;11300;11935;406", "6665;11085;23.2;1780;65.7;9.8;830"),
        ("WK001402", "Groningen", "14600;7095;7500;7769;112", "3690;7095;40.0;675;60.7;8,6;300"),
        ("WK001403", "Groningen", "19120;9440;9685;10835;178", "6035;10100;54.6;1185;65.3;23.6;850"),
        ("WK001404", "Groningen", "12970;6385;6585;7766;149", "1845;7355;39.3;635;56.6;23.6;460"),
        ("WK001405", "Groningen", "3525;1880;1645;1812;942", "560;1695;x;280;63.5;8.9;180"),
        ("WK001406", "Groningen", "19725;9780;9945;10448;434", "2720;9640;13.2;1520;56.9;17.0;290"),
        ("WK001407", "Groningen", "10740;5280;5460;6096;379", "2320;5820;35.0;675;63.2;15.3;430"),
        ("WK001408", "Groningen", "11335;5645;5700;4798;1296", "1575;4500;22.2;945;71.0;8.3;190"),
        ("WK001409", "Groningen", "19570;9745;9825;9024;818", "5100;8535;12.8;1475;71.0;15.0;540"),
        ("WK001410", "Groningen", "19600;9625;9975;10285;496", "4585;10030;23.3;1080;58.2;18.9;660"),
        ("WK001411", "Groningen", "15580;7870;7715;7634;1050", "2670;7105;13.5;865;71.7;18.1;380"),
        ("WK001412", "Groningen", "16160;7945;8215;7521;753", "4965;6985;22.8;675;57.5;10.8;350"),
        ("WK001413", "Groningen", "1075;545;530;447;653", "315;.;22.7;75;70.6;.;50"),
        ("WK001414", "Groningen", "4390;2230;2160;1311;1600", "850;1240;37.6;380;67.9;16.7;230"),
        ("WK001415", "Groningen", "5850;2925;2920;2615;2940", "1130;2435;53.3;395;68.1;13.0;330"),
        ("WK001416", "Groningen", "1320;690;630;701;1591", "320;645;52.1;85;60.8;12.0;-99999999"),
        ("WK001417", "Groningen", "13400;6380;7020;6113;1409", "2145;5840;18.0;710;62.6;17.3;390"),
        ("WK001418", "Groningen", "5025;2430;2600;2214;453", "1390;2040;27.8;310;57.2;11.2;90"),
        ("WK001419", "Groningen", "2645;1285;1360;1125;2665", "700;1025;40.7;135;;19.5;70"),
        // Test rows only from here on.
        ("BU00140000", "Groningen", "1200;600;600;850;20", "300;800;45.0;60;61.0;20.1;40"),
        ("BU00140001", "Groningen", "0;0;0;12;15", "0;0;.;0;.;.;0"),
        ("BU00141100", "Groningen", "2300;1150;1150;1050;90", "400;1000;30.5;150;66.0;12.2;50"),
        ("GM0034", "Almere", "222825;110000;112825;88500;13000", "27000;95000;28.0;22000;70.1;12.0;6500"),
        ("WK003400", "Almere", "222825;110000;112825;88500;13000", "27000;95000;28.0;22000;70.1;12.0;6500"),
    ]

    /// The export, with `replacing["CODE/COLUMN"]` written instead of that cell.
    static func export(replacing: [String: String] = [:]) -> String {
        func quoted(_ cell: String) -> String { "\"\(cell)\"" }
        func padded(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        var lines = [header.map(quoted).joined(separator: ";")]
        for (id, row) in rows.enumerated() {
            let kind = ["GM": "Gemeente", "WK": "Wijk", "BU": "Buurt"][String(row.code.prefix(2))]!
            var cells = [String(id), padded(row.code, 10), padded(row.gemeente, 40), padded(kind, 10), padded(row.code, 10)]
            cells += (row.real + ";" + row.test).split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            for (column, name) in header.enumerated() {
                if let replacement = replacing["\(row.code)/\(name)"] { cells[column] = replacement }
            }
            lines.append(cells.map(quoted).joined(separator: ";"))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// `wijksim data import-cbs` (issue 4, point 4; docs/cbs-import.md).
final class CBSImportTests: XCTestCase {
    let scratch = ScratchFolder()

    func convert(_ text: String = CBSFixture.export(), gemeente: String = "GM0014", level: CBSLevel = .wijk) throws -> CBSImportResult {
        let file = scratch.write("kwb.csv", text)
        return try CBSImport(file: file, gemeente: CBSRegionCode(gemeente)!, level: level).convert()
    }

    /// The messages as a user reads them, with the scratch folder left out.
    func messages(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { $0.description.replacingOccurrences(of: scratch.path + "/", with: "") }
    }

    func problems(_ text: String, gemeente: String = "GM0014", level: CBSLevel = .wijk) -> [String] {
        do {
            _ = try convert(text, gemeente: gemeente, level: level)
            XCTFail("expected bad input")
        } catch let error as BadInput {
            return messages(error.diagnostics)
        } catch { XCTFail("\(error)") }
        return []
    }

    func testWijkRowsCarryTheShippedCBSFigures() throws {
        let result = try convert()
        XCTAssertEqual(result.wijken, (0...19).map { String(format: "WK0014%02d", $0) })
        XCTAssertEqual(Set(result.gebieden), ["Groningen"])
        XCTAssertEqual(result.gemeenteLabel, "GM0014 (Groningen)")
        XCTAssertEqual(result.attributes.map(\.name), ["population", "households", "dwellings", "youth", "pupils"])
        // CBS rounds a wijk's inhabitants to a multiple of 5: they add up to 243,750 of the gemeente's 243,768.
        XCTAssertEqual(result.column("population")?.reduce(0, +), 243_750)
        XCTAssertEqual(result.column("dwellings")?.reduce(0, +), 124_258, "the wijken's dwellings add up to the gemeente's")
        let w04 = result.wijken.firstIndex(of: "WK001404")!
        XCTAssertEqual(result.column("population")?[w04], 12_970)
        XCTAssertEqual(result.column("dwellings")?[w04], 7_766)
        XCTAssertEqual(result.column("households")?[w04], 7_355)
        XCTAssertEqual(result.column("youth")?[w04], 1_845)
        XCTAssertEqual(result.column("pupils")?[w04], 635)
    }

    func testIndicatorsAreConvertedAsDocumented() throws {
        let result = try convert()
        XCTAssertEqual(result.indicators.map(\.id), ["minimahuishoudens", "bijstand", "arbeidsparticipatie", "sociale_huur"])
        let w04 = result.wijken.firstIndex(of: "WK001404")!
        XCTAssertEqual(result.column("minimahuishoudens")?[w04], 23.6, "a percentage as published")
        XCTAssertEqual(result.column("bijstand")?[w04], 35.5, "460 per 12970 inhabitants = 35.47 per 1000")
        XCTAssertEqual(result.column("bijstand")?[0], 21.3, "530 per 24920 inhabitants = 21.27 per 1000")
        XCTAssertEqual(result.column("arbeidsparticipatie")?[w04], 56.6)
        XCTAssertEqual(result.column("sociale_huur")?[w04], 39.3)
        XCTAssertEqual(result.column("minimahuishoudens")?[2], 8.6, "a decimal comma is read")
        XCTAssertEqual(result.indicatorsCSV, """
            id,title,unit,polarity,weight,min,max
            minimahuishoudens,Huishoudens tot 110% van het sociaal minimum (CBS KWB),% huishoudens,lower_better,households,0,100
            bijstand,Personen met een bijstandsuitkering (CBS KWB),per 1000 inwoners,lower_better,population,0,1000
            arbeidsparticipatie,Nettoarbeidsparticipatie (CBS KWB),% bevolking 15-75 jaar,higher_better,population,0,100
            sociale_huur,Woningen in bezit van een woningcorporatie (CBS KWB),% woningen,lower_better,dwellings,0,100

            """)
        let lines = result.wijkenCSV.split(separator: "\n")
        XCTAssertEqual(lines[0], "wijk,gebied,population,households,dwellings,youth,pupils,minimahuishoudens,bijstand,arbeidsparticipatie,sociale_huur")
        XCTAssertEqual(lines[5], "WK001404,Groningen,12970,7355,7766,1845,635,23.6,35.5,56.6,39.3")
    }

    func testMissingValuesAreImputedAndEachImputationIsAWarning() throws {
        let result = try convert()
        XCTAssertEqual(messages(result.warnings), [
            "kwb.csv:16: column HuishoudensTotaal_29: WK001413: missing (\".\"); households set to 0",
            "kwb.csv:16: column HuishoudensTot110VanSociaalMinimum_91: WK001413: missing (\".\"); minimahuishoudens set to the gemeente's value 14.9",
            "kwb.csv:19: column PersonenPerSoortUitkeringBijstand_94: WK001416: missing (\"-99999999\"); bijstand set to the gemeente's value 29.4",
            "kwb.csv:22: column Nettoarbeidsparticipatie_78: WK001419: missing (empty cell); arbeidsparticipatie set to the gemeente's value 63.9",
            "kwb.csv:8: column InBezitWoningcorporatie_49: WK001405: missing (\"x\"); sociale_huur set to the gemeente's value 31.4",
        ])
        XCTAssertEqual(result.imputed, 5)
        XCTAssertEqual(result.column("households")?[13], 0)
        XCTAssertEqual(result.column("minimahuishoudens")?[13], 14.9)
        XCTAssertEqual(result.column("bijstand")?[16], 29.4, "7170 per 243768 inhabitants of the gemeente")
        XCTAssertEqual(result.column("arbeidsparticipatie")?[19], 63.9)
        XCTAssertEqual(result.column("sociale_huur")?[5], 31.4)
    }

    func testWithoutTheGemeenteRowTheWeightedAverageIsImputed() throws {
        let withoutGemeente = CBSFixture.export().split(separator: "\r\n").filter { !$0.contains("\"GM0014    \"") }
        let result = try convert(withoutGemeente.joined(separator: "\r\n"))
        XCTAssertEqual(result.gemeenteName, "Groningen", "from Gemeentenaam_1")
        XCTAssertEqual(messages(result.warnings)[1],
                       "kwb.csv:15: column HuishoudensTot110VanSociaalMinimum_91: WK001413: missing (\".\"); minimahuishoudens set to "
                       + "the households-weighted average of the other wijken (the gemeente's value is missing) 14.9")
    }

    func testBuurtRowsBelongToTheirWijk() throws {
        let result = try convert(level: .buurt)
        XCTAssertEqual(result.wijken, ["BU00140000", "BU00140001", "BU00141100"])
        XCTAssertEqual(result.gebieden, ["WK001400", "WK001400", "WK001411"], "codes: the export has no names")
        XCTAssertEqual(result.column("bijstand"), [33.3, 29.4, 21.7])
        XCTAssertEqual(messages(result.warnings), [
            "kwb.csv:24: column HuishoudensTot110VanSociaalMinimum_91: BU00140001: missing (\".\"); minimahuishoudens set to the gemeente's value 14.9",
            "kwb.csv:24: column AantalInwoners_5: BU00140001: no inhabitants, so no rate per 1000 inhabitants; bijstand set to the gemeente's value 29.4",
            "kwb.csv:24: column Nettoarbeidsparticipatie_78: BU00140001: missing (\".\"); arbeidsparticipatie set to the gemeente's value 63.9",
            "kwb.csv:24: column InBezitWoningcorporatie_49: BU00140001: missing (\".\"); sociale_huur set to the gemeente's value 31.4",
        ])
    }

    /// An export with the region names in WijkenEnBuurten (and the codes in
    /// Codering_3), `,`-separated, with another year's column numbers.
    /// Names and values are TEST VALUES.
    static let labelledExport = """
        WijkenEnBuurten,Gemeentenaam_1,SoortRegio_2,Codering_3,AantalInwoners_6,HuishoudensTotaal_28,Woningvoorraad_34,HuishOnderOfRondSociaalMinimum_88
        Groningen,Groningen,Gemeente,GM0014,243768,116345,124258,11.6
        Centrum,Groningen,Wijk,WK001400,24920,12765,13809,9.0
        "Oosterpoort, Herewegwijk",Groningen,Wijk,WK001401,22200,11085,11935,7.5
        Binnenstad-Zuid,Groningen,Buurt,BU00140000,1200,800,850,10.0
        Buitengebied,Groningen,Buurt,BU00140001,40,15,20,.
        Buitengebied,Groningen,Buurt,BU00140100,60,25,30,4.0

        """

    func testNamesComeFromALabelledExportAndColumnsAreFoundByTheirKeyStem() throws {
        let result = try convert(CBSImportTests.labelledExport)
        XCTAssertEqual(result.wijken, ["Centrum", "Oosterpoort, Herewegwijk"])
        XCTAssertEqual(result.attributes.map(\.name), ["population", "households", "dwellings"])
        XCTAssertEqual(result.indicators.map(\.title), ["Huishoudens onder of rond het sociaal minimum (CBS KWB)"],
                       "without the 110% column, the social-minimum column is used")
        XCTAssertEqual(result.wijkenCSV, """
            wijk,gebied,population,households,dwellings,minimahuishoudens
            Centrum,Groningen,24920,12765,13809,9
            "Oosterpoort, Herewegwijk",Groningen,22200,11085,11935,7.5

            """)
    }

    func testBuurtenThatShareANameGetTheirCode() throws {
        let result = try convert(CBSImportTests.labelledExport, level: .buurt)
        XCTAssertEqual(result.wijken, ["Binnenstad-Zuid", "Buitengebied (BU00140001)", "Buitengebied (BU00140100)"])
        XCTAssertEqual(result.gebieden, ["Centrum", "Centrum", "Oosterpoort, Herewegwijk"])
        XCTAssertEqual(messages(result.warnings), [
            "kwb.csv:6: column HuishOnderOfRondSociaalMinimum_88: BU00140001 (Buitengebied): missing (\".\"); minimahuishoudens set to the gemeente's value 11.6",
            "kwb.csv:6: column WijkenEnBuurten: the name \"Buitengebied\" is used by 2 buurten; written as \"Buitengebied (BU00140001)\"",
            "kwb.csv:7: column WijkenEnBuurten: the name \"Buitengebied\" is used by 2 buurten; written as \"Buitengebied (BU00140100)\"",
        ])
    }

    func testAnExportWithoutIndicatorColumnsGivesAttributesAndSaysSo() throws {
        // The first rows of the CBS KWB 2024 export for gemeente Groningen (real CBS figures).
        let result = try convert("""
            code,AantalInwoners_5,Woningvoorraad_35,Mannen_6,Vrouwen_7,OppervlakteLand_123
            GM0014,243768,124258,120912,122856,18553
            WK001400,24920,13809,12845,12070,228
            WK001401,22200,11935,10900,11300,406

            """)
        XCTAssertEqual(result.wijkenCSV, "wijk,gebied,population,dwellings\nWK001400,GM0014,24920,13809\nWK001401,GM0014,22200,11935\n")
        XCTAssertEqual(result.indicatorsCSV, "id,title,unit,polarity,weight,min,max\n")
        XCTAssertEqual(messages(result.warnings).count, 1)
        XCTAssertTrue(messages(result.warnings)[0].hasPrefix("kwb.csv:1: no indicator columns (expected one or more of HuishoudensTot110VanSociaalMinimum_91, HuishOnderOfRondSociaalMinimum_90, "),
                      messages(result.warnings)[0])
        try result.write(wijken: scratch.path + "/wijken.csv", indicators: scratch.path + "/indicators.csv")
        XCTAssertEqual(scratch.read("indicators.csv"), "id,title,unit,polarity,weight,min,max\n")
    }

    func testTheWrittenFilesLoadAsWijksimData() throws {
        let result = try convert()
        try FileManager.default.createDirectory(atPath: scratch.path + "/data", withIntermediateDirectories: true)
        try result.write(wijken: scratch.path + "/data/wijken.csv", indicators: scratch.path + "/data/indicators.csv")
        let city = try CityDataLoader.load(indicators: scratch.path + "/data/indicators.csv", wijken: scratch.path + "/data/wijken.csv")
        XCTAssertEqual(city.wijken.count, 20)
        XCTAssertEqual(city.attributeNames, ["population", "households", "dwellings", "youth", "pupils"])
        XCTAssertEqual(city.indicators.map(\.id), ["minimahuishoudens", "bijstand", "arbeidsparticipatie", "sociale_huur"])
        XCTAssertEqual(city.initial[1][4], 35.5)
        XCTAssertEqual(city.attributes["population"]?[4], 12_970)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/data").sorted(),
                       [".indicators.csv.wijksim.json", ".wijken.csv.wijksim.json", "indicators.csv", "wijken.csv"],
                       "no temporary files left, a manifest beside each file")
    }

    // MARK: bad input

    func testAFileWithoutRegionCodesIsNotACBSExport() {
        XCTAssertEqual(problems("wijk,indicator,value\nSelwerd,population,7141\n"), [
            "kwb.csv:1: not a CBS Kerncijfers Wijken en Buurten export: no column holds region codes "
            + "(expected WijkenEnBuurten or Codering_3 with codes such as GM0014, WK001400, BU00140000; found the columns wijk, indicator, value)",
        ])
    }

    func testAnUnknownGemeenteSuggestsTheNearestCodes() {
        XCTAssertEqual(problems(CBSFixture.export(), gemeente: "GM0041"),
                       ["kwb.csv: gemeente GM0041 is not in the file (did you mean GM0014 (Groningen) or GM0034 (Almere)?)"])
        XCTAssertEqual(problems(CBSFixture.export(), gemeente: "GM1680"),
                       ["kwb.csv: gemeente GM1680 is not in the file (the file holds GM0014 (Groningen), GM0034 (Almere))"])
    }

    func testAGemeenteWithoutRowsAtTheLevelIsBadInput() {
        XCTAssertEqual(problems(CBSFixture.export(), gemeente: "GM0034", level: .buurt),
                       ["kwb.csv: the file has no buurten of gemeente GM0034 (Almere): it has 1 wijk; import at the wijk level instead"])
    }

    func testEveryCellThatIsNotANumberIsReportedWithLineAndColumn() {
        let text = CBSFixture.export(replacing: ["WK001403/AantalInwoners_5": "n.v.t.",
                                                 "WK001404/HuishoudensTot110VanSociaalMinimum_91": "12%",
                                                 "WK001406/InBezitWoningcorporatie_49": "142"])
        let missing = "or a missing value (\".\", \"x\", -99999999 or an empty cell)"
        XCTAssertEqual(problems(text), [
            "kwb.csv:6: column AantalInwoners_5: \"n.v.t.\" is not a number; expected a count, \(missing)",
            "kwb.csv:7: column HuishoudensTot110VanSociaalMinimum_91: \"12%\" is not a number; expected a percentage, \(missing)",
            "kwb.csv:9: column InBezitWoningcorporatie_49: 142 is outside [0, 100], the range of indicator sociale_huur",
        ])
    }

    func testARegionTwiceIsBadInput() {
        let text = CBSFixture.export() + "\"99\";\"WK001404  \";\"Groningen\";\"Wijk\";\"WK001404  \";\"1\";\"1\";\"0\";\"1\";\"1\";\"0\";\"1\";\"1\";\"0\";\"1\";\"1\";\"0\"\r\n"
        XCTAssertEqual(problems(text), ["kwb.csv:28: column WijkenEnBuurten: region WK001404 appears twice (also on line 7)"])
    }

    func testAFailedWriteLeavesTheOldFilesAndNoTemporaries() throws {
        let result = try convert()
        let old = scratch.path + "/out/wijken.csv"
        try FileManager.default.createDirectory(atPath: scratch.path + "/out", withIntermediateDirectories: true)
        try result.write(wijken: old, indicators: scratch.path + "/out/indicators.csv")
        let earlier = scratch.read("out/wijken.csv")
        XCTAssertThrowsError(try result.write(wijken: old, indicators: scratch.path + "/nergens/indicators.csv")) { error in
            XCTAssertEqual(self.messages((error as? BadInput)?.diagnostics ?? []),
                           ["cannot write nergens/indicators.csv: the folder nergens does not exist"])
        }
        XCTAssertEqual(scratch.read("out/wijken.csv"), earlier)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/out").sorted(),
                       [".indicators.csv.wijksim.json", ".wijken.csv.wijksim.json", "indicators.csv", "wijken.csv"])
    }

    /// A wijken.csv the user wrote or edited is never overwritten by an import.
    func testAUsersDataFileIsNotOverwritten() throws {
        let result = try convert()
        let mine = scratch.write("out/wijken.csv", "wijk,gebied,x\nA,B,1\n")
        XCTAssertThrowsError(try result.write(wijken: mine, indicators: scratch.path + "/out/indicators.csv")) { error in
            XCTAssertEqual(self.messages((error as? BadInput)?.diagnostics ?? []),
                           ["out/wijken.csv already exists and is not an unchanged earlier output of wijksim; it was kept. Choose another file name, or move it away."])
        }
        XCTAssertEqual(scratch.read("out/wijken.csv"), "wijk,gebied,x\nA,B,1\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/out"), ["wijken.csv"])
    }

    // MARK: command line

    func testTheCommandWritesBothFilesAndWarnsOnStderr() throws {
        scratch.write("kwb.csv", CBSFixture.export())
        try FileManager.default.createDirectory(atPath: scratch.path + "/data", withIntermediateDirectories: true)
        let result = try runCLI(["data", "import-cbs", "kwb.csv", "--gemeente", "GM0014", "--out", "data/wijken.csv"], in: scratch.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            data/wijken.csv: 20 wijken of GM0014 (Groningen); attributes population, households, dwellings, youth, pupils
            data/indicators.csv: indicators minimahuishoudens, bijstand, arbeidsparticipatie, sociale_huur
            5 missing values imputed (see the warnings)

            """)
        let warnings = result.stderr.split(separator: "\n")
        XCTAssertEqual(warnings.count, 5)
        XCTAssertEqual(warnings.first, "warning: kwb.csv:16: column HuishoudensTotaal_29: WK001413: missing (\".\"); households set to 0")
        XCTAssertTrue(scratch.read("data/indicators.csv").hasPrefix("id,title,unit,polarity,weight,min,max\nminimahuishoudens,"))
    }

    func testTheCommandExitsWith2OnBadInput() throws {
        scratch.write("kwb.csv", CBSFixture.export())
        let unknown = try runCLI(["data", "import-cbs", "kwb.csv", "--gemeente", "GM0041", "--out", "wijken.csv"], in: scratch.path)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "error: kwb.csv: gemeente GM0041 is not in the file (did you mean GM0014 (Groningen) or GM0034 (Almere)?)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path + "/wijken.csv"))

        let notACode = try runCLI(["data", "import-cbs", "kwb.csv", "--gemeente", "Groningen", "--out", "wijken.csv"], in: scratch.path)
        XCTAssertEqual(notACode.status, 2)
        XCTAssertTrue(notACode.stderr.contains("--gemeente: \"Groningen\" is not a CBS gemeente code (expected GM and four digits, e.g. GM0014)"),
                      notACode.stderr)

        let badLevel = try runCLI(["data", "import-cbs", "kwb.csv", "--gemeente", "GM0014", "--level", "stad", "--out", "wijken.csv"], in: scratch.path)
        XCTAssertEqual(badLevel.status, 2)
        XCTAssertTrue(badLevel.stderr.contains("--level"), badLevel.stderr)
    }
}
