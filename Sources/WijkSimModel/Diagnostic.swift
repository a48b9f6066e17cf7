import Foundation

/// Where a problem is: a file and, where it applies, a line, a column and a
/// YAML key path or CSV column. Rendered once, in `description`, so that
/// every message in wijksim reads the same way: `file:line: key.path: …`.
package struct SourceLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    package var file: String
    package var line: Int?
    package var column: Int?
    package var keyPath: String?

    package init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
    }

    package func at(keyPath: String) -> SourceLocation {
        var copy = self
        copy.keyPath = keyPath
        return copy
    }

    package var description: String {
        var text = DisplayPath.of(file)
        if let line { text += ":\(line)" }
        if let keyPath, !keyPath.isEmpty { text += ": \(keyPath)" }
        return text
    }
}

/// One problem found in the input or while running, with its location.
package struct Diagnostic: Equatable, Hashable, Sendable, CustomStringConvertible {
    package var location: SourceLocation?
    package var message: String

    package init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    package var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }
}

/// Bad input (CONTRACT §4: exit 2): every problem that validation found,
/// not only the first, so a user fixes them in one round.
package struct BadInput: Error, Equatable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    package init(_ message: String, at location: SourceLocation? = nil) {
        self.diagnostics = [Diagnostic(message, at: location)]
    }

    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A failure while running (CONTRACT §4: exit 1), such as a plugin error or
/// a NaN reaching the state.
package struct RunFailure: Error, Equatable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// Collects diagnostics during validation; `check()` throws them all at once.
package struct DiagnosticList {
    package private(set) var items: [Diagnostic] = []
    package init() {}
    package var isEmpty: Bool { items.isEmpty }
    package mutating func add(_ message: String, at location: SourceLocation?) {
        items.append(Diagnostic(message, at: location))
    }
    package mutating func add(_ error: BadInput) { items += error.diagnostics }
    package func check() throws {
        if !items.isEmpty { throw BadInput(items) }
    }
}
