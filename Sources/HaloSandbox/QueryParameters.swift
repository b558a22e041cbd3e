import Foundation

/// Decoded `a=1&b=two` text, from a URL query or a form-encoded body. Keys are matched
/// case-insensitively, as ASP.NET model binding (and so Halo) does.
struct QueryParameters: Sendable {
    private var values: [String: String] = [:]

    init(_ encoded: String?) {
        guard let encoded, !encoded.isEmpty else { return }
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0]).lowercased()
            if values[key] == nil { values[key] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
    }

    subscript(key: String) -> String? { values[key] }

    func int(_ key: String) -> Int? { values[key].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    /// Absent or unparseable counts as false, like an ignored parameter.
    func flag(_ key: String) -> Bool { values[key].flatMap(Self.parseBool) ?? false }

    static func parseBool(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: return nil
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
