/// "Did you mean …" for unknown names: the closest known name by edit
/// distance, if it is close enough to be a plausible typo.
package enum NearestName {
    package static func suggestion(for name: String, among known: [String]) -> String {
        guard let best = nearest(to: name, among: known) else { return "" }
        return " (did you mean \"\(best)\"?)"
    }

    package static func nearest(to name: String, among known: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in known {
            let other = Array(candidate.lowercased())
            let d = distance(target, other)
            let sharedPrefix = zip(target, other).prefix { $0 == $1 }.count
            let plausible = d <= max(2, target.count / 3) || sharedPrefix >= max(5, target.count * 2 / 3)
            if plausible, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
