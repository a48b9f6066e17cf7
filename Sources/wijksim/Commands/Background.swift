import Dispatch

/// A value computed on another thread while the caller does something else;
/// `value` waits for it. For output that is independent of other output
/// (the HTML report beside the CSV files).
final class Background<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    init(_ work: @escaping () -> Value) {
        DispatchQueue.global().async(group: group) { self.result = work() }
    }

    var value: Value {
        group.wait()
        return result!
    }
}
