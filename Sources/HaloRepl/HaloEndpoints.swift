/// Halo API paths offered after `get`, `post` and `delete`. A fixed list of the common resources:
/// Halo has no endpoint that lists its endpoints.
enum HaloEndpoints {
    static let paths = [
        "/api/actions", "/api/agent", "/api/appointment", "/api/asset", "/api/assettype", "/api/attachment",
        "/api/category", "/api/client", "/api/clientcontract", "/api/contract", "/api/crmnote", "/api/invoice",
        "/api/item", "/api/kbarticle", "/api/opportunities", "/api/priority", "/api/project", "/api/purchaseorder",
        "/api/quotation", "/api/recurringinvoice", "/api/report", "/api/salesorder", "/api/site", "/api/sla",
        "/api/status", "/api/supplier", "/api/team", "/api/tickets", "/api/tickettype", "/api/timesheet",
        "/api/users", "/api/webhook", "/api/workflow",
    ]
}
