import Foundation
import WijkSimModel

/// The list of files one wijksim command wrote, kept beside them.
///
/// It is how wijksim knows, without guessing from names, which files in a
/// folder are its own: only a listed file whose bytes are still the ones it
/// wrote may be replaced or removed (CONTRACT §5). A folder output keeps it
/// as `DIR/.wijksim-manifest.json`; a single output file `F` keeps its own
/// as `.F.wijksim.json` beside it.
package struct OutputManifest: Codable, Equatable, Sendable {
    package struct Entry: Codable, Equatable, Sendable {
        /// Relative to the folder, `/`-separated, never `..` or absolute.
        package var path: String
        package var bytes: Int
        package var hash: String
    }

    package var wijksim: String
    package var command: String
    package var files: [Entry]

    package static let folderFileName = ".wijksim-manifest.json"

    package init(command: String, files: [Entry]) {
        self.wijksim = WijkSimVersion.current
        self.command = command
        self.files = files.sorted { $0.path < $1.path }
    }

    package static func sidecar(of file: String) -> String {
        let url = URL(fileURLWithPath: file)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".wijksim.json").path
    }

    /// As `JSONEncoder` wrote it (pretty printed, sorted keys, `/` as is),
    /// without its Codable machinery on every run.
    package var json: String {
        let entries = files.map { entry -> JSONValue in
            .object(["path": .string(entry.path), "bytes": .integer(entry.bytes), "hash": .string(entry.hash)])
        }
        let manifest = JSONValue.object(["wijksim": .string(wijksim), "command": .string(command), "files": .array(entries)])
        return PrettyJSON.text(manifest, keyOrder: .utf8, escapeSlashes: false) + "\n"
    }

    /// Reads a manifest; one that does not parse, or that names a path
    /// outside its folder, is not trusted with anyone's files.
    package static func read(_ path: String, describing folder: String) throws -> OutputManifest {
        let damaged = BadInput(
            "\(DisplayPath.of(path)) is damaged, so wijksim cannot tell which files in \(DisplayPath.of(folder)) it wrote; "
                + "choose another --out, or remove that folder yourself")
        guard let data = FileManager.default.contents(atPath: path),
              let manifest = try? JSONDecoder().decode(OutputManifest.self, from: data)
        else { throw damaged }
        for entry in manifest.files where !isSafeRelativePath(entry.path) { throw damaged }
        return manifest
    }

    static func isSafeRelativePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && !path.hasPrefix("/") && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}

/// What is on disk at a path that a manifest lists.
package enum ListedFile: Equatable {
    case missing
    case unchanged
    /// A user changed it, replaced it with a folder or a link, or it cannot be read.
    case changed

    package static func check(_ path: String, against entry: OutputManifest.Entry) -> ListedFile {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT ? .missing : .changed }
        guard (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == entry.bytes,
              let hash = ContentHash.ofFile(path, count: entry.bytes)
        else { return .changed }
        return ContentHash.hex(hash) == entry.hash ? .unchanged : .changed
    }
}
