import WijkSimModel

/// One rule-test case (CONTRACT §9): a single lane's inputs for one call of
/// a plugin's `step`, and what its adds and spend must be.
package struct RuleCase {
    package var name: String
    package var location: SourceLocation
    package var year: Int
    package var from: Int
    package var to: Int
    package var firstYear: Int
    package var lastYear: Int
    package var wijk: [(name: String, value: Double)]
    /// The case's indicators are those named in `x`, in file order.
    package var x: [(id: String, value: Double)]
    package var x0: [String: Double]
    package var city: [String: Double]
    package var params: [(name: String, value: Double, location: SourceLocation)]
    package var expectedAdds: [(id: String, value: Double)]
    package var expectedSpend: Double?
    package var tolerance: Double
}

/// A YAML file of cases for one plugin.
package struct RuleTestFile {
    package var file: String
    package var plugin: String
    package var pluginLocation: SourceLocation
    package var cases: [RuleCase]
}
