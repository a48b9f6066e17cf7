/// How well a parameter's default is supported (CONTRACT §10).
package enum EvidenceLevel: String, CaseIterable, Equatable, Sendable {
    case effectief
    case goedOnderbouwd = "goed onderbouwd"
    case theoretischOnderbouwd = "theoretisch onderbouwd"
    case schatting
}

/// A plugin parameter with its default, bounds and provenance.
package struct ParameterSpec: Equatable, Sendable {
    package var name: String
    package var defaultValue: Double
    package var min: Double?
    package var max: Double?
    package var unit: String?
    package var source: String?
    package var evidence: EvidenceLevel?

    package init(name: String, defaultValue: Double, min: Double? = nil, max: Double? = nil,
                unit: String? = nil, source: String? = nil, evidence: EvidenceLevel? = nil) {
        self.name = name; self.defaultValue = defaultValue; self.min = min; self.max = max
        self.unit = unit; self.source = source; self.evidence = evidence
    }

    package func allows(_ value: Double) -> Bool {
        value.isFinite && (min.map { value >= $0 } ?? true) && (max.map { value <= $0 } ?? true)
    }

    package var rangeText: String {
        switch (min, max) {
        case let (lo?, hi?): return "[\(lo.shortText), \(hi.shortText)]"
        case let (lo?, nil): return "≥ \(lo.shortText)"
        case let (nil, hi?): return "≤ \(hi.shortText)"
        case (nil, nil): return "any finite number"
        }
    }
}

/// What a plugin file declares about itself; read once, without running `step`.
package struct PluginDescriptor: Equatable, Sendable {
    package var id: String
    package var title: String
    package var doc: String
    package var params: [ParameterSpec]
    package var writes: [String]
    /// The file as found on the plugin path.
    package var file: String
    package var source: String

    package init(id: String, title: String, doc: String, params: [ParameterSpec], writes: [String], file: String, source: String) {
        self.id = id; self.title = title; self.doc = doc; self.params = params
        self.writes = writes; self.file = file; self.source = source
    }

    package func param(_ name: String) -> ParameterSpec? { params.first { $0.name == name } }
}

extension Double {
    /// The shortest text that reads back to the same double (CONTRACT §5),
    /// with whole numbers written without a fraction where that is exact.
    package var shortText: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return description
    }
}
