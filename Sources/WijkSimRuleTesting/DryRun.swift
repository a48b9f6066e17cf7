import WijkSimModel

extension RuleTestRunner {
    /// Runs a plugin's `step` once on one lane made of a real wijk (the first
    /// row of `city`) in the middle of a Groningen-length programme, so that
    /// `wijksim check PLUGIN.lua` catches what only running shows: a
    /// parameter read that the plugin does not declare, a `ctx` field that
    /// does not exist, an indicator or attribute the data lacks. Returns the
    /// failures (empty when the step ran).
    package func dryRun(_ descriptor: PluginDescriptor, city: CityData) throws -> [String] {
        guard !city.wijken.isEmpty else { return [] }
        let x = city.indicators.indices.map { (id: city.indicators[$0].id, value: city.initial[$0][0]) }
        let c = RuleCase(
            name: "dry run", location: SourceLocation(file: descriptor.file), year: 2023, from: 2023, to: 2030,
            firstYear: 2022, lastYear: 2042,
            wijk: city.attributeNames.map { (name: $0, value: city.attributes[$0]?[0] ?? 0) },
            x: x, x0: [:], city: [:], params: [], expectedAdds: [], expectedSpend: nil, tolerance: 1e-9)
        return try run(c, descriptor).failures
    }
}
