/// A 64-bit fingerprint of a file's bytes, eight bytes a step.
///
/// It tells a file wijksim wrote from one a user changed afterwards (an
/// edit in a spreadsheet, a note pasted in), so that wijksim never
/// overwrites the user's work; it is not meant to resist someone who
/// forges a collision on purpose. Computed while a file is written, it
/// costs a fraction of a millisecond per megabyte.
package enum ContentHash {
    package static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = seed(count: bytes.count)
        let words = bytes.count / 8
        for k in 0..<words {
            h = mix(h, bytes.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))
        }
        var tail: UInt64 = 0
        for (shift, byte) in bytes[(words * 8)...].enumerated() {
            tail |= UInt64(byte) << (8 * UInt64(shift))
        }
        return finish(mix(h, tail))
    }

    static func seed(count: Int) -> UInt64 { 0x9E37_79B9_7F4A_7C15 ^ UInt64(count) }

    static func finish(_ mixed: UInt64) -> UInt64 {
        var h = mixed
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }

    package static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    package static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @inline(__always)
    static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let x = h ^ (word &* 0xBF58_476D_1CE4_E5B9)
        return ((x << 31) | (x >> 33)) &* 0x94D0_49BB_1331_11EB
    }
}
