import ArgumentParser
import Foundation
import WijkSimLoad
import WijkSimModel

struct Plugins: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the plugins on the plugin path with their parameters.")

    @Option(name: .customLong("plugins"), help: "A plugin folder (repeatable; default: plugins).")
    var folders: [String] = []

    func run() throws {
        let catalog = PluginCatalog(path: folders.isEmpty ? ["plugins"] : folders)
        let ids = catalog.available
        if ids.isEmpty {
            throw BadInput("no plugins (*.lua) in \(catalog.path.joined(separator: ", "))")
        }
        var problems: [Diagnostic] = []
        for id in ids {
            do {
                print(describe(try catalog.descriptor(id)))
            } catch let error as BadInput {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw BadInput(problems) }
    }

    func describe(_ plugin: PluginDescriptor) -> String {
        var lines = ["\(plugin.id) — \(plugin.title)  (\(DisplayPath.of(plugin.file)))"]
        lines.append("  writes: \(plugin.writes.isEmpty ? "nothing" : plugin.writes.joined(separator: ", "))")
        for p in plugin.params {
            var text = "  \(p.name) = \(p.defaultValue.shortText)"
            text += "  range \(p.rangeText)"
            if let unit = p.unit { text += "  [\(unit)]" }
            lines.append(text)
            if let evidence = p.evidence { lines.append("      evidence: \(evidence.rawValue)") }
            if let source = p.source { lines.append("      source: \(source)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
