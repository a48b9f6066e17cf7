import Foundation

/// One cell of a CBS export as the importer reads it: a number, a value
/// CBS leaves out (with the marker it used, so a warning can quote it), or
/// text that is neither.
enum CBSCell: Equatable {
    case number(Double)
    case missing(marker: String)
    case invalid(String)

    /// StatLine writes `.` for an unknown figure and `x` for a secret one;
    /// CBS's other KWB files use sentinel codes such as -99999999 and
    /// -99999997 (no real KWB figure comes near them). Dutch spreadsheets
    /// write a decimal comma (`12,5`), which is read as `12.5`.
    init(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text == "." || text.lowercased() == "x" {
            self = .missing(marker: text)
            return
        }
        let decimal = text.filter { $0 == "," }.count == 1 && !text.contains(".") ? text.replacingOccurrences(of: ",", with: ".") : text
        guard let value = Double(csv: decimal) else {
            self = .invalid(text)
            return
        }
        self = value <= CBSCell.sentinelBound ? .missing(marker: text) : .number(value)
    }

    static let sentinelBound = -99_999_990.0

    /// The marker as a warning quotes it: `"."`, or `empty cell`.
    var markerText: String {
        guard case .missing(let marker) = self else { return "" }
        return marker.isEmpty ? "empty cell" : "\"\(marker)\""
    }
}
