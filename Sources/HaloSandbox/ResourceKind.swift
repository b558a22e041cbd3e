/// What the sandbox knows about one Halo resource: where it lives, how its list is wrapped,
/// what it can be filtered and searched by, and what a newly created record looks like.
struct ResourceKind: Sendable {
    /// Lower-case path segment after /api/.
    let path: String
    /// Seed file name without ".json".
    let seedFile: String
    /// Key of the array in a list reply; nil for the endpoints Halo answers with a bare array.
    let listKey: String?
    /// Used in error messages ("Ticket 12 not found").
    let noun: String
    /// Integer query parameters that filter on the field of the same name.
    let filterFields: [String]
    /// Fields `search=` looks into, case-insensitively.
    let searchFields: [String]
    /// Field a created record must carry (non-empty) or the POST is rejected with 400.
    let requiredField: String?
    /// A new record's fields in Halo's order, with their defaults; `id` comes first.
    let template: JSONObject
    /// Fields set to the current time when a record is created.
    let timestampFields: [String]
    /// The date `startdate`/`enddate` bound when `datesearch` names no other field (Halo's ticket
    /// convention, which the sandbox offers on every resource with dates).
    var dateField: String? = nil
    /// Resource-specific date parameters, such as an appointment's `start_date`.
    var dateBounds: [DateBound] = []
    /// What makes a record closed, for `open_only` and `closed_only`; nil where they do not apply.
    var closedWhen: ClosedRule? = nil
    /// Stamped with the time a record becomes closed and removed when it is reopened.
    var closedDateField: String? = nil
    /// Boolean query parameters that keep only records whose field has a given value.
    var flagFilters: [FlagFilter] = []

    var hasInactiveFlag: Bool { template["inactive"] != nil }

    static let tickets = ResourceKind(
        path: "tickets", seedFile: "tickets", listKey: "tickets", noun: "Ticket",
        filterFields: ticketFilters, searchFields: ["summary"], requiredField: "summary",
        template: ["id": .int(0), "summary": .string(""), "details": .string(""), "status_id": .int(1),
                   "tickettype_id": .int(1), "priority_id": .int(3), "client_id": .int(0), "client_name": .string(""),
                   "site_id": .int(0), "site_name": .string(""), "user_id": .int(0), "user_name": .string(""),
                   "user_email": .string(""), "agent_id": .int(0), "team": .string(""), "category_1": .string(""),
                   "dateoccurred": .null, "lastactiondate": .null, "onhold": .bool(false), "flagged": .bool(false)],
        timestampFields: ["dateoccurred", "lastactiondate"], dateField: "dateoccurred", closedWhen: .closedStatus,
        closedDateField: "dateclosed")

    static let ticketFilters = ["client_id", "site_id", "user_id", "agent_id", "status_id", "tickettype_id", "priority_id"]

    static let actions = ResourceKind(
        path: "actions", seedFile: "actions", listKey: "actions", noun: "Action",
        filterFields: ["ticket_id", "agent_id"], searchFields: ["note"], requiredField: "ticket_id",
        template: ["id": .int(0), "ticket_id": .int(0), "outcome": .string("Note"), "note": .string(""),
                   "who": .string("API"), "agent_id": .int(0), "datetime": .null, "timetaken": .double(0),
                   "hiddenfromuser": .bool(false)],
        timestampFields: ["datetime"], dateField: "datetime")

    static let clients = ResourceKind(
        path: "client", seedFile: "clients", listKey: "clients", noun: "Client",
        filterFields: ["toplevel_id"], searchFields: ["name"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "toplevel_id": .int(1), "toplevel_name": .string("Managed Services"),
                   "inactive": .bool(false), "colour": .string("#2f80ed"), "website": .string(""),
                   "main_email": .string(""), "phonenumber": .string(""), "accountsid": .string("")],
        timestampFields: [])

    static let sites = ResourceKind(
        path: "site", seedFile: "sites", listKey: "sites", noun: "Site",
        filterFields: ["client_id"], searchFields: ["name"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "client_id": .int(0), "client_name": .string(""),
                   "inactive": .bool(false), "phonenumber": .string("")],
        timestampFields: [])

    static let users = ResourceKind(
        path: "users", seedFile: "users", listKey: "users", noun: "User",
        filterFields: ["client_id", "site_id"], searchFields: ["name", "emailaddress"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "firstname": .string(""), "surname": .string(""),
                   "emailaddress": .string(""), "phonenumber": .string(""), "jobtitle": .string(""),
                   "site_id": .int(0), "site_name": .string(""), "client_id": .int(0), "client_name": .string(""),
                   "inactive": .bool(false)],
        timestampFields: [])

    static let assets = ResourceKind(
        path: "asset", seedFile: "assets", listKey: "assets", noun: "Asset",
        filterFields: ["client_id", "site_id", "user_id", "assettype_id"],
        searchFields: ["inventory_number", "key_field", "serialnumber"], requiredField: nil,
        template: ["id": .int(0), "inventory_number": .string(""), "key_field": .string(""), "assettype_id": .int(1),
                   "assettype_name": .string(""), "client_id": .int(0), "client_name": .string(""),
                   "site_id": .int(0), "site_name": .string(""), "user_id": .int(0), "user_name": .string(""),
                   "model": .string(""), "serialnumber": .string(""), "inactive": .bool(false)],
        timestampFields: [])

    static let agents = ResourceKind(
        path: "agent", seedFile: "agents", listKey: nil, noun: "Agent",
        filterFields: [], searchFields: ["name", "email"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "email": .string(""), "team": .string(""),
                   "initials": .string(""), "isdisabled": .bool(false)],
        timestampFields: [])

    static let statuses = ResourceKind(
        path: "status", seedFile: "statuses", listKey: nil, noun: "Status",
        filterFields: [], searchFields: ["name"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "colour": .string("#828282"), "type": .int(0)],
        timestampFields: [])

    static let ticketTypes = ResourceKind(
        path: "tickettype", seedFile: "tickettypes", listKey: nil, noun: "Ticket type",
        filterFields: [], searchFields: ["name"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "shortname": .string(""), "inactive": .bool(false)],
        timestampFields: [])

    /// Seeds load in this order; references between them need none.
    static let all: [ResourceKind] = [clients, sites, users, agents, statuses, ticketTypes, tickets, assets, actions,
                                      invoices, quotes, contracts, projects, appointments, kbArticles, items, teams,
                                      priorities, fieldInfo]

    static let byPath: [String: ResourceKind] = Dictionary(uniqueKeysWithValues: all.map { ($0.path, $0) })

    /// Halo's status for a closed ticket (`closed_only`, `dateclosed`).
    static let closedStatusID = 9
}

/// A date parameter bounding one field: `lower` keeps records on or after the value, otherwise
/// on or before it (a date without a time covers that whole day).
struct DateBound: Sendable {
    let parameter: String
    let field: String
    let lower: Bool
}

/// A record is closed when `field` holds `value` (a status id, or a flag such as `expired`).
struct ClosedRule: Sendable {
    let field: String
    let value: JSONValue

    static let closedStatus = ClosedRule(field: "status_id", value: .int(ResourceKind.closedStatusID))

    func isClosed(_ object: JSONObject) -> Bool {
        if case .bool(let flag) = value { return object[field]?.boolValue == flag }
        return object[field]?.intValue == value.intValue
    }
}

/// `parameter=true` keeps the records whose `field` is `value` (Halo's `postedonly` and kin).
struct FlagFilter: Sendable {
    let parameter: String
    let field: String
    let value: Bool
}
