import WijkSimModel

/// One rule-test case (CONTRACT §9): a single lane's inputs for one call of
/// a plugin's `step`, and what its adds and spend must be.
public struct RuleCase {
    public var name: String
    public var location: SourceLocation
    public var year: Int
    public var from: Int
    public var to: Int
    public var firstYear: Int
    public var lastYear: Int
    public var wijk: [(name: String, value: Double)]
    /// The case's indicators are those named in `x`, in file order.
    public var x: [(id: String, value: Double)]
    public var x0: [String: Double]
    public var city: [String: Double]
    public var params: [(name: String, value: Double, location: SourceLocation)]
    public var expectedAdds: [(id: String, value: Double)]
    public var expectedSpend: Double?
    public var tolerance: Double
}

/// A YAML file of cases for one plugin.
public struct RuleTestFile {
    public var file: String
    public var plugin: String
    public var pluginLocation: SourceLocation
    public var cases: [RuleCase]
}
