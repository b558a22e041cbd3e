/// An HTTP reply before it is handed to Hummingbird: built while the state lock is held,
/// always a complete body so it goes out with a Content-Length in one write.
struct Reply: Sendable {
    /// The only headers the sandbox sets, so the adapter needs no header-name parsing.
    enum Header: Sendable { case contentType, retryAfter, wwwAuthenticate }

    var status: Int
    var headers: [(name: Header, value: String)] = []
    var body: [UInt8] = []
    /// Seconds the adapter waits before sending it (injected latency).
    var delay: Double = 0

    static func json(_ status: Int, _ body: [UInt8]) -> Reply {
        Reply(status: status, headers: [(.contentType, "application/json; charset=utf-8")], body: body)
    }

    static func json(_ status: Int, _ object: JSONObject) -> Reply {
        json(status, JSONWriter.bytes(.object(object)))
    }

    /// ASP.NET Web API's error shape, the one Halo uses for most non-OAuth errors.
    static func message(_ status: Int, _ text: String) -> Reply {
        json(status, ["Message": .string(text)])
    }

    static func empty(_ status: Int) -> Reply { Reply(status: status) }

    func adding(_ name: Header, _ value: String) -> Reply {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}
