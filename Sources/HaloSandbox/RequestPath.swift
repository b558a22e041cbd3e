/// A request path as Halo matches it: case-insensitive, trailing slash optional.
struct RequestPath: Sendable, Equatable {
    let segments: [String]

    init(_ raw: String) {
        segments = raw.lowercased().split(separator: "/").map(String.init)
    }

    /// "/api/tickets/12": the key of the stats counters.
    var normalized: String { "/" + segments.joined(separator: "/") }

    func hasPrefix(_ prefix: RequestPath) -> Bool {
        segments.count >= prefix.segments.count && Array(segments.prefix(prefix.segments.count)) == prefix.segments
    }
}
