/// Halo's API permissions: `read:AREA` and `edit:AREA` per area (edit includes read), or `all`.
/// Verified against hosted Halo by third parties: actions are gated by the tickets scopes and sites
/// and users by customers; an unknown scope name is refused at the token endpoint. The areas of
/// the lookups (statuses, ticket types, priorities, field info) are a guess: tickets.
enum Permission {
    static let areas: Set<String> = ["tickets", "customers", "assets", "invoices", "quotes", "contracts",
                                     "projects", "kb", "items", "calendar", "agents"]

    /// The scope names Halo knows; `all` and `all:standard` grant everything.
    static func isKnown(_ scope: String) -> Bool {
        if scope == "all" || scope == "all:standard" { return true }
        let parts = scope.split(separator: ":", maxSplits: 1).map(String.init)
        return parts.count == 2 && ["read", "edit"].contains(parts[0]) && areas.contains(parts[1])
    }

    /// The permissions a token gets: those requested (`all` meaning all the application has),
    /// limited to what the application was granted. nil means everything.
    static func granted(requested: [String], application: Set<String>?) -> Set<String>? {
        let wantsAll = requested.isEmpty || requested.contains("all") || requested.contains("all:standard")
        guard let application else { return wantsAll ? nil : Set(requested) }
        return wantsAll ? application : application.intersection(requested)
    }

    /// The area a resource path belongs to.
    static func area(of kind: ResourceKind) -> String {
        switch kind.path {
        case "client", "site", "users": "customers"
        case "asset": "assets"
        case "invoice": "invoices"
        case "quotation": "quotes"
        case "clientcontract": "contracts"
        case "projects": "projects"
        case "kbarticle": "kb"
        case "item": "items"
        case "appointment": "calendar"
        case "agent", "team": "agents"
        default: "tickets"
        }
    }

    /// The permission a request needs: `edit:` for writes, `read:` otherwise.
    static func required(method: String, kind: ResourceKind) -> String {
        (method == "GET" ? "read:" : "edit:") + area(of: kind)
    }

    /// Whether `granted` (nil: all) allows `needed`; edit includes read.
    static func allows(_ granted: Set<String>?, _ needed: String) -> Bool {
        guard let granted else { return true }
        if granted.contains(needed) { return true }
        return needed.hasPrefix("read:") && granted.contains("edit:" + needed.dropFirst("read:".count))
    }
}
