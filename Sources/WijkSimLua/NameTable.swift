/// Names (indicator ids, attributes, parameters, `ctx` fields) looked up
/// straight from the bytes Lua holds: making a Swift `String` of each key
/// and hashing it was a tenth of a step's host time for a plugin that reads
/// thirty parameters by name (`p["drift_" .. id]`), and names longer than
/// fifteen bytes cost an allocation each.
struct NameTable {
    private let names: [[UInt8]]
    /// Open addressing: an index into `names`, or -1.
    private let slots: [Int32]
    private let mask: Int

    /// The first of equal names wins, as a dictionary built with
    /// `uniquingKeysWith: { a, _ in a }` keeps it.
    init(_ list: [String]) {
        names = list.map { Array($0.utf8) }
        var size = 8
        while size < 2 * max(list.count, 1) { size *= 2 }
        mask = size - 1
        var slots = [Int32](repeating: -1, count: size)
        for (index, name) in names.enumerated() {
            var slot = NameTable.hash(name) & (size - 1)
            var duplicate = false
            while slots[slot] >= 0 {
                if names[Int(slots[slot])] == name { duplicate = true; break }
                slot = (slot + 1) & (size - 1)
            }
            if !duplicate { slots[slot] = Int32(index) }
        }
        self.slots = slots
    }

    /// FNV-1a of the bytes.
    @inline(__always)
    static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h >> 1)
    }

    func index(of bytes: UnsafeRawBufferPointer) -> Int? {
        var slot = NameTable.hash(bytes) & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if names[index].elementsEqual(bytes) { return index }
            slot = (slot + 1) & mask
        }
        return nil
    }

    func index(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { index(of: UnsafeRawBufferPointer($0)) }
    }
}
