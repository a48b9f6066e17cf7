import WijkSimEngine
import WijkSimModel

/// How likely a wijk is to be no worse than the city in a year, read from
/// what `Results` holds: the wijk's p05, median and p95 over the draws,
/// set against the city's mean. Without per-draw data a probability can
/// only be bracketed: if even the wijk's p95 (for a lower-is-better
/// indicator) lies at or below the city mean, at least about 95% of the
/// draws do. The city varies per draw as well; this compares with its mean.
enum CityChance: Int, CaseIterable {
    case below5, from5to50, from50to95, atLeast95

    init(_ wijk: CellStatistics, city: Double, _ polarity: Polarity) {
        // The quantiles in order from the worst to the best side.
        let fromWorst = polarity == .lowerBetter ? [wijk.p95, wijk.p50, wijk.p05] : [wijk.p05, wijk.p50, wijk.p95]
        let good = fromWorst.map { polarity == .lowerBetter ? $0 <= city : $0 >= city }
        if good[0] { self = .atLeast95 } else if good[1] { self = .from50to95 } else if good[2] { self = .from5to50 } else { self = .below5 }
    }

    var label: String {
        switch self {
        case .atLeast95: return "≥ 95%"
        case .from50to95: return "50–95%"
        case .from5to50: return "5–50%"
        case .below5: return "< 5%"
        }
    }

    var cssClass: String { "chance\(rawValue)" }

    /// What the label says, in a sentence.
    var meaning: String {
        switch self {
        case .atLeast95: return "zelfs de ongunstigste 5% van de trekkingen ligt niet aan de slechte kant van het stadsgemiddelde"
        case .from50to95: return "de mediaan ligt aan de goede kant, de ongunstigste 5% niet"
        case .from5to50: return "de mediaan ligt aan de slechte kant, de gunstigste 5% niet"
        case .below5: return "zelfs de gunstigste 5% van de trekkingen ligt aan de slechte kant van het stadsgemiddelde"
        }
    }
}

/// The chance that a wijk's gap with the city is closed (≤ 0) in the end
/// year. When the run kept its draws this is exact: the share of draws in
/// which the wijk is no worse than the city in that same draw. Otherwise
/// (a run too large to hold, summarised by a sketch) it is the bracket
/// that the quantiles give, `CityChance`.
struct ClosingChance {
    var share: Double?
    var bracket: CityChance

    /// 0 (< 5%) … 3 (≥ 95%), for the colour.
    var level: Int {
        guard let share else { return bracket.rawValue }
        return share >= 0.95 ? 3 : share >= 0.5 ? 2 : share >= 0.05 ? 1 : 0
    }

    var cssClass: String { "chance\(level)" }
    var label: String { share.map(HTMLText.percent) ?? bracket.label }
    var atLeast95: Bool { level == 3 }

    /// The label as `<data>` when exact, so that the share can be read back.
    var html: String { share.map { HTMLText.data($0, HTMLText.percent($0)) } ?? HTMLText.escape(bracket.label) }
}

/// How sure a comparison is that an alternative beats the reference in
/// one cell, from P(better): the share of paired draws in which it is
/// better than the reference in the same draw.
enum BetterChance: Int, CaseIterable {
    case same, negligible, below5, from5to50, from50to95, atLeast95

    /// `decimals`: those the indicator is shown with; a mean difference
    /// that rounds to zero there is called negligible, however sure.
    init(_ d: DifferenceStatistics, decimals: Int) {
        if d.p05 == 0 && d.p95 == 0 && d.mean == 0 { self = .same }
        else if HTMLText.number(d.mean, decimals: decimals) == HTMLText.number(0, decimals: decimals) { self = .negligible }
        else if d.pBetter >= 0.95 { self = .atLeast95 }
        else if d.pBetter >= 0.5 { self = .from50to95 }
        else if d.pBetter >= 0.05 { self = .from5to50 }
        else { self = .below5 }
    }

    var cssClass: String { self == .same || self == .negligible ? "same" : "chance\(rawValue - 2)" }

    var label: String {
        switch self {
        case .same: return "geen verschil"
        case .negligible: return "verwaarloosbaar verschil"
        case .atLeast95: return "vrijwel zeker beter"
        case .from50to95: return "waarschijnlijk beter"
        case .from5to50: return "waarschijnlijk niet beter"
        case .below5: return "vrijwel zeker niet beter"
        }
    }
}
