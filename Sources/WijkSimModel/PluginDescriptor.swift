/// How well a parameter's default is supported (CONTRACT §10).
public enum EvidenceLevel: String, CaseIterable, Equatable, Sendable {
    case effectief
    case goedOnderbouwd = "goed onderbouwd"
    case theoretischOnderbouwd = "theoretisch onderbouwd"
    case schatting
}

/// A plugin parameter with its default, bounds and provenance.
public struct ParameterSpec: Equatable, Sendable {
    public var name: String
    public var defaultValue: Double
    public var min: Double?
    public var max: Double?
    public var unit: String?
    public var source: String?
    public var evidence: EvidenceLevel?

    public init(name: String, defaultValue: Double, min: Double? = nil, max: Double? = nil,
                unit: String? = nil, source: String? = nil, evidence: EvidenceLevel? = nil) {
        self.name = name; self.defaultValue = defaultValue; self.min = min; self.max = max
        self.unit = unit; self.source = source; self.evidence = evidence
    }

    public func allows(_ value: Double) -> Bool {
        value.isFinite && (min.map { value >= $0 } ?? true) && (max.map { value <= $0 } ?? true)
    }

    public var rangeText: String {
        switch (min, max) {
        case let (lo?, hi?): return "[\(lo.shortText), \(hi.shortText)]"
        case let (lo?, nil): return "≥ \(lo.shortText)"
        case let (nil, hi?): return "≤ \(hi.shortText)"
        case (nil, nil): return "any finite number"
        }
    }
}

/// What a plugin file declares about itself; read once, without running `step`.
public struct PluginDescriptor: Equatable, Sendable {
    public var id: String
    public var title: String
    public var doc: String
    public var params: [ParameterSpec]
    public var writes: [String]
    /// The file as found on the plugin path.
    public var file: String
    public var source: String

    public init(id: String, title: String, doc: String, params: [ParameterSpec], writes: [String], file: String, source: String) {
        self.id = id; self.title = title; self.doc = doc; self.params = params
        self.writes = writes; self.file = file; self.source = source
    }

    public func param(_ name: String) -> ParameterSpec? { params.first { $0.name == name } }
}

extension Double {
    /// The shortest text that reads back to the same double (CONTRACT §5),
    /// with whole numbers written without a fraction where that is exact.
    public var shortText: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return description
    }
}
