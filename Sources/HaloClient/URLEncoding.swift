import Foundation

/// Percent-encoding for query strings and form bodies, and joining a path to the base URL.
/// Foundation's `URLComponents` leaves `+`, `&` and `=` alone in query items, which Halo (ASP.NET)
/// would read as a space or a separator, so values are encoded here by hand.
enum URLEncoding {
    /// RFC 3986 unreserved characters; everything else (including `+`, `&`, `=`, space, unicode) is escaped.
    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    /// Characters left alone in a path: unreserved, sub-delimiters, `:@/`, and `%` so an
    /// already-encoded path is not encoded twice.
    private static let pathAllowed = unreserved.union(CharacterSet(charactersIn: "!$&'()*+,;=:@/%"))

    /// One query or form component, e.g. `a+b & c` → `a%2Bb%20%26%20c`.
    static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `k1=v1&k2=v2`, usable both as a query string and as an `application/x-www-form-urlencoded` body.
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(component($0.0))=\(component($0.1))" }.joined(separator: "&")
    }

    /// Joins `base` (trailing slashes tolerated) and `path` (leading slash optional, may carry its
    /// own `?query`) and appends `query`.
    static func join(base: String, path: String, query: [(String, String)] = []) throws -> URL {
        var root = base
        while root.hasSuffix("/") { root.removeLast() }
        var tail = path.hasPrefix("/") ? path : "/" + path
        var existingQuery = ""
        if let mark = tail.firstIndex(of: "?") {
            existingQuery = String(tail[tail.index(after: mark)...])
            tail = String(tail[..<mark])
        }
        tail = tail.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? tail
        let queryText = [existingQuery, form(query)].filter { !$0.isEmpty }.joined(separator: "&")
        let text = root + tail + (queryText.isEmpty ? "" : "?" + queryText)
        guard let url = URL(string: text) else { throw HaloClientError.invalidURL(text) }
        return url
    }
}
