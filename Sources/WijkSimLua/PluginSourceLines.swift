/// Finds the line of an entry of the table a plugin returns by scanning the
/// plugin's source text, since Lua tables keep no line information. Used
/// only to put `file:line` on errors in that table; every lookup answers
/// `nil` when the text does not show the entry (a table built by code),
/// and the error is then reported without a line, as before.
///
/// The scan blanks comments and the insides of strings, then matches
/// braces: a top-level field is `key =` at brace depth 1 (the first table
/// that holds it), a parameter is `name =` or `["name"] =` directly inside
/// `params = {…}` (else `name = {` anywhere), a field of a parameter is
/// `field =` directly inside that parameter's braces.
package struct PluginSourceLines {
    private let text: [UInt8]   // the source
    private let code: [UInt8]   // the source with comments and string contents blanked
    private let depth: [Int]    // brace depth before each byte of `code`

    package init(source: String) {
        let text = Array(source.utf8), code = PluginSourceLines.blanked(text)
        var level = 0
        self.text = text
        self.code = code
        self.depth = code.map { byte in
            defer {
                if byte == UInt8(ascii: "{") { level += 1 }
                if byte == UInt8(ascii: "}") { level = max(level - 1, 0) }
            }
            return level
        }
    }

    /// The line of a field of the returned table: `id`, `title`, `writes`, `step`, `params`.
    package func line(of key: String) -> Int? {
        assignment(of: key, in: 0..<code.count, atDepth: 1).map(line(at:))
    }

    /// The line of parameter `name` in `params`, or of its `field` (such as
    /// `evidence`) when that is written inside the parameter's braces.
    package func line(ofParameter name: String, field: String? = nil) -> Int? {
        var entry: Int?
        if let block = valueBraces(ofAssignmentAt: assignment(of: "params", in: 0..<code.count, atDepth: 1)) {
            entry = assignment(of: name, in: block, atDepth: depth[block.lowerBound] + 1)
        }
        if entry == nil {
            entry = (0..<code.count).first { isAssignment(of: name, at: $0) && valueBraces(ofAssignmentAt: $0) != nil }
        }
        guard let entry else { return nil }
        if let field, let braces = valueBraces(ofAssignmentAt: entry),
           let at = assignment(of: field, in: braces, atDepth: depth[braces.lowerBound] + 1) {
            return line(at: at)
        }
        return line(at: entry)
    }

    /// The line of the string `id` in `writes = {…}`, else of `writes`.
    package func line(ofWrite id: String) -> Int? {
        let writes = assignment(of: "writes", in: 0..<code.count, atDepth: 1)
        if let block = valueBraces(ofAssignmentAt: writes) {
            for quote in ["\"", "'"] {
                let literal = Array((quote + id + quote).utf8)
                if let at = block.first(where: { text[$0...].starts(with: literal) && code[$0] == literal[0] }) {
                    return line(at: at)
                }
            }
        }
        return writes.map(line(at:))
    }

    // MARK: Scanning

    private func line(at offset: Int) -> Int {
        text[..<offset].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// The first `key =` (or `["key"] =`) in `range` at brace depth `level`.
    private func assignment(of key: String, in range: Range<Int>, atDepth level: Int) -> Int? {
        range.first { depth[$0] == level && isAssignment(of: key, at: $0) }
    }

    private func isAssignment(of key: String, at offset: Int) -> Bool {
        let name = Array(key.utf8)
        guard !name.isEmpty else { return false }
        var end: Int
        if code[offset...].starts(with: name) {
            if offset > 0, isNameByte(code[offset - 1]) || code[offset - 1] == UInt8(ascii: ".") { return false }
            end = offset + name.count
            if end < code.count, isNameByte(code[end]) { return false }
        } else if text[offset...].starts(with: Array("[\"\(key)\"]".utf8)) || text[offset...].starts(with: Array("['\(key)']".utf8)),
                  code[offset] == UInt8(ascii: "[") {
            end = offset + name.count + 4
        } else {
            return false
        }
        end = skipSpace(end)
        return end < code.count && code[end] == UInt8(ascii: "=") && (end + 1 == code.count || code[end + 1] != UInt8(ascii: "="))
    }

    /// The range from `{` to its `}` when the assignment at `offset` has a table constructor as its value.
    private func valueBraces(ofAssignmentAt offset: Int?) -> Range<Int>? {
        guard let offset, let equals = code[offset...].firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let open = skipSpace(equals + 1)
        guard open < code.count, code[open] == UInt8(ascii: "{") else { return nil }
        let inner = depth[open] + 1
        let close = ((open + 1)..<code.count).first { (i: Int) -> Bool in code[i] == UInt8(ascii: "}") && depth[i] == inner }
        return open..<(close ?? code.count)
    }

    private func skipSpace(_ offset: Int) -> Int {
        var i = offset
        let space: Set<UInt8> = [32, 9, 10, 13]
        while i < code.count, space.contains(code[i]) { i += 1 }
        return i
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        let letter = byte | 0x20
        if (97...122).contains(letter) || (48...57).contains(byte) { return true }
        return byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// `source` with comments and the insides of strings replaced by spaces
    /// (newlines kept, so offsets and lines stay the same).
    private static func blanked(_ source: [UInt8]) -> [UInt8] {
        var out = source
        var i = 0
        func blank(_ range: Range<Int>) {
            for j in range where out[j] != UInt8(ascii: "\n") { out[j] = 32 }
        }
        /// At `[` followed by `=`* and `[`: the end of the long bracket, or nil.
        func longBracketEnd(from start: Int) -> Int? {
            var j = start + 1, level = 0
            while j < source.count, source[j] == UInt8(ascii: "=") { level += 1; j += 1 }
            guard j < source.count, source[j] == UInt8(ascii: "[") else { return nil }
            let closing = [UInt8(ascii: "]")] + Array(repeating: UInt8(ascii: "="), count: level) + [UInt8(ascii: "]")]
            var k = j + 1
            while k < source.count, !source[k...].starts(with: closing) { k += 1 }
            return min(k + closing.count, source.count)
        }
        while i < source.count {
            let byte = source[i]
            if byte == UInt8(ascii: "-"), i + 1 < source.count, source[i + 1] == UInt8(ascii: "-") {
                var end = source[i...].firstIndex(of: UInt8(ascii: "\n")) ?? source.count
                if i + 2 < source.count, source[i + 2] == UInt8(ascii: "["), let long = longBracketEnd(from: i + 2) { end = long }
                blank(i..<end)
                i = end
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                var j = i + 1
                while j < source.count, source[j] != byte, source[j] != UInt8(ascii: "\n") {
                    j += source[j] == UInt8(ascii: "\\") ? 2 : 1
                }
                let end = min(j, source.count)
                blank((i + 1)..<end)
                i = end + 1
            } else if byte == UInt8(ascii: "["), let end = longBracketEnd(from: i) {
                blank((i + 1)..<(end - 1))
                i = end
            } else {
                i += 1
            }
        }
        return out
    }
}
