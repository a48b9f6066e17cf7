import Foundation
import WijkSimModel

/// A request's problem: answered with 400 and `{"error": message}`.
package struct BadRequest: Error, Equatable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// The body of `POST /api/run` (CONTRACT §13), checked against the
/// scenario. `params` fixes `INSTANCE.PARAM` to one number in every draw;
/// `draws` replaces the server's number of draws. Extensions (compatible:
/// every field is optional): `seed`, and per intervention its years and
/// whether it runs at all: `"interventions": {"NAME": {"from": 2025,
/// "to": 2030, "active": false}}`.
package struct WhatIfRequest: Equatable, Sendable {
    package struct Window: Equatable, Sendable {
        package var from: Int?
        package var to: Int?
        package var active: Bool?
        package init(from: Int? = nil, to: Int? = nil, active: Bool? = nil) {
            self.from = from; self.to = to; self.active = active
        }
    }

    /// `instance.param` → value, in key order (so that the same request gives the same scenario).
    package var params: [(key: String, instance: String, param: String, value: Double)] = []
    package var draws: Int?
    package var seed: UInt64?
    package var interventions: [String: Window] = [:]

    package init() {}

    /// The scenario as it is, at these draws and seed.
    package init(draws: Int?, seed: UInt64?) {
        self.draws = draws
        self.seed = seed
    }

    package static func == (a: WhatIfRequest, b: WhatIfRequest) -> Bool {
        a.params.map(\.key) == b.params.map(\.key) && a.params.map(\.value) == b.params.map(\.value)
            && a.draws == b.draws && a.seed == b.seed && a.interventions == b.interventions
    }

    package static let fields = ["params", "draws", "seed", "interventions"]
}

/// Any JSON value of a request body, decoded without losing what kind it
/// was, so that a message can say "expected a number, found a string".
/// (What wijksim writes is `WijkSimFiles.JSONValue` or `JSONText`.)
enum RequestValue: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([RequestValue])
    case object([String: RequestValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let b = try? container.decode(Bool.self) { self = .bool(b); return }
        if let x = try? container.decode(Double.self) { self = .number(x); return }
        if let s = try? container.decode(String.self) { self = .string(s); return }
        if let a = try? container.decode([RequestValue].self) { self = .array(a); return }
        self = .object(try container.decode([String: RequestValue].self))
    }

    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "true/false"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    /// A whole number, where the JSON number is one (1000 and 1000.0 alike).
    var wholeNumber: Int? {
        guard case let .number(x) = self, x.isFinite, x == x.rounded(), abs(x) < 1e15 else { return nil }
        return Int(x)
    }
}
