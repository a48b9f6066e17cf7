import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WijkSimModel

/// Writes an output folder so that it appears complete or not at all
/// (CONTRACT §5): files go into a hidden sibling folder, which is renamed
/// into place only after the last file is written. A folder already at the
/// destination is replaced only then.
public struct OutputFolder {
    public let destination: String
    let staging: String
    let cleanup: UUID

    public init(_ destination: String) throws {
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        self.destination = url.path
        let parent = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder) {
            // `--out out/regiodeal` on a fresh clone: make `out/` as mkdir -p would
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            throw BadInput("cannot write the output: \(DisplayPath.of(parent)) is not a folder that can be made", at: nil)
        }
        staging = parent + "/.\(url.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        cleanup = EmergencyExit.register(removing: staging)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw BadInput("cannot write in \(DisplayPath.of(parent)): \(error.localizedDescription)", at: nil)
        }
    }

    public func write(_ name: String, _ text: String) throws {
        try files.write(name, text)
    }

    /// Writes into the staging folder itself.
    public var files: FolderWriter { FolderWriter(path: staging) }

    /// Writes into `name/` inside the staging folder.
    public func subfolder(_ name: String) throws -> FolderWriter {
        let path = staging + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return FolderWriter(path: path)
    }

    /// Moves the finished folder into place.
    public func commit() throws {
        EmergencyExit.unregister(cleanup)
        let fm = FileManager.default
        if fm.fileExists(atPath: destination) {
            let old = staging + ".old"
            try fm.moveItem(atPath: destination, toPath: old)
            try fm.moveItem(atPath: staging, toPath: destination)
            try? fm.removeItem(atPath: old)
        } else {
            try fm.moveItem(atPath: staging, toPath: destination)
        }
    }

    /// Removes the staging folder after a failure: nothing is left behind.
    public func discard() {
        EmergencyExit.unregister(cleanup)
        try? FileManager.default.removeItem(atPath: staging)
    }
}

/// Writes text files into one folder of an `OutputFolder`'s staging area.
///
/// Plain open/write/close: Foundation's `Data.write` syncs every file to
/// disk, a quarter of a millisecond each, seven times per run. A file here
/// only counts once the folder is renamed into place, and like other
/// command-line tools wijksim leaves flushing to the system.
public struct FolderWriter {
    public let path: String

    public func write(_ name: String, _ text: String) throws {
        let file = path + "/" + name
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(file, errno) }
        defer { close(fd) }
        var text = text
        try text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(file, errno)
                }
                done += n
            }
        }
    }

    private func failure(_ file: String, _ code: Int32) -> BadInput {
        BadInput("cannot write \(DisplayPath.of(file)): \(String(cString: strerror(code)))", at: nil)
    }
}
