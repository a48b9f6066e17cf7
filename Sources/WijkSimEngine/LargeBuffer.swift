#if canImport(Glibc)
import Glibc
#endif

/// Allocation for the per-variant draw stores, which reach hundreds of MiB:
/// with 4 KiB pages the kernel's page faults were a fifth of a 100,000-draw
/// run. Large buffers are 2 MiB-aligned and offered to transparent huge
/// pages (`MADV_HUGEPAGE`; a no-op where the kernel does not have them).
enum LargeBuffer {
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
        #if canImport(Glibc)
        var raw: UnsafeMutableRawPointer?
        let rounded = (bytes + hugePage - 1) / hugePage * hugePage
        if posix_memalign(&raw, hugePage, rounded) == 0, let raw {
            _ = madvise(raw, rounded, Int32(MADV_HUGEPAGE))
            return raw.bindMemory(to: Double.self, capacity: count)
        }
        #endif
        return mallocDoubles(bytes)
    }

    /// Frees a buffer from `allocate(count)`.
    static func deallocate(_ pointer: UnsafeMutablePointer<Double>, count: Int) {
        if isLarge(count) { free(pointer) } else { pointer.deallocate() }
    }
}
