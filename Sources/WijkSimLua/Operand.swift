/// A value in a vector expression: a plain Lua number, a uniform vector
/// (one number for every lane) or a node of the step's program.
package enum Operand {
    case scalar(Double)
    case uniform(Double)
    case node(Int32, perBlock: Bool)

    var isLaneNode: Bool { if case .node(_, false) = self { return true } else { return false } }
    var isUniform: Bool { if case .uniform = self { return true } else { return false } }

    /// The number of a scalar or uniform operand.
    var constant: Double? {
        switch self {
        case let .scalar(value), let .uniform(value): return value
        case .node: return nil
        }
    }
}
