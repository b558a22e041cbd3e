import Foundation
import HaloCore

/// A mistyped key after `^` is null, as in Halo; when the entry was only such a chain
/// (`response^clinets`) and the value has a close key, the REPL says which.
enum KeySuggestion {
    /// `note: no key 'clinets' (null, as in Halo); did you mean 'clients'?`, or nil.
    static func note(for entry: String, value: Value, state: CompletionState) -> String? {
        guard value.isNull || isListOfNulls(value) else { return nil }
        let text = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "^" || $0 == "-" }),
              let caret = text.lastIndex(of: "^") else { return nil }
        let key = String(text[text.index(after: caret)...])
        guard key.first.map({ $0.isLetter || $0 == "_" }) == true,
              let base = Completer.follow(text[..<caret], state: state),
              let keys = Completer.keys(of: base), !keys.contains(key) else { return nil }
        let scored = keys.map { ($0, distance($0.lowercased(), key.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, key.count / 3) else { return nil }
        return "note: no key '\(key)' (null, as in Halo); did you mean '\(best.0)'?"
    }

    private static func isListOfNulls(_ value: Value) -> Bool {
        if case .list(let items) = value { return !items.isEmpty && items.allSatisfy(\.isNull) }
        return false
    }

    /// Levenshtein distance, with a swap of neighbours counted as one edit (`clinets` → `clients`).
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty else { return y.count }
        guard !y.isEmpty else { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}
