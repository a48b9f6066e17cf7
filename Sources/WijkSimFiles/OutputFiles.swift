import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WijkSimModel

/// Writes single output files (`explain --out FILE`, `data import-cbs`,
/// `new-plugin`) so that none is left half written and none of the user's
/// files is overwritten (CONTRACT §5, §6).
///
/// Each file is written to a hidden temporary file beside it, all are
/// checked (`verify`), and only then is each renamed into place. An existing
/// file is replaced only when its sidecar manifest (`.F.wijksim.json`)
/// says wijksim wrote it and its bytes are still those; the user's own file
/// of the same name, or one they edited since, is refused (exit 2).
package enum OutputFiles {
    package enum Existing: Sendable {
        /// An earlier output of wijksim's, unchanged since, is replaced.
        case replaceOwn
        /// Any existing file is refused (`new-plugin`: the analyst's plugin is theirs).
        case refuse
    }

    /// Returns the destinations that held an earlier output and were replaced.
    @discardableResult
    package static func write(_ files: [(path: String, text: String)], command: String, existing: Existing = .replaceOwn,
                              verify: ([String]) throws -> Void = { _ in }) throws -> [String] {
        let destinations = files.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path }
        if Set(destinations).count < destinations.count {
            throw BadInput("the output files must differ: \(destinations.map(DisplayPath.of).joined(separator: " and "))")
        }
        var replaced: [String] = []
        for (file, destination) in zip(files, destinations) {
            let folder = (destination as NSString).deletingLastPathComponent
            guard FileWriting.isFolder(folder) else {
                throw BadInput("cannot write \(DisplayPath.of(file.path)): the folder \(DisplayPath.of(folder)) does not exist")
            }
            if FileWriting.exists(destination) {
                guard existing == .replaceOwn, isOwnUnchanged(destination) else {
                    throw BadInput(existing == .refuse
                        ? "\(DisplayPath.of(file.path)) already exists; \(command) does not overwrite files (choose another name or move it away)"
                        : "\(DisplayPath.of(file.path)) already exists and is not an unchanged earlier output of wijksim; "
                            + "it was kept. Choose another file name, or move it away.")
                }
                replaced.append(file.path)
            }
        }
        var staged: [String] = []
        defer { for path in staged { unlink(path) } }
        for (file, destination) in zip(files, destinations) {
            let temporary = hiddenSibling(of: destination, tag: "partial")
            staged.append(temporary)
            try FileWriting.write(file.text, to: temporary, flags: O_EXCL)
        }
        do {
            try verify(staged)
        } catch let error as BadInput {
            // Name the files as the user knows them, not the temporary ones.
            throw BadInput(error.diagnostics.map { diagnostic in
                var renamed = diagnostic
                if let file = diagnostic.location?.file, let i = staged.firstIndex(of: file) {
                    renamed.location?.file = files[i].path
                }
                return renamed
            })
        }
        for (k, (file, destination)) in zip(files, destinations).enumerated() {
            let entry = OutputManifest.Entry(path: (destination as NSString).lastPathComponent, bytes: file.text.utf8.count,
                                             hash: ContentHash.hex(ContentHash.of(file.text)))
            if existing == .refuse {
                // link(2) fails rather than replace a file that appeared meanwhile;
                // no sidecar: the new file is the user's to edit from now on
                guard link(staged[k], destination) == 0 else {
                    if errno == EEXIST { throw BadInput("\(DisplayPath.of(file.path)) already exists; \(command) does not overwrite files") }
                    throw FileWriting.failure(destination)
                }
                continue
            }
            let sidecar = OutputManifest.sidecar(of: destination)
            let sidecarTemporary = hiddenSibling(of: sidecar, tag: "partial")
            try FileWriting.write(OutputManifest(command: command, files: [entry]).json, to: sidecarTemporary, flags: O_EXCL)
            try FileWriting.rename(staged[k], destination)
            try FileWriting.rename(sidecarTemporary, sidecar)
        }
        return replaced
    }

    /// Whether `path` is a file wijksim wrote, unchanged since.
    static func isOwnUnchanged(_ path: String) -> Bool {
        let sidecar = OutputManifest.sidecar(of: path)
        guard FileWriting.exists(sidecar),
              let manifest = try? OutputManifest.read(sidecar, describing: path),
              manifest.files.count == 1
        else { return false }
        return ListedFile.check(path, against: manifest.files[0]) == .unchanged
    }

    static func hiddenSibling(of path: String, tag: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".\(tag)-\(OutputFolder.uniqueSuffix)"
    }
}
