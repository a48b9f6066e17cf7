import Foundation

/// Foundation's replacing, finding, trimming and padding, done in Swift when
/// the text is ASCII (numbers, ids, most names), where the result is the
/// same by construction. Foundation bridges every call to NSString: a few
/// percent of a small run, spent on the summary's and the report's numbers
/// and on every cell of the data files. Other text still goes to Foundation:
/// it compares composed character sequences (a `"` with a combining mark
/// after it is no `"`) and counts UTF-16 units, and the files must keep
/// their bytes.
extension String {
    /// `replacingOccurrences(of: target, with: replacement)`.
    package func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, utf8.allSatisfy({ $0 < 0x80 }), target.utf8.allSatisfy({ $0 < 0x80 }) else {
            return replacingOccurrences(of: target, with: replacement)
        }
        let text = Array(utf8), pattern = Array(target.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var k = 0
        while k < text.count {
            if text[k] == pattern[0], k + pattern.count <= text.count, text[k..<(k + pattern.count)].elementsEqual(pattern) {
                out.append(contentsOf: replacement.utf8)
                k += pattern.count
            } else {
                out.append(text[k])
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `range(of: target)`.
    package func rangeOfFirst(_ target: String) -> Range<String.Index>? {
        guard !target.isEmpty, utf8.allSatisfy({ $0 < 0x80 }), target.utf8.allSatisfy({ $0 < 0x80 }) else { return range(of: target) }
        let pattern = Array(target.utf8)
        var start = utf8.startIndex
        while let found = utf8[start...].firstIndex(of: pattern[0]) {
            if let end = utf8.index(found, offsetBy: pattern.count, limitedBy: utf8.endIndex), utf8[found..<end].elementsEqual(pattern) {
                return found..<end
            }
            start = utf8.index(after: found)
        }
        return nil
    }

    /// `trimmingCharacters(in: .whitespaces)`: in ASCII, spaces and tabs.
    package func trimmingSpaces() -> String {
        let blankOrNotASCII: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 >= 0x80 }
        // both ends ASCII and not blank (a byte under 0x80 is a whole scalar): nothing to trim, whatever lies between
        if let first = utf8.first, let last = utf8.last, !blankOrNotASCII(first), !blankOrNotASCII(last) { return self }
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return trimmingCharacters(in: .whitespaces) }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = utf8.firstIndex(where: { !blank($0) }), let last = utf8.lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }

    /// `padding(toLength: length, withPad: " ", startingAt: 0)`, which counts UTF-16 units.
    package func paddedWithSpaces(to length: Int) -> String {
        let units = utf16.count
        guard units <= length else { return padding(toLength: length, withPad: " ", startingAt: 0) }
        return self + String(repeating: " ", count: length - units)
    }
}
