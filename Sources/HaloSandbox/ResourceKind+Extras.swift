/// The billing and service-desk resources beyond tickets and their people, declared as data like
/// the core ones. Paths, list keys and filters follow the public clients cited in docs/SANDBOX.md;
/// the fields are a small, consistent subset of Halo's.
extension ResourceKind {
    static let invoices = ResourceKind(
        path: "invoice", seedFile: "invoices", listKey: "invoices", noun: "Invoice",
        filterFields: ["client_id", "site_id", "user_id", "ticket_id", "contract_id", "paymentstatus"],
        searchFields: ["invoicenumber", "client_name"], requiredField: "client_id",
        template: ["id": .int(0), "invoicenumber": .string(""), "client_id": .int(0), "client_name": .string(""),
                   "site_id": .int(0), "site_name": .string(""), "user_id": .int(0), "user_name": .string(""),
                   "ticket_id": .int(0), "contract_id": .int(0), "invoice_date": .null, "duedate": .null,
                   "posted": .bool(false), "datesent": .null, "datepaid": .null, "paymentstatus": .int(0),
                   "total": .double(0), "amountpaid": .double(0), "amountdue": .double(0),
                   "currency": .string("GBP"), "lines": .array([])],
        timestampFields: ["invoice_date"], dateField: "invoice_date",
        flagFilters: [FlagFilter(parameter: "postedonly", field: "posted", value: true),
                      FlagFilter(parameter: "notpostedonly", field: "posted", value: false)])

    static let quotes = ResourceKind(
        path: "quotation", seedFile: "quotes", listKey: "quotes", noun: "Quote",
        filterFields: ["client_id", "site_id", "user_id", "ticket_id", "agent_id"],
        searchFields: ["title", "client_name"], requiredField: "client_id",
        template: ["id": .int(0), "title": .string(""), "ticket_id": .int(0), "client_id": .int(0),
                   "client_name": .string(""), "site_id": .int(0), "site_name": .string(""), "user_id": .int(0),
                   "user_name": .string(""), "agent_id": .int(0), "date": .null, "expiry_date": .null,
                   "total": .double(0), "approvalstate": .int(0), "closed": .bool(false), "lines": .array([])],
        timestampFields: ["date"], dateField: "date", closedWhen: ClosedRule(field: "closed", value: .bool(true)))

    static let contracts = ResourceKind(
        path: "clientcontract", seedFile: "contracts", listKey: "contracts", noun: "Contract",
        filterFields: ["client_id", "site_id"], searchFields: ["ref", "client_name", "billingdescription"],
        requiredField: "client_id",
        template: ["id": .int(0), "client_id": .int(0), "client_name": .string(""), "ref": .string(""),
                   "site_id": .int(0), "site_name": .string(""), "start_date": .null, "end_date": .null,
                   "expired": .bool(false), "billingdescription": .string(""), "billingperiod": .int(1),
                   "periodchargeamount": .double(0), "numberofunitsfree": .double(0), "note": .string(""),
                   "customfields": .array([])],
        timestampFields: ["start_date"], dateField: "start_date",
        closedWhen: ClosedRule(field: "expired", value: .bool(true)))

    /// Halo's projects are tickets of a project type, listed under the tickets key; the sandbox
    /// keeps them in their own table with ids from 50001, clear of the seeded tickets'.
    static let projects = ResourceKind(
        path: "projects", seedFile: "projects", listKey: "tickets", noun: "Project",
        filterFields: ticketFilters, searchFields: ["summary"], requiredField: "summary",
        template: tickets.template.setting(["tickettype_id": .int(6), "estimate": .double(0), "timetaken": .double(0)]),
        timestampFields: tickets.timestampFields, dateField: "dateoccurred", closedWhen: .closedStatus,
        closedDateField: "dateclosed")

    static let appointments = ResourceKind(
        path: "appointment", seedFile: "appointments", listKey: nil, noun: "Appointment",
        filterFields: ["agent_id", "ticket_id", "client_id", "site_id", "user_id"], searchFields: ["subject", "note"],
        requiredField: "subject",
        template: ["id": .int(0), "subject": .string(""), "agent_id": .int(0), "agent_name": .string(""),
                   "ticket_id": .int(0), "client_id": .int(0), "client_name": .string(""), "site_id": .int(0),
                   "site_name": .string(""), "user_id": .int(0), "user_name": .string(""), "start_date": .null,
                   "end_date": .null, "allday": .bool(false), "is_task": .bool(false), "note": .string(""),
                   "complete_status": .int(0)],
        timestampFields: ["start_date", "end_date"], dateField: "start_date",
        dateBounds: [DateBound(parameter: "start_date", field: "start_date", lower: true),
                     DateBound(parameter: "end_date", field: "end_date", lower: false)])

    static let kbArticles = ResourceKind(
        path: "kbarticle", seedFile: "kbarticles", listKey: "articles", noun: "Article",
        filterFields: ["ticket_id", "creator_id"], searchFields: ["name", "description", "tag_string"],
        requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "tag_string": .string(""), "description": .string(""),
                   "resolution": .string(""), "view_count": .int(0), "useful_count": .int(0),
                   "notuseful_count": .int(0), "creator_id": .int(0), "creator_name": .string(""),
                   "date_created": .null, "date_edited": .null, "ticket_id": .int(0), "showforall": .bool(false)],
        timestampFields: ["date_created", "date_edited"], dateField: "date_created")

    static let items = ResourceKind(
        path: "item", seedFile: "items", listKey: "items", noun: "Item",
        filterFields: [], searchFields: ["name", "internalreference"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "description": .string(""), "baseprice": .double(0),
                   "costprice": .double(0), "taxcode": .int(1), "isrecurringitem": .bool(false),
                   "internalreference": .string(""), "quantity_in_stock": .int(0)],
        timestampFields: [])

    static let teams = ResourceKind(
        path: "team", seedFile: "teams", listKey: nil, noun: "Team",
        filterFields: ["department_id"], searchFields: ["name"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "sequence": .int(0), "forrequests": .bool(true),
                   "forprojects": .bool(false), "department_id": .int(1), "department_name": .string("IT Services"),
                   "emailaddress": .string(""), "inactive": .bool(false)],
        timestampFields: [])

    static let priorities = ResourceKind(
        path: "priority", seedFile: "priorities", listKey: nil, noun: "Priority",
        filterFields: ["sla_id"], searchFields: ["name"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "colour": .string("#828282"), "responsetime": .double(0),
                   "fixtime": .double(0), "fixunits": .string("h"), "sla_id": .int(1), "ishidden": .bool(false)],
        timestampFields: [])

    /// Custom field definitions: what a record's `customfields` entries are instances of.
    static let fieldInfo = ResourceKind(
        path: "fieldinfo", seedFile: "fieldinfo", listKey: nil, noun: "Field",
        filterFields: ["usage", "type"], searchFields: ["name", "label"], requiredField: "name",
        template: ["id": .int(0), "name": .string(""), "label": .string(""), "type": .int(0), "usage": .int(1),
                   "searchable": .bool(true)],
        timestampFields: [])
}

private extension JSONObject {
    /// A copy with these fields replaced or appended, for templates derived from another.
    func setting(_ changes: JSONObject) -> JSONObject {
        var copy = self
        for (key, value) in changes.entries { copy[key] = value }
        return copy
    }
}
