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

    /// The text's UTF-8 bytes, for writing as they are.
    package var utf8: [UInt8] { bytes }

    /// `capacity`: the bytes expected, so that a large file is not copied
    /// each time its buffer doubles.
    package init(header: [String], capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
        append(header)
    }

    /// Rows without a header: a piece of a file written in pieces.
    package init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Empty again, its room kept for the next piece.
    package mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    /// The bytes so far, without a copy.
    package func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    package mutating func append(_ cells: [String]) {
        for (k, cell) in cells.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            appendCell(cell)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// A cell that needs no quotes (nearly all) is copied as it is, looked at once.
    private mutating func appendCell(_ cell: String) {
        var cell = cell
        let plain = cell.withUTF8 { utf8 in
            guard !utf8.contains(where: CSVText.needsQuotes) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain { bytes.append(contentsOf: CSVText.quote(cell).utf8) }
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Text that is already a row's start, quoted where needed.
    package mutating func appendRaw(_ start: String) {
        var start = start
        start.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The rest of a row: numbers in full precision (`Double.csv`), then the line end.
    package mutating func appendNumbers(_ numbers: Double...) {
        for (k, number) in numbers.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.appendShortest(number)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Looks at the UTF-8 bytes, not at Characters: comparing Characters
    /// was most of the time spent writing a sweep's trajectories, and a
    /// "\r\n" inside a cell is one Character equal to neither "\r" nor "\n".
    package static func quote(_ cell: String) -> String {
        guard cell.utf8.contains(where: needsQuotes) else { return cell }
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
