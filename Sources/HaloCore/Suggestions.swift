/// "did you mean ...?" for unknown names: the closest candidate by edit distance, if close enough.
enum Suggestions {
    static func closest(to name: String, among candidates: [String]) -> String? {
        let limit = max(1, name.count / 3)
        var best: (String, Int)? = nil
        for candidate in Set(candidates) where candidate != name {
            let d = distance(name, candidate)
            if d <= limit, d < (best?.1 ?? Int.max) || (d == best?.1 && candidate < (best?.0 ?? "")) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }
}
