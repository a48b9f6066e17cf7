import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WijkSimModel

/// Writes text files into one folder of an `OutputFolder`'s staging area and
/// records each in the output's manifest.
///
/// Plain open/write/close: Foundation's `Data.write` syncs every file to
/// disk, a quarter of a millisecond each, seven times per run. A file here
/// only counts once the folder is committed, and like other command-line
/// tools wijksim leaves flushing to the system.
package struct FolderWriter: Sendable {
    package let path: String
    /// This folder's path inside the output (`""` for the output itself).
    let relative: String
    let record: WrittenFiles
    /// Where the output goes, to name a file in an error as the user will know it.
    var destination: String? = nil

    package func write(_ name: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(name, UnsafeRawBufferPointer($0)) }
    }

    /// UTF-8 bytes as they are: a sweep's trajectories are hundreds of
    /// megabytes, which a `String` would first copy and check.
    package func write(_ name: String, bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(name, $0) }
    }

    private func write(_ name: String, _ bytes: UnsafeRawBufferPointer) throws {
        let inOutput = relative.isEmpty ? name : relative + "/" + name
        try FileWriting.write(bytes, to: path + "/" + name, flags: O_TRUNC, shownAs: destination.map { $0 + "/" + inOutput })
        record.add(.init(path: inOutput, bytes: bytes.count, hash: ContentHash.hex(ContentHash.of(bytes))))
    }

    /// A file written piece by piece, as `produce` hands the pieces to
    /// `emit`, never whole in memory: a sweep's trajectories are 670 MB,
    /// and as one buffer they were as many fresh pages. The manifest's hash
    /// needs the length first, so it is taken after, by reading the file
    /// back (from the page cache).
    package func write(_ name: String,
                       pieces produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let inOutput = relative.isEmpty ? name : relative + "/" + name
        let file = path + "/" + name
        let shown = destination.map { $0 + "/" + inOutput } ?? file
        let count = try FileWriting.write(to: file, flags: O_TRUNC, shownAs: shown, produce)
        guard let hash = ContentHash.ofFile(file, count: count) else { throw FileWriting.failure(shown, EIO) }
        record.add(.init(path: inOutput, bytes: count, hash: ContentHash.hex(hash)))
    }
}

/// The files an output has written so far; `ResultFiles` writes them from
/// several threads at once.
final class WrittenFiles: @unchecked Sendable {  // unchecked: `entries` is only touched under `lock`
    private let lock = NSLock()
    private var entries: [OutputManifest.Entry] = []

    func add(_ entry: OutputManifest.Entry) {
        lock.lock(); defer { lock.unlock() }
        entries.append(entry)
    }

    var all: [OutputManifest.Entry] {
        lock.lock(); defer { lock.unlock() }
        return entries
    }
}

/// The system calls every writer shares; a failure here is the system's
/// (disk full, no permission): a run failure, exit 1, naming the path and
/// the system's reason, not bad input.
package enum FileWriting {
    /// `shownAs`: the path to name in an error, where `file` is a staging copy.
    package static func write(_ bytes: UnsafeRawBufferPointer, to file: String, flags: Int32, shownAs: String? = nil) throws {
        _ = try write(to: file, flags: flags, shownAs: shownAs) { emit in try emit(bytes) }
    }

    /// Writes what `produce` hands to `emit`, in order; returns how many bytes.
    package static func write(to file: String, flags: Int32, shownAs: String? = nil,
                              _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> Int {
        let shown = shownAs ?? file
        let fd = open(file, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o644)
        guard fd >= 0 else { throw failure(shown) }
        var total = 0
        do {
            try produce { bytes in
                var done = 0
                while done < bytes.count {
                    let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw failure(shown)
                    }
                    done += n
                }
                total += bytes.count
            }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw failure(shown) }
        return total
    }

    package static func write(_ text: String, to file: String, flags: Int32 = O_TRUNC) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: file, flags: flags) }
    }

    package static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw failure(to) }
    }

    package static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw failure(path) }
    }

    /// The error for the `errno` just set, at `path`.
    package static func failure(_ path: String, _ code: Int32 = errno) -> RunFailure {
        RunFailure("cannot write \(DisplayPath.of(path)): \(String(cString: strerror(code)))")
    }

    /// Whether anything (file, folder, link, even a dangling one) is at `path`.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    package static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
