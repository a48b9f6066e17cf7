import WijkSimEngine
import WijkSimModel

/// The report's Dutch words. Words about change are chosen by the
/// indicator's polarity, so that "beter" always means better for the
/// people in the wijk, whether the number goes down or up.
enum ReportWords {
    /// The title without its explanation in brackets: "Minimahuishoudens".
    static func shortTitle(_ indicator: Indicator) -> String {
        guard let open = indicator.title.rangeOfFirst(" (") else { return indicator.title }
        return String(indicator.title[..<open.lowerBound])
    }

    static func direction(_ polarity: Polarity) -> String {
        polarity == .lowerBetter ? "lager is beter" : "hoger is beter"
    }

    /// "beter", "slechter" or "gelijk" for an improvement (positive = better) as shown with `decimals`.
    static func judgement(_ improvement: Double, decimals: Int) -> String {
        if HTMLText.signed(improvement, decimals: decimals).hasPrefix("+") { return "beter" }
        if HTMLText.signed(improvement, decimals: decimals).hasPrefix(HTMLText.minus) { return "slechter" }
        return "gelijk"
    }

    /// How a value moved from `start` to `end`: the verb ("daalt", "stijgt", "blijft gelijk") and the
    /// verdict by polarity ("beter", "slechter", "gelijk"), as far as the shown decimals tell.
    static func change(from start: Double, to end: Double, _ indicator: Indicator) -> (verb: String, verdict: String) {
        let improvement = indicator.polarity == .lowerBetter ? start - end : end - start
        let verdict = judgement(improvement, decimals: HTMLText.decimals(indicator))
        if verdict == "gelijk" { return ("blijft gelijk", verdict) }
        return (end < start ? "daalt" : "stijgt", verdict)
    }

    /// A gap's side: "slechter dan de stad", "beter dan de stad" or "gelijk aan de stad".
    static func cityRelation(gap: Double, _ indicator: Indicator) -> String {
        switch judgement(-gap, decimals: HTMLText.decimals(indicator)) {
        case "beter": return "beter dan de stad"
        case "slechter": return "slechter dan de stad"
        default: return "gelijk aan de stad"
        }
    }

    /// What happened to a gap by the end year, as a short label and a CSS class.
    static func gapState(_ gap: GapSummary) -> (label: String, cssClass: String) {
        switch (gap.start > 0, gap.end > 0) {
        case (true, false): return ("dicht in \(gap.yearClosed.map(String.init) ?? "?")", "closed")
        case (true, true):
            if let year = gap.yearClosed { return ("open (dicht in \(year), weer open)", "open") }
            return ("open", "open")
        case (false, false): return ("geen kloof", "nogap")
        case (false, true): return ("nieuwe kloof", "open")
        }
    }

    /// "1 trekking" / "1.000 trekkingen".
    static func draws(_ n: Int) -> String {
        n == 1 ? "1 trekking" : HTMLText.number(Double(n), decimals: 0) + " trekkingen"
    }

    /// "Selwerd, Paddepoel en Vinkhuizen".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " en " + items.last!
    }
}
