import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WijkSimModel

/// Writes an output folder so that it appears complete or not at all and
/// never costs the user a file (CONTRACT §5).
///
/// Where `--out DIR` may go is decided before anything runs: a DIR that does
/// not exist or is empty is used; a DIR holding an earlier wijksim output
/// (its manifest lists every file, and each listed file is unchanged) is
/// replaced, keeping whatever else is in it; anything else is refused, since
/// only the user knows what those files are worth.
///
/// Files go into a staging folder first. A new DIR is that staging folder
/// renamed into place; into an existing DIR the staged files are renamed one
/// by one at the end (a rename replaces a file atomically), then the files
/// of the earlier output that this one did not write again are removed, and
/// the manifest is moved in last.
package struct OutputFolder: Sendable {
    package enum Prior: Sendable {
        case new
        case empty
        case earlierOutput(OutputManifest)
    }

    /// What `commit` did to the folder, for the command to say.
    package struct Outcome: Sendable {
        /// The folder held an earlier wijksim output, now replaced.
        package var replaced: Bool
        /// Entries of the folder that wijksim did not write and left in place.
        package var kept: [String]
    }

    package let destination: String
    package let prior: Prior
    let command: String
    let staging: String
    let record = WrittenFiles()
    let cleanup: UUID

    package init(_ destination: String, command: String) throws {
        try self.init(OutputFolder.inspect(destination), command: command)
    }

    /// What `--out` names and what it holds, found without changing anything.
    package struct Inspection: Sendable {
        let url: URL
        let prior: Prior
    }

    /// Only reads (the manifest and every file it lists), so a command can
    /// do it on another core while the scenario loads and drop it if the
    /// scenario fails; the folder is touched by `init(_:command:)` after.
    package static func inspect(_ destination: String) throws -> Inspection {
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        return Inspection(url: url, prior: try inspect(url.path, asGiven: destination))
    }

    package init(_ inspection: Inspection, command: String) throws {
        let url = inspection.url
        self.destination = url.path
        self.command = command
        prior = inspection.prior
        switch prior {
        case .new:
            let parent = url.deletingLastPathComponent().path
            if !FileWriting.exists(parent) {
                // `--out out/regiodeal` on a fresh clone: make `out/` as mkdir -p would
                try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            }
            guard FileWriting.isFolder(parent) else {
                throw BadInput("cannot write the output: \(DisplayPath.of(parent)) is not a folder that can be made")
            }
            staging = parent + "/.\(url.lastPathComponent).wijksim-partial-\(OutputFolder.uniqueSuffix)"
        case .empty, .earlierOutput:
            staging = url.path + "/" + OutputFolder.stagingPrefix + OutputFolder.uniqueSuffix
        }
        cleanup = EmergencyExit.register(removing: staging)
        guard mkdir(staging, 0o755) == 0 else {
            let error = FileWriting.failure(staging)
            EmergencyExit.unregister(cleanup)
            throw error
        }
    }

    package func write(_ name: String, _ text: String) throws {
        try files.write(name, text)
    }

    /// Writes into the staging folder itself.
    package var files: FolderWriter { FolderWriter(path: staging, relative: "", record: record, destination: destination) }

    /// Writes into `name/` inside the staging folder.
    package func subfolder(_ name: String) throws -> FolderWriter {
        try FileWriting.makeFolder(staging + "/" + name)
        return FolderWriter(path: staging + "/" + name, relative: name, record: record, destination: destination)
    }

    /// Moves the finished output into place.
    @discardableResult
    package func commit() throws -> Outcome {
        let manifest = OutputManifest(command: command, files: record.all)
        try FileWriting.write(manifest.json, to: staging + "/" + OutputManifest.folderFileName)
        switch prior {
        case .new:
            EmergencyExit.unregister(cleanup)
            guard rename(staging, destination) == 0 else {
                let code = errno
                try? FileManager.default.removeItem(atPath: staging)
                if code == EEXIST || code == ENOTEMPTY {
                    throw BadInput("\(DisplayPath.of(destination)) appeared while wijksim was running and is not empty; nothing was written")
                }
                throw FileWriting.failure(destination, code)
            }
            return Outcome(replaced: false, kept: [])
        case .empty:
            return try moveIn(manifest, over: nil)
        case .earlierOutput(let earlier):
            return try moveIn(manifest, over: earlier)
        }
    }

    /// Removes the staging folder after a failure: nothing is left behind.
    package func discard() {
        EmergencyExit.unregister(cleanup)
        try? FileManager.default.removeItem(atPath: staging)
    }

    private func moveIn(_ manifest: OutputManifest, over earlier: OutputManifest?) throws -> Outcome {
        // Checked again now: the user may have edited or added files while it ran.
        let ours = Set((earlier?.files ?? []).map(\.path))
        if let earlier { try OutputFolder.checkUnchanged(earlier, in: destination) }
        for entry in manifest.files where !ours.contains(entry.path) {
            let target = destination + "/" + entry.path
            if FileWriting.exists(target) {
                discard()
                throw BadInput("\(DisplayPath.of(target)) was not written by wijksim and would be overwritten; move it away or choose another --out. Nothing was written.")
            }
        }
        defer { discard() }
        for entry in manifest.files {
            let parts = entry.path.split(separator: "/")
            var folder = destination
            for part in parts.dropLast() {
                folder += "/" + part
                try FileWriting.makeFolder(folder)
            }
            try FileWriting.rename(staging + "/" + entry.path, destination + "/" + entry.path)
        }
        let now = Set(manifest.files.map(\.path))
        for path in ours.subtracting(now) { unlink(destination + "/" + path) }
        try FileWriting.rename(staging + "/" + OutputManifest.folderFileName, destination + "/" + OutputManifest.folderFileName)
        // Folders of the earlier output that are now empty go; a folder with
        // a user's note in it stays (rmdir removes only empty folders).
        let folders = Set(ours.subtracting(now).flatMap(OutputFolder.parentFolders))
        for folder in folders.sorted(by: { $0.count > $1.count }) { rmdir(destination + "/" + folder) }
        let kept = OutputFolder.entries(of: destination).filter { name in
            name != OutputManifest.folderFileName && !now.contains { $0 == name || $0.hasPrefix(name + "/") }
        }
        return Outcome(replaced: earlier != nil, kept: kept.sorted())
    }

    // MARK: deciding where an output may go

    static let stagingPrefix = ".wijksim-partial-"

    static var uniqueSuffix: String { "\(getpid())-\(UUID().uuidString.prefix(8))" }

    /// The folder's entries, leaving out unfinished outputs of wijksim's own.
    static func entries(of folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(stagingPrefix) }
    }

    static func inspect(_ path: String, asGiven given: String) throws -> Prior {
        guard FileWriting.exists(path) else { return .new }
        guard FileWriting.isFolder(path) else {
            throw BadInput("--out \(given): \(DisplayPath.of(path)) is a file, not a folder; give a folder that is new, empty or holds an earlier wijksim output")
        }
        let entries = entries(of: path)
        if entries.isEmpty { return .empty }
        let manifestPath = path + "/" + OutputManifest.folderFileName
        guard FileWriting.exists(manifestPath) else {
            let shown = entries.sorted().prefix(3).map { FileWriting.isFolder(path + "/" + $0) ? $0 + "/" : $0 }
            let more = entries.count > 3 ? " and \(entries.count - 3) more" : ""
            throw BadInput("--out \(given): \(DisplayPath.of(path)) holds files that wijksim did not write (\(shown.joined(separator: ", "))\(more)); "
                + "wijksim writes only into a new or empty folder or over its own earlier output. Choose another --out (e.g. a new folder), or move those files away.")
        }
        let manifest = try OutputManifest.read(manifestPath, describing: path)
        try checkUnchanged(manifest, in: path)
        return .earlierOutput(manifest)
    }

    static func checkUnchanged(_ manifest: OutputManifest, in folder: String) throws {
        for entry in manifest.files where ListedFile.check(folder + "/" + entry.path, against: entry) == .changed {
            throw BadInput("\(DisplayPath.of(folder + "/" + entry.path)) was changed after wijksim wrote it, so replacing the earlier output in "
                + "\(DisplayPath.of(folder)) would lose that change; move the file away or choose another --out.")
        }
    }

    /// `a/b/c.csv` → `a`, `a/b`.
    static func parentFolders(_ path: String) -> [String] {
        let parts = path.split(separator: "/").dropLast()
        return parts.indices.map { parts[...$0].joined(separator: "/") }
    }
}
