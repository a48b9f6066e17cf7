import WijkSimModel

/// A JSON value for the indented files wijksim writes (scenario.json, the
/// output manifests).
package indirect enum JSONValue: Sendable {
    case string(String)
    /// Already JSON number text (see `number(_:)`, `integer(_:)`).
    case numberText(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// As Foundation writes a double: its shortest round-trip text, without
    /// a trailing `.0`. JSON has no NaN or infinity.
    package static func number(_ x: Double) throws -> JSONValue {
        guard x.isFinite else { throw RunFailure("\(x) cannot be written as a JSON number") }
        let text = x.description
        return .numberText(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
    }

    package static func integer(_ n: some BinaryInteger) -> JSONValue { .numberText(String(n)) }
}

/// Writes a `JSONValue` byte for byte as Foundation's pretty printing does
/// (`JSONSerialization` for scenario.json, `JSONEncoder` for manifests), so
/// that files stay identical to those earlier versions wrote, without
/// Foundation's dynamic casts, bridging and locale-aware key sorting, which
/// cost more than the rest of writing a small run's files.
package struct PrettyJSON {
    package enum KeyOrder {
        /// `JSONSerialization`'s `.sortedKeys` (`JSONKeyOrder`).
        case serialization
        /// `JSONEncoder`'s `.sortedKeys`: by UTF-8 bytes.
        case utf8
    }

    let keyOrder: KeyOrder
    /// `/` as `\/`, as Foundation writes it unless told `.withoutEscapingSlashes`.
    let escapeSlashes: Bool
    private var text = ""
    /// The current indentation, two spaces a level.
    private var indent = ""

    package static func text(_ value: JSONValue, keyOrder: KeyOrder = .serialization, escapeSlashes: Bool = true) -> String {
        var writer = PrettyJSON(keyOrder: keyOrder, escapeSlashes: escapeSlashes)
        writer.text.reserveCapacity(4096)
        writer.write(value)
        return writer.text
    }

    private init(keyOrder: KeyOrder, escapeSlashes: Bool) {
        self.keyOrder = keyOrder
        self.escapeSlashes = escapeSlashes
    }

    private mutating func write(_ value: JSONValue) {
        switch value {
        case let .string(s): writeString(s)
        case let .numberText(n): text += n
        case let .bool(b): text += b ? "true" : "false"
        case .null: text += "null"
        case let .array(elements):
            text += "[\n"
            indent += "  "
            for (k, element) in elements.enumerated() {
                if k > 0 { text += ",\n" }
                writeIndent()
                write(element)
            }
            text += "\n"
            indent.removeLast(2)
            writeIndent()
            text += "]"
        case let .object(members):
            text += "{\n"
            indent += "  "
            let precedes = keyOrder == .serialization ? JSONKeyOrder.precedes : { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (k, member) in members.sorted(by: { precedes($0.key, $1.key) }).enumerated() {
                if k > 0 { text += ",\n" }
                writeIndent()
                writeString(member.key)
                text += " : "
                write(member.value)
            }
            text += "\n"
            indent.removeLast(2)
            writeIndent()
            text += "}"
        }
    }

    private mutating func writeIndent() {
        text += indent
    }

    private mutating func writeString(_ s: String) {
        text += JSONString.quoted(s, escaping: escapeSlashes ? .slashes : [])
    }
}
