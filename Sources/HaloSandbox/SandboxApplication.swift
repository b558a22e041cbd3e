/// An API application registered in the sandbox: its client credentials and the permissions
/// Halo's "Permissions" tab would grant it (nil: `all`).
public struct SandboxApplication: Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String
    /// Scopes such as `read:tickets`; nil grants everything.
    public var permissions: Set<String>?

    public init(clientID: String, clientSecret: String, permissions: Set<String>?) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.permissions = permissions
    }

    /// The permissions as Halo's scope string (`all`, or a space-separated list).
    public var scope: String { permissions.map { $0.sorted().joined(separator: " ") } ?? "all" }

    /// The second application `halo sandbox` serves: reads tickets and customers, writes nothing.
    public static let readOnly = SandboxApplication(clientID: "halo-sandbox-readonly",
                                                    clientSecret: "sandbox-readonly-secret-not-for-production",
                                                    permissions: ["read:tickets", "read:customers"])
}
