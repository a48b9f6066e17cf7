/// Whether a higher or a lower value of an indicator is better; decides the
/// sign of a gap and of a difference between scenarios.
package enum Polarity: String, Sendable, Equatable {
    case lowerBetter = "lower_better"
    case higherBetter = "higher_better"
}

/// One row of `indicators.csv` (CONTRACT §1).
package struct Indicator: Equatable, Sendable {
    package var id: String
    package var title: String
    package var unit: String
    package var polarity: Polarity
    /// The wijk column whose values weight the city average.
    package var weight: String
    package var min: Double
    package var max: Double

    package init(id: String, title: String, unit: String, polarity: Polarity, weight: String, min: Double, max: Double) {
        self.id = id; self.title = title; self.unit = unit; self.polarity = polarity
        self.weight = weight; self.min = min; self.max = max
    }
}

/// The city as the data files describe it: indicators, wijken in file
/// order, their numeric attributes and the indicator values at years.from.
/// Stored column-wise because the engine reads it per indicator.
package struct CityData: Equatable, Sendable {
    package var indicators: [Indicator]
    package var wijken: [String]
    package var gebieden: [String]
    /// Every numeric column of `wijken.csv` that is not an indicator, in file order.
    package var attributeNames: [String]
    /// `attributes[name][w]`.
    package var attributes: [String: [Double]]
    /// `initial[i][w]`: indicator i in wijk w at years.from.
    package var initial: [[Double]]
    package var indicatorsFile: String
    package var wijkenFile: String
    /// What `sources.csv` beside the data says of the starting values, when
    /// it is there: a caveat every answer must carry.
    package var startingValues: StartingValueSources?

    package init(indicators: [Indicator], wijken: [String], gebieden: [String], attributeNames: [String],
                attributes: [String: [Double]], initial: [[Double]], indicatorsFile: String, wijkenFile: String) {
        self.indicators = indicators; self.wijken = wijken; self.gebieden = gebieden
        self.attributeNames = attributeNames; self.attributes = attributes; self.initial = initial
        self.indicatorsFile = indicatorsFile; self.wijkenFile = wijkenFile
    }

    package func indicatorIndex(_ id: String) -> Int? { indicators.firstIndex { $0.id == id } }

    /// The values of a numeric column: an attribute or an indicator.
    package func column(_ name: String) -> [Double]? {
        if let values = attributes[name] { return values }
        if let i = indicatorIndex(name) { return initial[i] }
        return nil
    }

    /// The weight of each wijk in the city average of indicator i:
    /// city = Σ weight·x / Σ weight (validated: weights ≥ 0, sum > 0).
    package func weights(ofIndicator i: Int) -> [Double] {
        column(indicators[i].weight) ?? Array(repeating: 1, count: wijken.count)
    }
}

/// How many of the starting values (indicator × wijk at years.from) have a
/// published source, per the data set's `sources.csv` (`wijk,column,value,kind,source`,
/// kind `bron` or `schatting`); a value it does not list counts as undocumented.
package struct StartingValueSources: Equatable, Sendable {
    package var total: Int
    package var published: Int
    package var estimated: Int
    package var undocumented: Int { total - published - estimated }

    package init(total: Int, published: Int, estimated: Int) {
        self.total = total; self.published = published; self.estimated = estimated
    }
}
