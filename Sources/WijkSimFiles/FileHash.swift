#if canImport(Glibc)
import Glibc
#endif

/// `ContentHash.of` a file's bytes, read a block at a time: checking an
/// earlier output (twice a run) no longer reads each of its files, some
/// of them megabytes, into memory of its own.
extension ContentHash {
    /// nil when the file cannot be read or does not hold exactly `count` bytes.
    static func ofFile(_ path: String, count: Int) -> UInt64? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = Hasher(count: count)
        let blockSize = 1 << 16
        return withUnsafeTemporaryAllocation(byteCount: blockSize, alignment: 8) { block -> UInt64? in
            var read = 0
            while true {
                let n = Glibc.read(fd, block.baseAddress!, blockSize)
                if n < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                if n == 0 { break }
                read += n
                guard read <= count else { return nil }
                hasher.add(UnsafeRawBufferPointer(rebasing: block[..<n]))
            }
            return read == count ? hasher.finish() : nil
        }
    }

    /// `of(bytes)` fed in pieces of any length; `count` is the length of all of them together.
    struct Hasher {
        private var h: UInt64
        /// Bytes of a word not yet complete (fewer than 8), low byte first.
        private var pending: UInt64 = 0
        private var pendingCount = 0

        init(count: Int) { h = ContentHash.seed(count: count) }

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var k = 0
            while pendingCount > 0 && k < bytes.count {
                push(bytes[k])
                k += 1
            }
            while k + 8 <= bytes.count {
                h = ContentHash.mix(h, bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self))
                k += 8
            }
            while k < bytes.count {
                push(bytes[k])
                k += 1
            }
        }

        private mutating func push(_ byte: UInt8) {
            pending |= UInt64(byte) << (8 * UInt64(pendingCount))
            pendingCount += 1
            if pendingCount == 8 {
                h = ContentHash.mix(h, pending)
                pending = 0
                pendingCount = 0
            }
        }

        func finish() -> UInt64 { ContentHash.finish(ContentHash.mix(h, pending)) }
    }
}
