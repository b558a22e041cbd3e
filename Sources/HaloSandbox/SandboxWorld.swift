/// Everything a running sandbox changes, kept in one value behind one lock so that each
/// request sees and updates it atomically.
struct SandboxWorld: Sendable {
    var data: SandboxData
    var tokens = TokenStore()
    var limiter: RateLimiter
    var faults: [SandboxFault] = []
    var stats = SandboxStats()

    init(data: SandboxData, options: SandboxOptions) {
        self.data = data
        self.limiter = RateLimiter(limit: options.rateLimit, window: options.rateWindow)
    }

    mutating func count(_ call: SandboxCall) {
        stats.total += 1
        stats.routes["\(call.method) \(call.path.normalized)", default: 0] += 1
    }

    /// Consumes one use of the first fault matching the call.
    mutating func takeFault(for call: SandboxCall) -> SandboxFault? {
        guard let index = faults.firstIndex(where: { $0.matches(method: call.method, path: call.path) }) else {
            return nil
        }
        let fault = faults[index]
        faults[index].count -= 1
        if faults[index].count <= 0 { faults.remove(at: index) }
        stats.faultsServed += 1
        return fault
    }
}

/// One HTTP request, reduced to what the sandbox looks at.
struct SandboxCall: Sendable {
    let method: String
    let path: RequestPath
    let query: QueryParameters
    let authorization: String?
    /// Host header, for the URLs the discovery endpoints hand out.
    let host: String?
    let fromLoopback: Bool
    let body: [UInt8]
}

extension SandboxWorld {
    /// A fresh world that keeps the tokens already handed out.
    init(data: SandboxData, options: SandboxOptions, keepingTokensOf previous: SandboxWorld) {
        self.init(data: data, options: options)
        tokens = previous.tokens
    }
}
