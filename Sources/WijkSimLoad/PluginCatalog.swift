import Foundation
import WijkSimLua
import WijkSimModel

/// Finds plugins on a plugin path (the first folder holding `NAME.lua`
/// wins) and reads their descriptors in one sandboxed Lua state.
package final class PluginCatalog {
    package let path: [String]
    private let host = LuaHost()
    private var cache: [String: PluginDescriptor] = [:]

    package init(path: [String]) { self.path = path }

    /// Every plugin id on the path, sorted.
    package var available: [String] {
        var ids = Set<String>()
        for folder in path {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files where file.hasSuffix(".lua") { ids.insert(String(file.dropLast(4))) }
        }
        return ids.sorted()
    }

    package func file(for id: String) -> String? {
        for folder in path {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(id + ".lua").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The descriptor of plugin `id`; `BadInput` when it is missing or broken.
    package func descriptor(_ id: String, usedAt location: SourceLocation? = nil) throws -> PluginDescriptor {
        if let known = cache[id] { return known }
        guard let file = file(for: id) else {
            let folders = path.map { DisplayPath.of($0) }.joined(separator: ", ")
            throw BadInput("unknown plugin \"\(id)\"\(NearestName.suggestion(for: id, among: available)); no \(id).lua in \(folders)", at: location)
        }
        let descriptor = try read(file: file)
        cache[id] = descriptor
        return descriptor
    }

    package func read(file: String) throws -> PluginDescriptor {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BadInput("cannot read the plugin", at: SourceLocation(file: file))
        }
        // Before decoding: a real precompiled chunk is not UTF-8, and "not
        // UTF-8" would hide what is wrong with it.
        if data.first == 0x1B {
            throw BadInput("binary (precompiled) chunks are not allowed; ship the Lua source", at: SourceLocation(file: file))
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw BadInput("cannot read the plugin as UTF-8 text", at: SourceLocation(file: file))
        }
        return try host.loadPlugin(file: file, source: source).descriptor
    }
}
