/// One measured value of a wijk's (or the city's) indicator in a year, from
/// `observed.csv` (CONTRACT §11): what `monitor` sets against the predicted
/// band and `learn` updates the parameters from.
package struct Observation: Equatable, Sendable {
    /// The wijk's index in the data; the number of wijken for `city`.
    package var wijk: Int
    package var indicator: Int
    package var year: Int
    package var value: Double
    /// The measurement's standard deviation in the indicator's unit.
    package var sd: Double
    /// False when `sd` is the indicator's documented default.
    package var sdGiven: Bool
    package var location: SourceLocation

    package init(wijk: Int, indicator: Int, year: Int, value: Double, sd: Double, sdGiven: Bool, location: SourceLocation) {
        self.wijk = wijk; self.indicator = indicator; self.year = year; self.value = value
        self.sd = sd; self.sdGiven = sdGiven; self.location = location
    }
}

/// The measurement error assumed where `observed.csv` gives no `sd`
/// (docs/monitoring.md lists them). For the Groningen indicators: the
/// uncertainty of a published city or wijk figure, from how it is measured
/// (a register count is tight, a survey share of a few hundred respondents
/// per wijk is not). Any other indicator: 1% of its [min, max] range.
package enum ObservationDefaults {
    package static let sd: [String: Double] = [
        "minimahuishoudens": 0.5,       // register (inkomensstatistiek), rounding and definition changes
        "werkloosheid": 0.3,            // register (UWV/CBS), rounding
        "onderwijsachterstand": 2.0,    // a school year's cohort of pupils per wijk is small
        "jeugdcriminaliteit": 2.0,      // per 1000 youths: small counts per wijk
        "eenzaamheid": 2.0,             // survey (GGD gezondheidsmonitor)
        "energiearmoede": 1.0,          // model-based estimate (TNO)
        "ervaren_gezondheid": 2.0,      // survey (GGD gezondheidsmonitor)
        "onveiligheidsgevoel": 2.0,     // survey (veiligheidsmonitor)
        "sociale_cohesie": 0.2,         // survey scale score 0-10
        "goedkope_sociale_huur": 1.0,   // corporation stock register, boundary changes
    ]

    package static func sd(for indicator: Indicator) -> Double {
        sd[indicator.id] ?? max((indicator.max - indicator.min) * 0.01, 1e-9)
    }
}
