/// A JSON string literal: the one escaping rule of every JSON wijksim
/// writes (`PrettyJSON` for files, `JSONText` for the what-if server).
package enum JSONString {
    package struct Escapes: OptionSet, Sendable {
        package let rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }
        /// `/` as `\/`, as Foundation's JSONEncoder wrote it: the files
        /// stay byte for byte what they were.
        package static let slashes = Escapes(rawValue: 1)
        /// `<` as `\u003c`, so that the JSON can sit inside a `<script>`
        /// element of a page.
        package static let lessThan = Escapes(rawValue: 2)
    }

    /// `s` in quotes, with `"`, `\`, control characters and `escapes` escaped.
    package static func quoted(_ s: String, escaping escapes: Escapes = []) -> String {
        let plain = s.utf8.allSatisfy {
            $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
                && !(escapes.contains(.slashes) && $0 == UInt8(ascii: "/"))
                && !(escapes.contains(.lessThan) && $0 == UInt8(ascii: "<"))
        }
        if plain { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/" where escapes.contains(.slashes): out += "\\/"
            case "<" where escapes.contains(.lessThan): out += "\\u003c"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}"..."\u{1f}":
                let hex = String(scalar.value, radix: 16)
                out += (hex.count == 1 ? "\\u000" : "\\u00") + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
