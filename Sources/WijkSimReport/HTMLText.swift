import Foundation
import WijkSimFiles
import WijkSimModel

/// Text for the HTML report: escaping, and numbers as a Dutch reader
/// expects them (decimal comma, a point between thousands, a real minus
/// sign). Every number shown goes out as `<data value="…">`, the value
/// written as in the CSV files, so that a test or a tool can read back
/// exactly which number a rounded text stands for.
enum HTMLText {
    static let minus = "\u{2212}"
    static let nbsp = "\u{00A0}"

    /// Escapes text for element content and for quoted attribute values.
    /// By Unicode scalar, not by Character: faster (most text has nothing to
    /// escape and is returned as it is), and a quote with a combining mark
    /// after it is one Character that equals no `"`, yet it ends an attribute.
    static func escape(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `value` rounded to `decimals`, e.g. `−1.234,5`; a value that rounds to zero has no sign.
    static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : minus + "∞") }
        // ASCII digits with at most one point: regrouped byte by byte, a few hundred numbers a report
        let digits = Array(FixedPoint.text(abs(value), decimals: decimals).utf8)
        let point = digits.firstIndex(of: UInt8(ascii: ".")) ?? digits.count
        var body: [UInt8] = []
        body.reserveCapacity(digits.count + point / 3 + 1)
        for k in 0..<point {
            if k > 0 && (point - k) % 3 == 0 { body.append(UInt8(ascii: ".")) }
            body.append(digits[k])
        }
        if point < digits.count {
            body.append(UInt8(ascii: ","))
            body.append(contentsOf: digits[(point + 1)...])
        }
        let roundsToZero = digits.allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
        let text = String(decoding: body, as: UTF8.self)
        return value < 0 && !roundsToZero ? minus + text : text
    }

    /// Like `number`, with `+` before a positive value (gaps and differences).
    static func signed(_ value: Double, decimals: Int) -> String {
        let body = number(value, decimals: decimals)
        let roundsToZero = body.utf8.allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }
        return value > 0 && !roundsToZero ? "+" + body : body
    }

    /// A share as a percentage; never "0%" or "100%" for a share that is not exactly 0 or 1.
    static func percent(_ share: Double) -> String {
        var text = number(share * 100, decimals: 0)
        if (text == "100" && share < 1) || (text == "0" && share > 0) {
            text = number(min(max(share * 100, 0.1), 99.9), decimals: 1)
        }
        return text + "%"
    }

    /// Euros, in millions (`€ 9,6 mln`) from one million up.
    static func euros(_ value: Double) -> String {
        let size = abs(value)
        if size >= 1e9 { return "€" + nbsp + number(value / 1e9, decimals: 2) + nbsp + "mld" }
        if size >= 1e6 { return "€" + nbsp + number(value / 1e6, decimals: 1) + nbsp + "mln" }
        return "€" + nbsp + number(value, decimals: 0)
    }

    /// An exact parameter value (`0,025`), as short as reads back the same.
    static func exact(_ value: Double) -> String {
        let text = value.shortText.replacingEvery(".", with: ",")
        return text.hasPrefix("-") ? minus + text.dropFirst() : text
    }

    /// Decimals for an indicator's values and gaps: two on a short scale (a 0–10 score), else one.
    static func decimals(_ indicator: Indicator) -> Int { indicator.max - indicator.min <= 10 ? 2 : 1 }

    /// A number shown as `text`, carrying its full value.
    static func data(_ value: Double, _ text: String) -> String {
        "<data value=\"\(value.csv)\">\(escape(text))</data>"
    }

    /// An indicator value shown with the indicator's decimals.
    static func value(_ value: Double, _ indicator: Indicator) -> String {
        data(value, number(value, decimals: decimals(indicator)))
    }

    /// A gap or difference shown signed with the indicator's decimals.
    static func gap(_ value: Double, _ indicator: Indicator) -> String {
        data(value, signed(value, decimals: decimals(indicator)))
    }

    /// `name="value"` pairs for data-* attributes, escaped.
    static func attributes(_ pairs: [(String, String)]) -> String {
        var text = ""
        for (name, value) in pairs {
            text += " " + name + "=\""
            text += escape(value)
            text += "\""
        }
        return text
    }
}
