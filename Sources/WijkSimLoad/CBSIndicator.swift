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
        CBSIndicator(indicator: Indicator(id: "minimahuishoudens", title: "Huishoudens tot 110% van het sociaal minimum (CBS KWB)",
                                          unit: "% huishoudens", polarity: .lowerBetter, weight: "households", min: 0, max: 100),
                     key: "HuishoudensTot110VanSociaalMinimum_91", conversion: .asPublished),
        CBSIndicator(indicator: Indicator(id: "minimahuishoudens", title: "Huishoudens onder of rond het sociaal minimum (CBS KWB)",
                                          unit: "% huishoudens", polarity: .lowerBetter, weight: "households", min: 0, max: 100),
                     key: "HuishOnderOfRondSociaalMinimum_90", conversion: .asPublished),
        CBSIndicator(indicator: Indicator(id: "laag_inkomen", title: "Huishoudens met een laag inkomen (CBS KWB)",
                                          unit: "% huishoudens", polarity: .lowerBetter, weight: "households", min: 0, max: 100),
                     key: "HuishoudensMetEenLaagInkomen_89", conversion: .asPublished),
        CBSIndicator(indicator: Indicator(id: "bijstand", title: "Personen met een bijstandsuitkering (CBS KWB)",
                                          unit: "per 1000 inwoners", polarity: .lowerBetter, weight: "population", min: 0, max: 1000),
                     key: "PersonenPerSoortUitkeringBijstand_94", conversion: .perThousandInhabitants),
        CBSIndicator(indicator: Indicator(id: "arbeidsparticipatie", title: "Nettoarbeidsparticipatie (CBS KWB)",
                                          unit: "% bevolking 15-75 jaar", polarity: .higherBetter, weight: "population", min: 0, max: 100),
                     key: "Nettoarbeidsparticipatie_78", conversion: .asPublished),
        CBSIndicator(indicator: Indicator(id: "sociale_huur", title: "Woningen in bezit van een woningcorporatie (CBS KWB)",
                                          unit: "% woningen", polarity: .lowerBetter, weight: "dwellings", min: 0, max: 100),
                     key: "InBezitWoningcorporatie_49", conversion: .asPublished),
    ]
}
