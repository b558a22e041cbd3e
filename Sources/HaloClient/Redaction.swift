/// Keeps the client secret and every token the session has seen out of error messages and trace
/// lines: known values are replaced wherever they occur, and the value after an `access_token`,
/// `client_secret`, `refresh_token`, `id_token` key or a `Bearer` scheme is masked even when unknown.
struct Redactor {
    static let mask = "***"
    /// Values shorter than this are not searched for, or a one-letter secret would mask every word.
    static let minimumSecretLength = 4
    private static let secretKeys = ["access_token", "client_secret", "refresh_token", "id_token"]

    private(set) var secrets: [String] = []

    init(secrets: [String] = []) {
        secrets.forEach { add($0) }
    }

    mutating func add(_ secret: String) {
        guard secret.count >= Self.minimumSecretLength, !secrets.contains(secret) else { return }
        secrets.append(secret)
        // Longest first, so a secret containing another is masked whole.
        secrets.sort { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        for key in Self.secretKeys { result = Self.maskValues(after: key, in: result, separators: ":=") }
        return Self.maskValues(after: "Bearer", in: result, separators: " ")
    }

    /// Masks the value following each `key` (as in `key=v`, `"key": "v"`, `key v`).
    private static func maskValues(after key: String, in text: String, separators: String) -> String {
        guard text.range(of: key, options: .caseInsensitive) != nil else { return text }
        var output = ""
        var rest = Substring(text)
        while let found = rest.range(of: key, options: .caseInsensitive) {
            output += rest[..<found.upperBound]
            var cursor = found.upperBound
            // Skip a closing quote, spaces and one separator, then an opening quote.
            var sawSeparator = false
            while cursor < rest.endIndex {
                let c = rest[cursor]
                if c == "\"" || c == " " || (separators.contains(c) && !sawSeparator) {
                    if separators.contains(c) { sawSeparator = true }
                    cursor = rest.index(after: cursor)
                } else { break }
            }
            let valueStart = cursor
            while cursor < rest.endIndex, !"\"&, \t\r\n}]'".contains(rest[cursor]) { cursor = rest.index(after: cursor) }
            output += rest[found.upperBound..<valueStart]
            if sawSeparator && cursor > valueStart && rest[valueStart..<cursor] != Substring(mask) {
                output += mask
            } else {
                output += rest[valueStart..<cursor]
            }
            rest = rest[cursor...]
        }
        return output + rest
    }
}
