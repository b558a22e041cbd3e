/// The API-application permission Halo checks for a request, so a 403 can name it. Halo's scopes
/// are `read:AREA` / `edit:AREA` (edit includes read); actions belong to tickets, sites and users
/// to customers. Paths outside this table get no name.
enum RequiredPermission {
    private static let areaByResource: [String: String] = [
        "tickets": "tickets", "actions": "tickets", "status": "tickets", "tickettype": "tickets",
        "priority": "tickets", "client": "customers", "site": "customers", "users": "customers",
        "asset": "assets", "invoice": "invoices", "quotation": "quotes", "clientcontract": "contracts",
        "projects": "projects", "kbarticle": "kb", "item": "items", "appointment": "calendar",
        "agent": "agents", "team": "agents",
    ]

    /// `edit:tickets` for `POST /api/tickets`, `read:customers` for `GET /api/Client/3`.
    static func name(method: HTTPMethod, path: String) -> String? {
        let segments = path.split(separator: "/").map { $0.lowercased() }
        guard segments.count >= 2, segments[0] == "api", let area = areaByResource[segments[1]] else { return nil }
        return (method == .get ? "read:" : "edit:") + area
    }
}
