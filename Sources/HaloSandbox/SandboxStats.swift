/// What the sandbox has seen since start or the last reset, so tests can prove how many
/// requests a client really made (no duplicate POST after a 5xx, one token per run, ...).
public struct SandboxStats: Sendable, Equatable {
    /// Every request except the /_sandbox control endpoints.
    public var total = 0
    /// Counts per "METHOD /lower-case/path" (query excluded), e.g. "GET /api/tickets".
    public var routes: [String: Int] = [:]
    /// POST and DELETE requests on /api that changed data.
    public var writes = 0
    public var tokensIssued = 0
    public var rateLimited = 0
    /// API requests refused with 403 because the token's permissions did not cover them.
    public var forbidden = 0
    public var faultsServed = 0

    public init() {}

    public subscript(route: String) -> Int { routes[route] ?? 0 }

    var json: JSONObject {
        var routeObject = JSONObject()
        for key in routes.keys.sorted() { routeObject[key] = .int(routes[key]!) }
        return ["total": .int(total), "routes": .object(routeObject), "writes": .int(writes),
                "tokens_issued": .int(tokensIssued), "rate_limited": .int(rateLimited), "forbidden": .int(forbidden),
                "faults_served": .int(faultsServed)]
    }
}
