import Foundation

/// Where a problem is: a file and, where it applies, a line, a column and a
/// YAML key path or CSV column. Rendered once, in `description`, so that
/// every message in wijksim reads the same way: `file:line: key.path: …`.
public struct SourceLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var keyPath: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
    }

    public func at(keyPath: String) -> SourceLocation {
        var copy = self
        copy.keyPath = keyPath
        return copy
    }

    public var description: String {
        var text = DisplayPath.of(file)
        if let line { text += ":\(line)" }
        if let keyPath, !keyPath.isEmpty { text += ": \(keyPath)" }
        return text
    }
}

/// One problem found in the input or while running, with its location.
public struct Diagnostic: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }
}

/// Bad input (CONTRACT §4: exit 2): every problem that validation found,
/// not only the first, so a user fixes them in one round.
public struct BadInput: Error, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ message: String, at location: SourceLocation? = nil) {
        self.diagnostics = [Diagnostic(message, at: location)]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A failure while running (CONTRACT §4: exit 1), such as a plugin error or
/// a NaN reaching the state.
public struct RunFailure: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Collects diagnostics during validation; `check()` throws them all at once.
public struct DiagnosticList {
    public private(set) var items: [Diagnostic] = []
    public init() {}
    public var isEmpty: Bool { items.isEmpty }
    public mutating func add(_ message: String, at location: SourceLocation?) {
        items.append(Diagnostic(message, at: location))
    }
    public mutating func add(_ error: BadInput) { items += error.diagnostics }
    public func check() throws {
        if !items.isEmpty { throw BadInput(items) }
    }
}
