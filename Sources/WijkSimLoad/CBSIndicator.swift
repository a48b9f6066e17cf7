import WijkSimModel

/// A wijksim indicator made from CBS columns, with its row of
/// `indicators.csv` and the conversion from what CBS publishes.
/// docs/cbs-import.md lists them with their reasons.
struct CBSIndicator {
    enum Conversion {
        /// The CBS figure as published (a percentage).
        case asPublished
        /// A count per 1000 inhabitants (`AantalInwoners_5`), rounded to 0.1.
        case perThousandInhabitants
    }

    var indicator: Indicator
    var key: String
    var conversion: Conversion

    var id: String { indicator.id }

    /// The CBS columns the conversion reads.
    var keys: [String] {
        switch conversion {
        case .asPublished: return [key]
        case .perThousandInhabitants: return [key, CBSIndicator.inhabitantsKey]
        }
    }

    static let inhabitantsKey = "AantalInwoners_5"

    /// In output order. Where an id appears twice, the first whose columns
    /// the file has is used: `minimahuishoudens` prefers the 110% line,
    /// which is the definition of the Groningen data and its plugins.
    static let catalog = [
        percentage("minimahuishoudens", "Huishoudens tot 110% van het sociaal minimum (CBS KWB)", unit: "% huishoudens",
                   .lowerBetter, weight: "households", key: "HuishoudensTot110VanSociaalMinimum_91"),
        percentage("minimahuishoudens", "Huishoudens onder of rond het sociaal minimum (CBS KWB)", unit: "% huishoudens",
                   .lowerBetter, weight: "households", key: "HuishOnderOfRondSociaalMinimum_90"),
        percentage("laag_inkomen", "Huishoudens met een laag inkomen (CBS KWB)", unit: "% huishoudens",
                   .lowerBetter, weight: "households", key: "HuishoudensMetEenLaagInkomen_89"),
        CBSIndicator(indicator: Indicator(id: "bijstand", title: "Personen met een bijstandsuitkering (CBS KWB)",
                                          unit: "per 1000 inwoners", polarity: .lowerBetter, weight: "population", min: 0, max: 1000),
                     key: "PersonenPerSoortUitkeringBijstand_94", conversion: .perThousandInhabitants),
        percentage("arbeidsparticipatie", "Nettoarbeidsparticipatie (CBS KWB)", unit: "% bevolking 15-75 jaar",
                   .higherBetter, weight: "population", key: "Nettoarbeidsparticipatie_78"),
        percentage("sociale_huur", "Woningen in bezit van een woningcorporatie (CBS KWB)", unit: "% woningen",
                   .lowerBetter, weight: "dwellings", key: "InBezitWoningcorporatie_49"),
    ]

    /// Most KWB figures are shares that CBS already publishes as
    /// percentages, so they need no conversion and can only lie in 0...100.
    private static func percentage(_ id: String, _ title: String, unit: String, _ polarity: Polarity,
                                   weight: String, key: String) -> CBSIndicator {
        CBSIndicator(indicator: Indicator(id: id, title: title, unit: unit, polarity: polarity, weight: weight, min: 0, max: 100),
                     key: key, conversion: .asPublished)
    }
}
