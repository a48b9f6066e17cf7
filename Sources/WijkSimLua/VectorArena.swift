/// Storage for the vectors a plugin's `step` creates. Vectors reach Lua as
/// light userdata whose bits are (generation, slot), not pointers: no Lua
/// object is allocated per operation, and a vector kept past its step (in a
/// global, say) carries an old generation and fails cleanly instead of
/// reading a slot that another step has reused.
///
/// A uniform vector (the same number in every lane: `ctx.active`, a fixed
/// parameter, and what is computed from them alone) has no buffer, only its
/// number: arithmetic on it costs one operation instead of a pass over the
/// lanes, and plugins still see a vector, as the contract says.
package final class VectorArena {
    package let capacity: Int
    package private(set) var lanes = 0
    private var slots: [UnsafeMutablePointer<Double>] = []
    private var uniforms: [Double] = []
    private var pool: [UnsafeMutablePointer<Double>] = []
    private var poolUsed = 0
    private var generation: UInt64 = 1
    /// At most this many temporaries per step call: a loop that makes
    /// vectors without end is stopped long before memory runs out.
    package let maxTemporaries: Int

    static let slotBits: UInt64 = 24
    static let slotMask: UInt64 = (1 << slotBits) - 1
    /// Set in handles of uniform vectors (slots stay below it: `maxSlots`).
    static let uniformBit: UInt64 = 1 << (slotBits - 1)

    package init(capacity: Int, memoryBudget: Int = 256 << 20) {
        self.capacity = max(capacity, 1)
        self.maxTemporaries = max(64, min(Int(VectorArena.slotMask), memoryBudget / (8 * self.capacity)))
    }

    deinit { pool.forEach { $0.deallocate() } }

    /// Starts a new step over `lanes` lanes; every earlier vector becomes stale.
    package func reset(lanes: Int) {
        precondition(lanes <= capacity)
        self.lanes = lanes
        slots.removeAll(keepingCapacity: true)
        uniforms.removeAll(keepingCapacity: true)
        poolUsed = 0
        generation &+= 1
    }

    /// A handle for a buffer the engine owns (state, parameters, attributes),
    /// or nil when the step has used every slot a handle can name.
    package func register(_ buffer: UnsafeMutablePointer<Double>) -> UInt64? {
        guard slots.count < maxSlots else { return nil }
        slots.append(buffer)
        return generation << VectorArena.slotBits | UInt64(slots.count)
    }

    /// A handle for a uniform vector, or nil when the step made too many.
    package func uniform(_ value: Double) -> UInt64? {
        guard uniforms.count < maxSlots else { return nil }
        uniforms.append(value)
        return generation << VectorArena.slotBits | VectorArena.uniformBit | UInt64(uniforms.count)
    }

    /// Slots per step: what a handle's slot bits can name, and well below
    /// what would make the slot table itself a memory problem.
    package let maxSlots = Int(VectorArena.slotMask) / 4

    /// A fresh buffer for a result, or nil when the step made too many.
    package func temporary() -> (handle: UInt64, buffer: UnsafeMutablePointer<Double>)? {
        guard poolUsed < maxTemporaries else { return nil }
        if poolUsed == pool.count { pool.append(.allocate(capacity: capacity)) }
        let buffer = pool[poolUsed]
        guard let handle = register(buffer) else { return nil }
        poolUsed += 1
        return (handle, buffer)
    }

    package enum Lookup { case vector(UnsafeMutablePointer<Double>), uniform(Double), stale, invalid }

    package func resolve(_ handle: UInt64) -> Lookup {
        guard handle >> VectorArena.slotBits == generation else { return .stale }
        if handle & VectorArena.uniformBit != 0 {
            let index = Int(handle & (VectorArena.uniformBit - 1))
            guard index >= 1, index <= uniforms.count else { return .invalid }
            return .uniform(uniforms[index - 1])
        }
        let slot = Int(handle & VectorArena.slotMask)
        guard slot >= 1, slot <= slots.count else { return .invalid }
        return .vector(slots[slot - 1])
    }
}
