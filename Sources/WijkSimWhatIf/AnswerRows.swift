/// The text of an answer's `trajectories` and `effect` rows, kept to be
/// copied into later answers. A row's text is a function of its place (the
/// variant, wijk, indicator and year, the scenario's name) and its numbers
/// alone, and writing the numbers' shortest text is most of writing a row.
/// A request that moves one slider leaves most rows' numbers as they were
/// (the wijken its change does not reach, the years before it starts), so
/// the answer to the scenario as it is lends those rows their text: a row
/// is copied only when every one of its numbers has the same bits.
package final class AnswerRows: Sendable {
    /// What a row's place in the answer stands for: rows are lent only
    /// between answers of the same layout.
    struct Layout: Equatable {
        var wijken: [String]
        var indicators: [String]
        var firstYear: Int
        var years: Int
        var scenarios: [String]
    }

    /// A row's numbers, as bits, and where its text lies in `bytes`.
    struct Row {
        var numbers: SIMD8<UInt64>
        var start: Int
        var end: Int
    }

    let layout: Layout
    let bytes: [UInt8]
    let trajectories: [Row]
    let effect: [Row]

    init(layout: Layout, bytes: [UInt8], trajectories: [Row], effect: [Row]) {
        self.layout = layout; self.bytes = bytes; self.trajectories = trajectories; self.effect = effect
    }

    /// A row's numbers as bits (not variadic: that made an array per row).
    static func numbers(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double = 0) -> SIMD8<UInt64> {
        SIMD8(a.bitPattern, b.bitPattern, c.bitPattern, d.bitPattern, e.bitPattern, 0, 0, 0)
    }
}

/// Writes an answer's rows, copying those whose numbers a kept answer has
/// at the same place, and notes each row so that the answer can be kept.
struct RowWriter {
    let lending: AnswerRows?
    let recording: Bool
    var trajectories: [AnswerRows.Row] = []
    var effect: [AnswerRows.Row] = []

    init(lending: AnswerRows?, layout: AnswerRows.Layout, recording: Bool) {
        self.lending = lending?.layout == layout ? lending : nil
        self.recording = recording
    }

    /// Row `index` of the effect table (or trajectories) with these numbers:
    /// copied when the kept answer has them, else written by `write`.
    mutating func row(_ json: inout JSONText, effect isEffect: Bool, index: Int, numbers: SIMD8<UInt64>,
                      write: (inout JSONText) -> Void) {
        json.beginElement()
        if let lending {
            let kept = isEffect ? lending.effect : lending.trajectories
            if index < kept.count, kept[index].numbers == numbers {
                json.appendBytes(lending.bytes[kept[index].start..<kept[index].end])
                return
            }
        }
        let start = json.bytes.count
        write(&json)
        if recording {
            let row = AnswerRows.Row(numbers: numbers, start: start, end: json.bytes.count)
            if isEffect { effect.append(row) } else { trajectories.append(row) }
        }
    }

    func kept(_ json: JSONText, layout: AnswerRows.Layout) -> AnswerRows? {
        recording ? AnswerRows(layout: layout, bytes: json.bytes, trajectories: trajectories, effect: effect) : nil
    }
}
