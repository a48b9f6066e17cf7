import Foundation

/// Paths in messages are shown relative to the working directory when they
/// lie below it (`plugins/trend.lua:12:`), so that an analyst can click or
/// paste them; other paths stay absolute.
package enum DisplayPath {
    package static func of(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        if standard + "/" == prefix { return "." }
        if standard.hasPrefix(prefix) { return String(standard.dropFirst(prefix.count)) }
        return path
    }
}
