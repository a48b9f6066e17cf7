/// How much of a variant's pilot (its first draws, which make its
/// `PilotSummary`) is in: pieces arrive in any order, and the summary can
/// only be made from all of them. A value kept under `PilotTally`'s lock.
struct PilotProgress {
    /// Pilot draws: the variant's first `length` draws.
    let length: Int
    /// Pieces in, by first draw: their draw counts.
    private var pieces: [Int: Int] = [:]
    /// Draws 0..<joined are in.
    private var joined = 0
    private var claimed = false

    init(length: Int) { self.length = length }

    /// Notes that pilot draws firstDraw..<firstDraw+count are in (none when
    /// count is 0). True for the one call after which every pilot draw is
    /// in: its caller makes the sketch.
    mutating func register(firstDraw: Int, count: Int) -> Bool {
        if count > 0 {
            pieces[firstDraw] = count
            while let n = pieces[joined] { joined += n }
        }
        guard joined >= length, !claimed else { return false }
        claimed = true
        return true
    }
}
