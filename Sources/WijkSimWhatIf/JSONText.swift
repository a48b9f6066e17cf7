/// JSON written by hand, in a fixed key order and fast: a run's answer has
/// thousands of rows. Numbers are written as `wijksim run` writes them in
/// its CSV files (the shortest text that reads back to the same double),
/// so a JSON number and the CSV cell are the same value; a value that JSON
/// cannot hold (NaN, ±∞) and an empty CSV cell are `null`.
package struct JSONText {
    package private(set) var text: String = ""
    /// Per open container: whether it still has no element.
    private var empty: [Bool] = []
    /// A key was written and its value comes next.
    private var afterKey = false

    package init(capacity: Int = 0) { text.reserveCapacity(capacity) }

    /// The comma before an element, unless it is a container's first or a key's value.
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        if let last = empty.last {
            if last { empty[empty.count - 1] = false } else { text += "," }
        }
    }

    package mutating func beginObject() { separate(); text += "{"; empty.append(true) }
    package mutating func endObject() { empty.removeLast(); text += "}" }
    package mutating func beginArray() { separate(); text += "["; empty.append(true) }
    package mutating func endArray() { empty.removeLast(); text += "]" }

    package mutating func key(_ name: String) {
        separate()
        text += JSONText.quote(name)
        text += ":"
        afterKey = true
    }

    private mutating func value(_ raw: String) { separate(); text += raw }

    package mutating func string(_ s: String) { value(JSONText.quote(s)) }
    package mutating func number(_ x: Double) { value(x.isFinite ? x.description : "null") }
    package mutating func number(_ x: Double?) { value(x.map { $0.isFinite ? $0.description : "null" } ?? "null") }
    package mutating func integer(_ n: Int) { value(String(n)) }
    package mutating func integer(_ n: Int?) { value(n.map(String.init) ?? "null") }
    package mutating func bool(_ b: Bool) { value(b ? "true" : "false") }
    package mutating func null() { value("null") }
    /// Text that is already JSON.
    package mutating func raw(_ json: String) { value(json) }

    package mutating func field(_ name: String, _ s: String) { key(name); string(s) }
    package mutating func field(_ name: String, _ x: Double) { key(name); number(x) }
    package mutating func field(_ name: String, _ x: Double?) { key(name); number(x) }
    package mutating func field(_ name: String, integer n: Int) { key(name); integer(n) }
    package mutating func field(_ name: String, integer n: Int?) { key(name); integer(n) }
    package mutating func field(_ name: String, _ b: Bool) { key(name); bool(b) }

    /// A JSON string literal.
    package static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // `<` escaped too, so that JSON can sit inside a <script> element
            case "<": out += "\\u003c"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
