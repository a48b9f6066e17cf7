import Foundation
import WijkSimModel
import Yams

/// A YAML node with the file and key path it was found at, so that every
/// message says `file:line: interventions[2].wijken: …`.
package struct YAMLValue {
    package var node: Node
    package var file: String
    package var path: String

    package var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column, keyPath: path.isEmpty ? nil : path)
    }

    package static func parse(file: String) throws -> YAMLValue {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BadInput("cannot read the file", at: SourceLocation(file: file))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BadInput("not UTF-8 text", at: SourceLocation(file: file))
        }
        do {
            // every scalar is read from its text (`number`, `string`, …), so
            // Yams's tag resolution and construction are not needed: its
            // default resolver compiles ICU regular expressions (a millisecond
            // of every run), its default constructor builds its tables anew on
            // each call, and its default encoding reads the whole environment
            // (and prints to standard output when YAMS_DEFAULT_ENCODING is set)
            guard let node = try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8) else {
                throw BadInput("the file is empty (a scenario mapping was expected)", at: SourceLocation(file: file))
            }
            return YAMLValue(node: node, file: file, path: "")
        } catch let error as YamlError {
            throw BadInput(describe(error), at: SourceLocation(file: file, line: line(of: error)))
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            // most such errors in a scenario are a key indented one step too far or too little
            return "invalid YAML: \(problem)\(context.map { " \($0.text)" } ?? ""); check the indentation "
                + "(keys of one mapping start in the same column, with spaces, not tabs)"
        case let .duplicatedKeysInMapping(duplicates, _):
            return "invalid YAML: key \(duplicates.joined(separator: ", ")) appears twice in one mapping"
        default:
            return "invalid YAML: \(error)"
        }
    }

    func child(_ key: String, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func element(_ index: Int, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, file: file, path: "\(path)[\(index)]")
    }

    package var typeName: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case let .scalar(s): return s.string.isEmpty ? "nothing" : "\"\(s.string)\""
        case .alias: return "an alias"
        }
    }

    // MARK: Typed reads; each records a problem and returns nil on mismatch.

    package func mapping(_ problems: inout DiagnosticList, allowed: [String]? = nil) -> [(key: String, value: YAMLValue)]? {
        guard case let .mapping(mapping) = node else {
            problems.add("expected a mapping, found \(typeName)", at: location)
            return nil
        }
        var entries: [(key: String, value: YAMLValue)] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            let entry = child(name, value)
            if let allowed, !allowed.contains(name) {
                problems.add("unknown key \"\(name)\"\(NearestName.suggestion(for: name, among: allowed)); expected one of \(allowed.joined(separator: ", "))",
                             at: YAMLValue(node: key, file: file, path: entry.path).location)
                continue
            }
            entries.append((name, entry))
        }
        return entries
    }

    package func list(_ problems: inout DiagnosticList) -> [YAMLValue]? {
        guard case let .sequence(sequence) = node else {
            problems.add("expected a list, found \(typeName)", at: location)
            return nil
        }
        return sequence.enumerated().map { element($0.offset, $0.element) }
    }

    package var scalarText: String? {
        guard case let .scalar(scalar) = node else { return nil }
        return scalar.string
    }

    package func string(_ problems: inout DiagnosticList) -> String? {
        guard let text = scalarText, !text.isEmpty else {
            problems.add("expected text, found \(typeName)", at: location)
            return nil
        }
        return text
    }

    package func number(_ problems: inout DiagnosticList) -> Double? {
        guard let text = scalarText, let value = Double(csv: text.replacingEvery("_", with: "")) else {
            problems.add("expected a number, found \(typeName)", at: location)
            return nil
        }
        return value
    }

    package func integer(_ problems: inout DiagnosticList, minimum: Int? = nil) -> Int? {
        guard let text = scalarText, let value = Int(text.replacingEvery("_", with: "")) else {
            problems.add("expected a whole number, found \(typeName)", at: location)
            return nil
        }
        if let minimum, value < minimum {
            problems.add("expected a whole number ≥ \(minimum), found \(value)", at: location)
            return nil
        }
        return value
    }

    package func bool(_ problems: inout DiagnosticList) -> Bool? {
        switch scalarText?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problems.add("expected true or false, found \(typeName)", at: location)
            return nil
        }
    }
}
