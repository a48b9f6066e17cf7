import WijkSimModel

/// Builds CSV text: a header, then rows of cells quoted only when needed.
struct CSVText {
    private(set) var text: String

    init(header: [String]) {
        text = ""
        append(header)
    }

    mutating func append(_ cells: [String]) {
        text += cells.map(CSVText.quote).joined(separator: ",")
        text += "\n"
    }

    static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Double {
    /// Full precision for output files: the shortest text that reads back
    /// to the same double (CONTRACT §5).
    var csv: String { description }
}

extension Optional where Wrapped == Double {
    var csv: String { map(\.description) ?? "" }
}
