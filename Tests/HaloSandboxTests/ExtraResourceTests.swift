import Testing

/// One of the billing and service-desk resources, as the shared tests below exercise it.
struct ExtraResource: Sendable, CustomTestStringConvertible {
    /// As a runbook would write it; the sandbox matches paths case-insensitively.
    let path: String
    let seed: String
    /// nil for the resources Halo answers with a bare array.
    let listKey: String?
    /// The text fields `search=` looks into; the first one is renamed by the write test.
    let searchFields: [String]
    var searchField: String { searchFields[0] }
    /// The fields a new record is created with.
    let create: String

    var testDescription: String { path }
}

let extraResources: [ExtraResource] = [
    ExtraResource(path: "/api/Invoice", seed: "invoices", listKey: "invoices",
                  searchFields: ["invoicenumber", "client_name"],
                  create: #""client_id":3,"lines":[]"#),
    ExtraResource(path: "/api/Quotation", seed: "quotes", listKey: "quotes", searchFields: ["title", "client_name"],
                  create: #""client_id":3,"title":"New firewall""#),
    ExtraResource(path: "/api/ClientContract", seed: "contracts", listKey: "contracts",
                  searchFields: ["ref", "client_name", "billingdescription"],
                  create: #""client_id":3,"ref":"MSA-9999""#),
    ExtraResource(path: "/api/Projects", seed: "projects", listKey: "tickets", searchFields: ["summary"],
                  create: #""summary":"Office move","client_id":3"#),
    ExtraResource(path: "/api/Appointment", seed: "appointments", listKey: nil, searchFields: ["subject", "note"],
                  create: #""subject":"On-site visit","agent_id":2"#),
    ExtraResource(path: "/api/KBArticle", seed: "kbarticles", listKey: "articles",
                  searchFields: ["name", "description", "tag_string"],
                  create: #""name":"Reset the router","creator_id":1"#),
    ExtraResource(path: "/api/Item", seed: "items", listKey: "items", searchFields: ["name", "internalreference"],
                  create: #""name":"Rack shelf","baseprice":25.0"#),
    ExtraResource(path: "/api/Team", seed: "teams", listKey: nil, searchFields: ["name"], create: #""name":"Security""#),
    ExtraResource(path: "/api/Priority", seed: "priorities", listKey: nil, searchFields: ["name"],
                  create: #""name":"Planned""#),
    ExtraResource(path: "/api/FieldInfo", seed: "fieldinfo", listKey: nil, searchFields: ["name", "label"],
                  create: #""name":"CFWarrantyEnd","type":2"#),
]

private func ids(_ records: [[String: Any]]) -> [Int] { records.compactMap { $0["id"] as? Int } }

@Test(.serialized, arguments: extraResources)
func listPagesUnderHalosKeyOrIsOneBareArray(_ resource: ExtraResource) async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let seeds = ids(seedRecords(resource.seed)).sorted()
        let reply = try await sandbox.get(resource.path + "?pageinate=true&page_size=3&page_no=2", token: token)
        #expect(reply.status == 200)
        if let key = resource.listKey {
            #expect(reply.recordCount == seeds.count)
            #expect(ids(reply.records(key)) == Array(seeds.dropFirst(3).prefix(3)))
        } else {
            #expect(ids(reply.array) == seeds, "a bare array is the whole list: it has no record_count to page by")
        }
    }
}

@Test(.serialized, arguments: extraResources)
func countCapsTheList(_ resource: ExtraResource) async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let reply = try await sandbox.get(resource.path + "?count=2", token: token)
        let records = resource.listKey.map { reply.records($0) } ?? reply.array
        #expect(ids(records) == Array(ids(seedRecords(resource.seed)).sorted().prefix(2)))
    }
}

@Test(.serialized, arguments: extraResources)
func searchMatchesTheSearchField(_ resource: ExtraResource) async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let seeds = seedRecords(resource.seed)
        let word = (seeds[seeds.count / 2][resource.searchField] as! String).split(separator: " ").last!.lowercased()
        let expected = seeds.filter { seed in
            resource.searchFields.contains { (seed[$0] as? String)?.lowercased().contains(word) == true }
        }
        let reply = try await sandbox.get(resource.path + "?search=" + word.uppercased(), token: token)
        let records = resource.listKey.map { reply.records($0) } ?? reply.array
        #expect(ids(records) == ids(expected).sorted())
        #expect(!records.isEmpty)
    }
}

@Test(.serialized, arguments: extraResources)
func singleGetReturnsTheSeededRecord(_ resource: ExtraResource) async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let seed = seedRecords(resource.seed).last!
        let reply = try await sandbox.get(resource.path.lowercased() + "/\(seed["id"]!)", token: token)
        #expect(reply.status == 200)
        #expect(reply.text.hasPrefix(#"{"id":\#(seed["id"]!),"#))
        #expect(reply.object[resource.searchField] as? String == seed[resource.searchField] as? String)
        #expect(try await sandbox.get(resource.path + "/987654", token: token).status == 404)
    }
}

@Test(.serialized, arguments: extraResources)
func createUpdateAndDelete(_ resource: ExtraResource) async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let created = try await sandbox.post(resource.path, "[{\(resource.create)}]", token: token)
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? Int)
        #expect(id == ids(seedRecords(resource.seed)).max()! + 1)
        let renamed = try await sandbox.post(resource.path, #"[{"id":\#(id),"\#(resource.searchField)":"Renamed"}]"#,
                                             token: token)
        #expect(renamed.object[resource.searchField] as? String == "Renamed")
        #expect(renamed.object.count == created.object.count)
        #expect(try await sandbox.send("DELETE", resource.path + "/\(id)", token: token).status == 200)
        #expect(try await sandbox.get(resource.path + "/\(id)", token: token).status == 404)
    }
}
