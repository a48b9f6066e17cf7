import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Allocation for the per-variant draw stores, which reach hundreds of MiB:
/// with 4 KiB pages the kernel's page faults were a fifth of a 100,000-draw
/// run. Large buffers are 2 MiB-aligned and offered to transparent huge
/// pages (`MADV_HUGEPAGE`; a no-op where the kernel does not have them).
package enum LargeBuffer {
    /// The fallback for a large buffer still comes from malloc, so that
    /// `deallocate` can free every large buffer alike.
    static func mallocDoubles(_ bytes: Int) -> UnsafeMutablePointer<Double> {
        malloc(bytes)!.bindMemory(to: Double.self, capacity: bytes / MemoryLayout<Double>.stride)
    }

    static let hugePage = 2 << 20

    static func isLarge(_ count: Int) -> Bool { count * MemoryLayout<Double>.stride >= 2 * hugePage }

    static func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
        let bytes = max(1, count) * MemoryLayout<Double>.stride
        guard isLarge(count) else { return .allocate(capacity: max(1, count)) }
        let rounded = (bytes + hugePage - 1) / hugePage * hugePage
        if let kept = FreedBuffers.shared.take(bytes: rounded) {
            return kept.bindMemory(to: Double.self, capacity: count)
        }
        #if canImport(Glibc)
        var raw: UnsafeMutableRawPointer?
        if posix_memalign(&raw, hugePage, rounded) == 0, let raw {
            _ = madvise(raw, rounded, Int32(MADV_HUGEPAGE))
            return raw.bindMemory(to: Double.self, capacity: count)
        }
        #endif
        return mallocDoubles(rounded)
    }

    /// Frees a buffer from `allocate(count)`.
    static func deallocate(_ pointer: UnsafeMutablePointer<Double>, count: Int) {
        guard isLarge(count) else { return pointer.deallocate() }
        let rounded = (count * MemoryLayout<Double>.stride + hugePage - 1) / hugePage * hugePage
        if !FreedBuffers.shared.keep(UnsafeMutableRawPointer(pointer), bytes: rounded) { free(pointer) }
    }

    /// Keeps up to `bytes` of freed large buffers for the next allocation
    /// of the same size, instead of returning them to the system. For a
    /// process that runs one plan after another (`serve`): its draw stores
    /// were paged in anew on every request, a tenth of its time. A reused
    /// buffer holds the previous run's numbers; every user writes a value
    /// before reading it, as with any malloc.
    package static func keepFreed(upTo bytes: Int) { FreedBuffers.shared.limit(bytes) }
}

/// The large buffers `LargeBuffer.keepFreed` keeps; none unless asked.
final class FreedBuffers: @unchecked Sendable {  // unchecked: every var is only touched under `lock`
    static let shared = FreedBuffers()
    private let lock = NSLock()
    private var most = 0
    private var held = 0
    private var buffers: [(pointer: UnsafeMutableRawPointer, bytes: Int)] = []

    func limit(_ bytes: Int) {
        lock.lock(); defer { lock.unlock() }
        most = bytes
    }

    func take(bytes: Int) -> UnsafeMutableRawPointer? {
        lock.lock(); defer { lock.unlock() }
        guard let k = buffers.lastIndex(where: { $0.bytes == bytes }) else { return nil }
        held -= bytes
        return buffers.remove(at: k).pointer
    }

    /// False when the buffer is not kept (the caller frees it).
    func keep(_ pointer: UnsafeMutableRawPointer, bytes: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard held + bytes <= most else { return false }
        held += bytes
        buffers.append((pointer, bytes))
        return true
    }
}
