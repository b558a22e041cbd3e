/// A failure to serve instead of the real answer, for the next `count` matching requests. A
/// faulted request is counted in the stats but never applied, so a test can tell whether a
/// client resent a POST after a 5xx.
public struct SandboxFault: Sendable, Equatable {
    /// HTTP method, case-insensitive; "" or "*" matches any.
    public var method: String
    /// Matches this path and everything below it, case-insensitively ("/api/client" matches "/api/Client/3").
    public var pathPrefix: String
    public var status: Int
    public var count: Int
    /// Seconds for a Retry-After header; nil sends none.
    public var retryAfter: Int?
    /// Reply body; nil picks a Halo-like one for the status. With status 200 and a body such as
    /// `{"error":"..."}` this is one of Halo's errors hidden in a success.
    public var body: String?
    /// Seconds to hold the reply back (a slow or hanging Halo); 0 answers at once. The request is
    /// counted when it arrives, so a test can act while the client waits.
    public var delay: Double

    public init(method: String, pathPrefix: String, status: Int, count: Int = 1, retryAfter: Int? = nil,
                body: String? = nil, delay: Double = 0) {
        self.method = method
        self.pathPrefix = pathPrefix
        self.status = status
        self.count = count
        self.retryAfter = retryAfter
        self.body = body
        self.delay = delay
    }

    /// From the control endpoint's JSON: {"method","path","status","count","retry_after","body","delay"}.
    init?(json: JSONObject) {
        guard let status = json["status"]?.intValue, (100...599).contains(status) else { return nil }
        let delay: Double
        switch json["delay"] {
        case nil, .null?: delay = 0
        case .int(let seconds)? where seconds >= 0: delay = Double(seconds)
        case .double(let seconds)? where seconds >= 0 && seconds.isFinite: delay = seconds
        default: return nil
        }
        self.init(method: json["method"]?.stringValue ?? "", pathPrefix: json["path"]?.stringValue ?? "/",
                  status: status, count: json["count"]?.intValue ?? 1, retryAfter: json["retry_after"]?.intValue,
                  body: json["body"]?.stringValue, delay: delay)
    }

    func matches(method: String, path: RequestPath) -> Bool {
        (self.method.isEmpty || self.method == "*" || self.method.uppercased() == method)
            && path.hasPrefix(RequestPath(pathPrefix))
    }

    var reply: Reply {
        var reply: Reply
        if let body {
            let isJSON = body.first == "{" || body.first == "["
            reply = Reply(status: status, headers: [(.contentType, isJSON ? "application/json; charset=utf-8"
                                                                            : "text/plain; charset=utf-8")],
                          body: Array(body.utf8))
        } else if status == 429 {
            reply = .json(429, ["error": .string("Rate Limit Reached - injected by the sandbox")])
        } else {
            reply = .message(status, "The sandbox injected this \(status) fault.")
        }
        if let retryAfter { reply = reply.adding(.retryAfter, String(retryAfter)) }
        reply.delay = delay
        return reply
    }
}
