import WijkSimFiles

/// JSON written by hand, in a fixed key order and fast: a run's answer has
/// thousands of rows. Numbers are written as `wijksim run` writes them in
/// its CSV files (the shortest text that reads back to the same double),
/// so a JSON number and the CSV cell are the same value; a value that JSON
/// cannot hold (NaN, ±∞) and an empty CSV cell are `null`.
///
/// The text grows as UTF-8 bytes, like `CSVText`: building it from `String`
/// concatenations was a tenth of a `serve` request.
package struct JSONText {
    package private(set) var bytes: [UInt8] = []
    /// Per open container: whether it still has no element.
    private var empty: [Bool] = []
    /// A key was written and its value comes next.
    private var afterKey = false

    package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The comma before an element, unless it is a container's first or a key's value.
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        if let last = empty.last {
            if last { empty[empty.count - 1] = false } else { bytes.append(UInt8(ascii: ",")) }
        }
    }

    package mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); empty.append(true) }
    package mutating func endObject() { empty.removeLast(); bytes.append(UInt8(ascii: "}")) }
    package mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); empty.append(true) }
    package mutating func endArray() { empty.removeLast(); bytes.append(UInt8(ascii: "]")) }

    package mutating func key(_ name: String) {
        separate()
        append(JSONText.quote(name))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    package mutating func string(_ s: String) { separate(); append(JSONText.quote(s)) }
    package mutating func number(_ x: Double) { separate(); appendNumber(x) }
    package mutating func number(_ x: Double?) { if let x { number(x) } else { null() } }
    package mutating func integer(_ n: Int) { separate(); append(String(n)) }
    package mutating func integer(_ n: Int?) { if let n { integer(n) } else { null() } }
    package mutating func bool(_ b: Bool) { separate(); append(b ? "true" : "false") }
    package mutating func null() { separate(); append("null") }
    /// Text that is already JSON, as one element.
    package mutating func raw(_ json: String) { separate(); append(json) }

    package mutating func field(_ name: String, _ s: String) { key(name); string(s) }
    package mutating func field(_ name: String, _ x: Double) { key(name); number(x) }
    package mutating func field(_ name: String, _ x: Double?) { key(name); number(x) }
    package mutating func field(_ name: String, integer n: Int) { key(name); integer(n) }
    package mutating func field(_ name: String, integer n: Int?) { key(name); integer(n) }
    package mutating func field(_ name: String, _ b: Bool) { key(name); bool(b) }

    // MARK: pieces of an element, for rows written without the container bookkeeping

    /// Starts an element of the open array: its comma, if it is not the first.
    package mutating func beginElement() { separate() }
    /// Text copied as it is, inside an element (a key with its quotes, a `{`).
    package mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
    /// Bytes already written as JSON (a kept row), inside an element.
    package mutating func appendBytes(_ text: ArraySlice<UInt8>) { bytes.append(contentsOf: text) }
    /// A number (or `null`), inside an element.
    package mutating func appendNumber(_ x: Double) {
        if x.isFinite { bytes.appendShortest(x) } else { append("null") }
    }

    /// A JSON string literal; `<` escaped too, so that JSON can sit inside a <script> element.
    package static func quote(_ s: String) -> String { JSONString.quoted(s, escaping: .lessThan) }
}
