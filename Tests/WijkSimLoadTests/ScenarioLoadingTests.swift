import WijkSimLoad
import WijkSimModel
import WijkSimTestSupport
import XCTest

/// CONTRACT §2: every scenario field, `extends`, defaults and names.
final class ScenarioLoadingTests: XCTestCase {
    var city: MiniCity!

    override func setUp() {
        city = MiniCity()
        city.plugin("effect", MiniCity.constantPlugin("effect", delta: -1, min: -5, max: 5))
        city.plugin("trend", MiniCity.constantPlugin("trend", indicator: "meedoen", delta: 0.1, min: -1, max: 1))
    }

    func testEveryFieldIsRead() throws {
        let file = city.scenario("alles", """
            name: Alles
            description: Elk veld
            years: {from: 2022, to: 2030}
            data: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}
            plugins: [../plugins]
            rules:
              - plugin: trend
                params: {delta: 0.2}
            interventions:
              - name: noord
                plugin: effect
                wijken: [Noord, Oost]
                from: 2023
                to: 2026
                params:
                  delta: {dist: triangular, low: -3, mode: -2, high: -0.5}
                  cost: {dist: uniform, low: 1, high: 2, per_wijk: true}
                funding: rd
              - plugin: effect
                wijken: {gebied: Beneden}
                params: {delta: {dist: normal, mean: -1, sd: 0.5, min: -5, max: 5}}
              - plugin: effect
                wijken: all
                params: {cost: {dist: lognormal, mean: 100, sd: 0.3}}
            funding:
              rd: {budget: 15000000, from: 2020, to: 2024}
            draws: 250
            seed: 42
            sweep:
              noord.cost: [1, 2]
            """, header: false)
        let loaded = try ScenarioLoader.load(file)
        let s = loaded.scenario
        XCTAssertEqual(s.name, "Alles")
        XCTAssertEqual(s.description, "Elk veld")
        XCTAssertEqual(s.years, 2022...2030)
        XCTAssertEqual(s.draws, 250)
        XCTAssertEqual(s.seed, 42)
        XCTAssertEqual(s.instances.map(\.name), ["trend", "noord", "effect", "effect_2"])
        XCTAssertEqual(s.instances.map(\.kind), [.rule, .intervention, .intervention, .intervention])
        XCTAssertEqual(s.instances[1].targets, .wijken(["Noord", "Oost"]))
        XCTAssertEqual(s.instances[2].targets, .gebied(["Beneden"]))
        XCTAssertEqual(s.instances[3].targets, .all)
        XCTAssertEqual(s.instances[1].from, 2023)
        XCTAssertEqual(s.instances[1].to, 2026)
        XCTAssertEqual(s.instances[2].from, 2022)
        XCTAssertEqual(s.instances[2].to, 2030)
        XCTAssertEqual(s.instances[0].params.map(\.value), [.fixed(0.2)])
        XCTAssertEqual(s.instances[1].params.map(\.value), [
            .distributed(Distribution(shape: .triangular(low: -3, mode: -2, high: -0.5))),
            .distributed(Distribution(shape: .uniform(low: 1, high: 2), perWijk: true)),
        ])
        XCTAssertEqual(s.instances[2].params.first?.value,
                       .distributed(Distribution(shape: .normal(mean: -1, sd: 0.5), min: -5, max: 5)))
        XCTAssertEqual(s.instances[3].params.first?.value,
                       .distributed(Distribution(shape: .lognormal(mean: 100, sdLog: 0.3))))
        XCTAssertEqual(s.instances[1].funding, "rd")
        XCTAssertEqual(s.funding, [Funding(name: "rd", budget: 15_000_000, from: 2020, to: 2024)])
        XCTAssertEqual(s.sweep.map(\.key), ["noord.cost"])
        XCTAssertEqual(s.sweep[0].values, [1, 2])
        XCTAssertEqual(loaded.city.wijken, ["Noord", "Oost", "Zuid"])
        XCTAssertEqual(Set(loaded.plugins.keys), ["effect", "trend"])
    }

    func testDefaultsForDrawsSeedPluginsAndWindows() throws {
        let s = try ScenarioLoader.load(city.scenario("kaal", "interventions: [{plugin: effect}]\n")).scenario
        XCTAssertEqual(s.draws, 1)
        XCTAssertEqual(s.seed, 1)
        XCTAssertEqual(s.pluginPath, [city.path + "/plugins"])
        XCTAssertEqual(s.instances[0].targets, .all)
        XCTAssertEqual([s.instances[0].from, s.instances[0].to], [2020, 2025])
    }

    func testExtendsAppendsListsMergesMapsAndKeepsParentPathsRelativeToTheParent() throws {
        city.folder.write("basis/basis.yaml", """
            name: Basis
            years: {from: 2020, to: 2030}
            data: {indicators: ../data/indicators.csv, wijken: ../data/wijken.csv}
            plugins: [../plugins]
            rules: [{plugin: trend}]
            funding:
              a: {budget: 1, from: 2020, to: 2030}
              b: {budget: 2, from: 2020, to: 2030}
            draws: 10
            seed: 3
            """)
        let child = city.scenario("kind", """
            name: Kind
            extends: ../basis/basis.yaml
            years: {to: 2025}
            interventions: [{plugin: effect, funding: b}]
            funding:
              b: {budget: 20, from: 2021, to: 2022}
              c: {budget: 3, from: 2020, to: 2030}
            """, header: false)
        let s = try ScenarioLoader.load(child).scenario
        XCTAssertEqual(s.name, "Kind")
        XCTAssertEqual(s.years, 2020...2025)
        XCTAssertEqual(s.instances.map(\.name), ["trend", "effect"])
        XCTAssertEqual(s.funding.map(\.name), ["a", "b", "c"])
        XCTAssertEqual(s.funding[1].budget, 20)
        XCTAssertEqual([s.draws, Int(s.seed)], [10, 3])
        XCTAssertEqual(s.indicatorsFile, city.path + "/data/indicators.csv")
    }

    func testExtendsCycleIsDetected() {
        city.scenario("a", "name: A\nextends: b.yaml\n", header: false)
        let b = city.scenario("b", "name: B\nextends: a.yaml\n", header: false)
        XCTAssertThrowsError(try ScenarioLoader.load(b)) { error in
            XCTAssertTrue("\(error)".contains("extends makes a cycle"), "\(error)")
        }
    }

    func testDefaultNamesSkipNamesAlreadyTaken() throws {
        let s = try ScenarioLoader.load(city.scenario("namen", """
            interventions:
              - {plugin: effect}
              - {name: effect_2, plugin: effect}
              - {plugin: effect}
            """)).scenario
        XCTAssertEqual(s.instances.map(\.name), ["effect", "effect_2", "effect_3"])
    }
}
