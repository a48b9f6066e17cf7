import WijkSimModel

/// Builds CSV text: a header, then rows of cells quoted only when needed
/// (RFC 4180). Every CSV file wijksim writes is made here, so all quote alike.
///
/// The text grows as UTF-8 bytes and becomes a `String` once, when read:
/// appending to a `String` cell by cell cost more than making the cells
/// (a comparison's file has a hundred thousand of them).
package struct CSVText: Sendable {
    private var bytes: [UInt8] = []

    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package init(header: [String]) {
        append(header)
    }

    package mutating func append(_ cells: [String]) {
        for (k, cell) in cells.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: CSVText.quote(cell).utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Text that is already a row's start, quoted where needed.
    package mutating func appendRaw(_ start: String) {
        bytes.append(contentsOf: start.utf8)
    }

    /// The rest of a row: numbers in full precision (`Double.csv`), then the line end.
    package mutating func appendNumbers(_ numbers: Double...) {
        for (k, number) in numbers.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: number.csv.utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Looks at the UTF-8 bytes, not at Characters: comparing Characters
    /// was most of the time spent writing a sweep's trajectories, and a
    /// "\r\n" inside a cell is one Character equal to neither "\r" nor "\n".
    package static func quote(_ cell: String) -> String {
        guard cell.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else { return cell }
        return "\"" + cell.replacingEvery("\"", with: "\"\"") + "\""
    }
}

extension Double {
    /// Full precision for output files: the shortest text that reads back
    /// to the same double (CONTRACT §5).
    package var csv: String { description }
}

extension Optional where Wrapped == Double {
    package var csv: String { map(\.description) ?? "" }
}
