import CVectorMath

/// The vectors of one `step` call, recorded as a program instead of being
/// computed operation by operation (`CVectorProgram.h` says why). Vectors
/// reach Lua as light userdata whose bits are (generation, index), not
/// pointers: no Lua object is allocated per operation, and a vector kept
/// past its step (in a global, say) carries an old generation and fails
/// cleanly instead of naming a value of another step.
///
/// A uniform vector (the same number in every lane: `ctx.active`, a fixed
/// parameter, and what is computed from them alone) is only its number:
/// arithmetic on it is done at once, and plugins still see a vector, as the
/// contract says. Every other vector is a node: an engine buffer (`ctx.x.ID`,
/// a drawn parameter, ...), a materialised buffer (`sim.normal`), or an
/// operation on earlier nodes. `ctx:add` and `ctx:spend` become sinks; when
/// the step returns, `run` computes only what the sinks need, in one pass.
package final class VectorArena {
    package let capacity: Int
    package private(set) var lanes = 0
    private(set) var wijkCount = 1
    /// The wijken (ascending) whose lanes the step's sinks let through,
    /// when that is not all of them: only their lanes are computed. Empty:
    /// every lane is.
    private var reached: [Int32] = []
    /// Whether the step reaches some wijken only (`reached` is then used).
    private var compact = false
    private var generation: UInt64 = 1

    private var nodes: [Node] = []

    struct Node {
        /// How an instruction reads it: a leaf's buffer, or a register-kind
        /// placeholder naming the node (resolved in `compile`).
        var source: wjs_source
        /// Its instruction (`op` < 0 for a leaf).
        var instruction: wjs_instruction
        /// One value per block instead of one per lane.
        var perBlock: Bool
        /// The node that spreads it over the lanes (`WJS_OP_EXPAND`), made once.
        var expanded: Int32 = -1
    }
    private var uniforms: [Double] = []
    private(set) var sinks: [wjs_sink] = []
    /// Per sink: the plugin line of its call and the indicator it adds to (-1: a spend).
    private(set) var sinkOrigins: [(line: Int32, indicator: Int)] = []

    private var pool: [UnsafeMutablePointer<Double>] = []
    private var poolUsed = 0
    private var registers: UnsafeMutablePointer<Double>?
    private var registerCapacity = 0
    private var code: [wjs_instruction] = []
    /// Scratch of `compile`, kept between steps.
    private var lastUse: [Int32] = []
    private var register: [Int32] = []
    private var free: [Int32] = []

    /// At most this many materialised vectors (`sim.normal`, `sim.uniform`)
    /// per step: each is a buffer of every lane.
    package let maxTemporaries: Int
    /// At most this many vectors per step: a loop that makes vectors without
    /// end is stopped long before memory runs out.
    package let maxNodes = 1 << 16

    /// Lanes of whole blocks computed together: registers of this size stay
    /// in the first-level cache while a tile goes through the program.
    static let tileLanes = 512

    static let indexBits: UInt64 = 24
    static let indexMask: UInt64 = (1 << indexBits) - 1
    /// Set in handles of uniform vectors (indices stay below it: `maxNodes`).
    static let uniformBit: UInt64 = 1 << (indexBits - 1)

    package init(capacity: Int, memoryBudget: Int = 256 << 20) {
        self.capacity = max(capacity, 1)
        self.maxTemporaries = max(64, min(4096, memoryBudget / (8 * self.capacity)))
    }

    deinit {
        pool.forEach { $0.deallocate() }
        registers?.deallocate()
    }

    /// Starts a new step over `lanes` lanes of `wijkCount` wijken each;
    /// every earlier vector becomes stale. `reaching` (per lane, the same in
    /// every block: the instance's wijken) is the mask its `ctx:add` and
    /// `ctx:spend` will apply; the lanes it stops are not computed.
    package func reset(lanes: Int, wijkCount: Int, reaching mask: UnsafePointer<Double>? = nil) {
        precondition(lanes <= capacity)
        self.lanes = lanes
        self.wijkCount = max(wijkCount, 1)
        reached.removeAll(keepingCapacity: true)
        if let mask, lanes >= self.wijkCount {
            for k in 0..<self.wijkCount where mask[k] != 0 { reached.append(Int32(k)) }
        }
        compact = mask != nil && lanes >= self.wijkCount && reached.count < self.wijkCount
        nodes.removeAll(keepingCapacity: true)
        uniforms.removeAll(keepingCapacity: true)
        sinks.removeAll(keepingCapacity: true)
        sinkOrigins.removeAll(keepingCapacity: true)
        poolUsed = 0
        generation &+= 1
    }

    // MARK: Values

    private func handle(node: Int) -> UInt64 { generation << VectorArena.indexBits | UInt64(node + 1) }

    /// The handle of a node of this step (one that `resolve` gave).
    package func handle(of node: Int32) -> UInt64 { handle(node: Int(node)) }

    /// A handle for an engine buffer the step reads (one value per lane, or
    /// per block), or nil when the step has made too many vectors.
    package func leaf(_ buffer: UnsafePointer<Double>, perBlock blocks: Bool) -> UInt64? {
        guard nodes.count < maxNodes else { return nil }
        // `index`: the node, for `compile` to gather it once per tile when the step reaches some wijken only
        nodes.append(Node(source: wjs_source(kind: Int32(blocks ? WJS_SOURCE_BLOCKS : WJS_SOURCE_LANES), index: Int32(nodes.count),
                                             base: buffer, value: 0),
                          instruction: VectorArena.noInstruction, perBlock: blocks))
        return handle(node: nodes.count - 1)
    }

    /// A handle for a uniform vector, or nil when the step made too many.
    package func uniform(_ value: Double) -> UInt64? {
        guard uniforms.count < maxNodes else { return nil }
        uniforms.append(value)
        return generation << VectorArena.indexBits | VectorArena.uniformBit | UInt64(uniforms.count)
    }

    /// A fresh buffer of every lane for a value computed at once (random
    /// numbers), or nil when the step made too many.
    package func temporary() -> (handle: UInt64, buffer: UnsafeMutablePointer<Double>)? {
        guard poolUsed < maxTemporaries else { return nil }
        if poolUsed == pool.count { pool.append(.allocate(capacity: capacity)) }
        let buffer = pool[poolUsed]
        guard let handle = leaf(buffer, perBlock: false) else { return nil }
        poolUsed += 1
        return (handle, buffer)
    }

    package enum Lookup { case node(Int32, perBlock: Bool), uniform(Double), stale, invalid }

    package func resolve(_ handle: UInt64) -> Lookup {
        guard handle >> VectorArena.indexBits == generation else { return .stale }
        if handle & VectorArena.uniformBit != 0 {
            let index = Int(handle & (VectorArena.uniformBit - 1))
            guard index >= 1, index <= uniforms.count else { return .invalid }
            return .uniform(uniforms[index - 1])
        }
        let node = Int(handle & VectorArena.indexMask)
        guard node >= 1, node <= nodes.count else { return .invalid }
        return .node(Int32(node - 1), perBlock: nodes[node - 1].perBlock)
    }

    // MARK: Recording

    /// Records `op` on up to three operands, at least one of them a node;
    /// the result is per block when every node among them is, otherwise per
    /// lane (per-block operands spread over their lanes first). Nil when
    /// the step has made too many vectors.
    package func record(_ op: Int32, _ a: Operand, _ b: Operand? = nil, _ c: Operand? = nil) -> UInt64? {
        let blocks = !a.isLaneNode && b?.isLaneNode != true && c?.isLaneNode != true
        var instruction = wjs_instruction()
        instruction.op = op
        instruction.per_block = blocks ? 1 : 0
        instruction.arity = c != nil ? 3 : b != nil ? 2 : 1
        guard let sa = source(a, spreadTo: !blocks) else { return nil }
        instruction.a = sa
        if let b {
            guard let sb = source(b, spreadTo: !blocks) else { return nil }
            instruction.b = sb
        }
        if let c {
            guard let sc = source(c, spreadTo: !blocks) else { return nil }
            instruction.c = sc
        }
        return append(instruction, perBlock: blocks).map(handle(node:))
    }

    private static var noInstruction: wjs_instruction {
        var none = wjs_instruction()
        none.op = -1
        return none
    }

    private func append(_ instruction: wjs_instruction, perBlock blocks: Bool) -> Int? {
        guard nodes.count < maxNodes else { return nil }
        let node = nodes.count
        nodes.append(Node(source: wjs_source(kind: Int32(WJS_SOURCE_REGISTER), index: Int32(node), base: nil, value: 0),
                          instruction: instruction, perBlock: blocks))
        return node
    }

    /// How an instruction reads `operand`: a number, a leaf's buffer, or a
    /// node (a per-block node spread over the lanes when `lanes`).
    private func source(_ operand: Operand, spreadTo lanes: Bool) -> wjs_source? {
        switch operand {
        case let .scalar(value), let .uniform(value):
            return wjs_source(kind: Int32(WJS_SOURCE_CONSTANT), index: 0, base: nil, value: value)
        case let .node(node, isBlock):
            guard lanes && isBlock else { return nodes[Int(node)].source }
            return spread(Int(node)).map { nodes[$0].source }
        }
    }

    private func spread(_ node: Int) -> Int? {
        if nodes[node].expanded >= 0 { return Int(nodes[node].expanded) }
        var instruction = wjs_instruction()
        instruction.op = Int32(WJS_OP_EXPAND)
        instruction.arity = 1
        instruction.a = nodes[node].source
        guard let made = append(instruction, perBlock: false) else { return nil }
        nodes[node].expanded = Int32(made)
        return made
    }

    /// Records `ctx:add` (masked into `target` per lane, and into `trace`
    /// per block for `traceWijk` when given) or `ctx:spend` (masked sum per
    /// block into `target`). False when the step has made too many vectors.
    package func sink(_ value: Operand, into target: UnsafeMutablePointer<Double>, mask: UnsafePointer<Double>,
                      isSpend: Bool, trace: UnsafeMutablePointer<Double>? = nil, traceWijk: Int = -1,
                      capture: UnsafeMutablePointer<Double>? = nil, line: Int32, indicator: Int) -> Bool {
        guard sinks.count < maxNodes, let source = source(value, spreadTo: true) else { return false }
        sinks.append(wjs_sink(is_spend: isSpend ? 1 : 0, trace_wijk: trace == nil ? -1 : Int32(traceWijk),
                              target: target, trace: trace, mask: mask, value: source, capture: capture))
        sinkOrigins.append((line, indicator))
        return true
    }

    // MARK: Running

    /// Lanes per block that the program computes.
    private var width: Int { compact ? reached.count : wijkCount }

    /// The wijken (lanes of a block) the program computes, in order: its `width` lanes.
    package var computedWijken: [Int32] { compact ? reached : (0..<Int32(wijkCount)).map { $0 } }

    /// Tile size in blocks for this step's wijken.
    private var tileBlocks: Int { max(1, VectorArena.tileLanes / max(width, 1)) }

    /// Computes what the sinks need and applies them in order. Returns nil,
    /// or the index of the first sink (in the order the plugin called them)
    /// that met a non-finite value, with the value and the lane.
    package func run() -> (sink: Int, lane: Int?, value: Double)? {
        // an instance that reaches no wijk: every sink is masked away
        guard !sinks.isEmpty, !(compact && reached.isEmpty) else { return nil }
        compile()
        let tile = tileBlocks
        let failed = code.withUnsafeBufferPointer { code in
            sinks.withUnsafeBufferPointer { sinks in
                reached.withUnsafeBufferPointer { reached in
                    wjs_run_program(code.baseAddress, code.count, sinks.baseAddress, sinks.count, registers,
                                    lanes, wijkCount, compact ? reached.baseAddress : nil, reached.count, tile)
                }
            }
        }
        guard failed >= 0 else { return nil }
        // the first failing sink in call order: an earlier sink may fail in a later tile
        for sink in 0...Int(failed) {
            var value = 0.0
            let lane = code.withUnsafeBufferPointer { code in
                sinks.withUnsafeBufferPointer { sinks in
                    reached.withUnsafeBufferPointer { reached in
                        wjs_find_nonfinite(code.baseAddress, code.count, sinks.baseAddress, sink, registers,
                                           lanes, wijkCount, compact ? reached.baseAddress : nil, reached.count, tile, &value)
                    }
                }
            }
            if lane != -1 { return (sink, lane >= 0 ? lane : nil, value) }
        }
        return (Int(failed), nil, .nan)
    }

    /// The instructions the sinks need, in recording order, with registers
    /// assigned: a node's register is free again after its last reader, and
    /// never shared with an operand of the same instruction (the kernels
    /// take `restrict` pointers). Sinks read their registers after the last
    /// instruction, so those stay taken to the end. When the step reaches
    /// some wijken only, a per-lane engine buffer is a node too: gathered
    /// into a register (`WJS_OP_GATHER`) where it was read first.
    private func compile() {
        let count = nodes.count
        let gathers = compact
        /// The node an operand reads, if it reads one.
        func node(_ operand: wjs_source) -> Int? {
            if operand.kind == Int32(WJS_SOURCE_REGISTER) || (gathers && operand.kind == Int32(WJS_SOURCE_LANES)) {
                return Int(operand.index)
            }
            return nil
        }
        func isComputed(_ i: Int) -> Bool {
            nodes[i].instruction.op >= 0 || (gathers && nodes[i].source.kind == Int32(WJS_SOURCE_LANES))
        }
        lastUse.removeAll(keepingCapacity: true)
        lastUse.append(contentsOf: repeatElement(VectorArena.unused, count: count))
        register.removeAll(keepingCapacity: true)
        register.append(contentsOf: repeatElement(-1, count: count))
        free.removeAll(keepingCapacity: true)
        for sink in sinks {
            if let n = node(sink.value) { lastUse[n] = VectorArena.untilTheEnd }
        }
        // backwards: a node is needed when a sink or a needed node reads it
        for i in stride(from: count - 1, through: 0, by: -1) where lastUse[i] != VectorArena.unused && nodes[i].instruction.op >= 0 {
            let instruction = nodes[i].instruction
            for k in 0..<Int(instruction.arity) {
                guard let n = node(k == 0 ? instruction.a : k == 1 ? instruction.b : instruction.c) else { continue }
                lastUse[n] = max(lastUse[n], Int32(i))
            }
        }
        var used: Int32 = 0
        code.removeAll(keepingCapacity: true)
        func resolved(_ operand: wjs_source) -> wjs_source {
            guard let n = node(operand) else { return operand }
            return wjs_source(kind: Int32(WJS_SOURCE_REGISTER), index: register[n], base: nil, value: 0)
        }
        for i in 0..<count where lastUse[i] != VectorArena.unused && isComputed(i) {
            var recorded = nodes[i].instruction
            if recorded.op < 0 {
                recorded = wjs_instruction()
                recorded.op = Int32(WJS_OP_GATHER)
                recorded.arity = 1
                recorded.a = nodes[i].source
                recorded.a.index = 0
            }
            var instruction = recorded
            let out: Int32
            if let reused = free.popLast() { out = reused } else { out = used; used += 1 }
            register[i] = out
            instruction.out = out
            let arity = Int(instruction.arity)
            if instruction.op != Int32(WJS_OP_GATHER) {
                instruction.a = resolved(instruction.a)
                if arity > 1 { instruction.b = resolved(instruction.b) }
                if arity > 2 { instruction.c = resolved(instruction.c) }
            }
            code.append(instruction)
            // operands read for the last time give their registers back (once each)
            guard instruction.op != Int32(WJS_OP_GATHER) else { continue }
            for k in 0..<arity {
                guard let n = node(k == 0 ? recorded.a : k == 1 ? recorded.b : recorded.c) else { continue }
                if lastUse[n] == Int32(i) {
                    free.append(register[n])
                    lastUse[n] = VectorArena.released
                }
            }
        }
        for k in sinks.indices { sinks[k].value = resolved(sinks[k].value) }
        let needs = max(1, Int(used)) * (tileBlocks * width + 4)
        if needs > registerCapacity {
            registers?.deallocate()
            registers = .allocate(capacity: needs)
            registerCapacity = needs
        }
    }

    /// `lastUse` of a node nothing needs, of one a sink reads, and of one
    /// whose register has been given back.
    private static let unused: Int32 = -1
    private static let untilTheEnd = Int32.max
    private static let released: Int32 = -2
}
