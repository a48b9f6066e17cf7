import Foundation
import WijkSimModel

/// Writes the importer's output files so that none is ever left half
/// written (CONTRACT §6): each goes to a hidden temporary file beside its
/// destination, all are verified, and only then is each renamed into place
/// (rename replaces a file atomically). Any failure removes the temporary
/// files and leaves the destinations as they were.
enum CBSOutputFiles {
    static func write(_ files: [(path: String, text: String)], verify: ([String]) throws -> Void) throws {
        let destinations = files.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path }
        if Set(destinations).count < destinations.count {
            throw BadInput("the output files must differ: \(destinations.map(DisplayPath.of).joined(separator: " and "))")
        }
        var staged: [String] = []
        defer { for path in staged { try? FileManager.default.removeItem(atPath: path) } }
        for (file, destination) in zip(files, destinations) {
            let folder = (destination as NSString).deletingLastPathComponent
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw BadInput("cannot write \(DisplayPath.of(file.path)): the folder \(DisplayPath.of(folder)) does not exist")
            }
            let temporary = folder + "/." + (destination as NSString).lastPathComponent
                + ".partial-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
            do {
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: temporary))
            } catch {
                throw BadInput("cannot write \(DisplayPath.of(file.path)): \(error.localizedDescription)")
            }
            staged.append(temporary)
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
        for (temporary, destination) in zip(staged, destinations) {
            guard rename(temporary, destination) == 0 else {
                throw BadInput("cannot write \(DisplayPath.of(destination)): \(String(cString: strerror(errno)))")
            }
        }
        staged = []
    }
}
