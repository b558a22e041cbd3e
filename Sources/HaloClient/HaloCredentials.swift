/// Who the client signs in as. Kept apart from the client so the CLI can build it from flags,
/// profiles or the environment; `description` and `customMirror` never show the secret.
public struct HaloCredentials: Sendable, CustomStringConvertible, CustomReflectable {
    /// The Halo base URL, e.g. `https://acme.halopsa.com` (a trailing slash is tolerated).
    public var url: String
    /// The tenant for `/auth/token?tenant=`; nil looks it up at `/api/instanceinfo`,
    /// the empty string sends no `tenant` at all (on-premises installs).
    public var tenant: String?
    public var clientID: String
    public var clientSecret: String
    /// `all`, or a space-separated list such as `read:tickets edit:tickets`.
    public var scope: String
    /// The authorisation server, such as `https://auth.acme.example/auth` (tokens come from its
    /// `/token`); nil tries `{url}/auth` and, on a 404, the one `/api/authinfo` advertises.
    public var authURL: String?

    public init(url: String, tenant: String? = nil, clientID: String, clientSecret: String, scope: String = "all",
                authURL: String? = nil) {
        self.url = url
        self.authURL = authURL
        self.tenant = tenant
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
    }

    /// The environment variables `fromEnvironment` reads, in the order they are reported.
    public static let requiredVariables = ["HALO_URL", "HALO_CLIENT_ID", "HALO_CLIENT_SECRET"]

    /// From `HALO_URL`, `HALO_TENANT`, `HALO_CLIENT_ID`, `HALO_CLIENT_SECRET`, `HALO_SCOPE`.
    /// An unset `HALO_TENANT` means "look it up"; an unset or empty `HALO_SCOPE` means `all`.
    /// Throws `HaloClientError.missingEnvironment` naming every missing (or empty) required variable.
    public static func fromEnvironment(_ env: [String: String]) throws -> HaloCredentials {
        let missing = requiredVariables.filter { (env[$0] ?? "").isEmpty }
        guard missing.isEmpty else { throw HaloClientError.missingEnvironment(missing) }
        let scope = env["HALO_SCOPE"].flatMap { $0.isEmpty ? nil : $0 } ?? "all"
        return HaloCredentials(url: env["HALO_URL"]!, tenant: env["HALO_TENANT"],
                               clientID: env["HALO_CLIENT_ID"]!, clientSecret: env["HALO_CLIENT_SECRET"]!,
                               scope: scope, authURL: env["HALO_AUTH_URL"].flatMap { $0.isEmpty ? nil : $0 })
    }

    public var description: String {
        let tenantText = tenant.map { "\"\($0)\"" } ?? "lookup"
        return "HaloCredentials(url: \(url), tenant: \(tenantText), clientID: \(clientID), clientSecret: ***, scope: \(scope))"
    }

    /// `dump` and debuggers go through the mirror, so it hides the secret too.
    public var customMirror: Mirror {
        Mirror(self, children: ["url": url, "tenant": tenant as Any, "clientID": clientID,
                                "clientSecret": "***", "scope": scope])
    }
}
