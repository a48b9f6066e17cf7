import Dispatch

/// A value computed on another thread while the caller does something else;
/// `value` waits for it. For output that is independent of other output
/// (the HTML report beside the CSV files).
// unchecked: `result` is written once before `group` leaves and read only after `group.wait()`
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    /// Without `inParallel` the work runs here and now: `--threads 1` means one core.
    init(inParallel: Bool = true, _ work: @escaping @Sendable () -> Value) {
        if inParallel {
            DispatchQueue.global().async(group: group) { self.result = work() }
        } else {
            result = work()
        }
    }

    var value: Value {
        group.wait()
        return result!
    }
}
