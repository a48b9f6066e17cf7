import WijkSimEngine
import WijkSimModel

/// Which wijken and indicators the report shows in detail, and what it
/// leaves out, so that a run of any size gives a report of bounded size.
/// The focus wijken are those that interventions target; in a scenario
/// without interventions, the wijken worse than the city on most
/// indicators at the start.
struct ReportFocus {
    static let maxWijken = 12
    static let maxIndicators = 10

    /// Shown in detail, in data order.
    var wijken: [Int]
    /// Focus wijken beyond the cap.
    var omittedWijken: [Int]
    var indicators: [Int]
    var omittedIndicators: [Int]
    /// True when interventions chose the wijken, false when the start gaps did.
    var targeted: Bool

    init(_ all: [Results]) {
        let reference = all[0]
        let plan = reference.plan
        var chosen = Set<Int>()
        for results in all { chosen.formUnion(results.focusWijken) }
        targeted = !chosen.isEmpty
        var ranked: [Int]
        if targeted {
            ranked = chosen.sorted()
        } else {
            let worse = (0..<plan.wijkCount).map { w in
                (w, (0..<plan.indicatorCount).filter { reference.gap(variant: 0, wijk: w, indicator: $0, yearIndex: 0) > 0 }.count)
            }
            var majority = worse.filter { 2 * $0.1 > plan.indicatorCount }
            if majority.isEmpty, let most = worse.map(\.1).max(), most > 0 { majority = worse.filter { $0.1 == most } }
            ranked = majority.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        }
        wijken = Array(ranked.prefix(Self.maxWijken)).sorted()
        omittedWijken = Array(ranked.dropFirst(Self.maxWijken)).sorted()
        indicators = Array((0..<plan.indicatorCount).prefix(Self.maxIndicators))
        omittedIndicators = Array((0..<plan.indicatorCount).dropFirst(Self.maxIndicators))
    }

    /// A sentence naming what was left out, or nil.
    func omissionNote(_ plan: Plan) -> String? {
        var parts: [String] = []
        if !omittedWijken.isEmpty {
            parts.append("\(omittedWijken.count) focuswijken (\(ReportWords.list(omittedWijken.map { plan.city.wijken[$0] })))")
        }
        if !omittedIndicators.isEmpty {
            parts.append("\(omittedIndicators.count) indicatoren (\(ReportWords.list(omittedIndicators.map { plan.city.indicators[$0].id })))")
        }
        guard !parts.isEmpty else { return nil }
        return "Om het rapport leesbaar te houden toont het ten hoogste \(Self.maxWijken) focuswijken en \(Self.maxIndicators) indicatoren in detail; weggelaten: \(ReportWords.list(parts)). Hun cijfers staan in de CSV-bestanden."
    }
}
