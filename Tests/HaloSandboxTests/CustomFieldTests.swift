import Testing

private func customFields(_ record: [String: Any]) -> [String: String] {
    let entries = record["customfields"] as? [[String: Any]] ?? []
    return Dictionary(uniqueKeysWithValues: entries.map { ($0["name"] as! String, "\($0["value"]!)") })
}

@Test(arguments: ["/api/tickets/5", "/api/Client/5"])
func updatingOneCustomFieldKeepsTheOthers(_ recordPath: String) async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let listPath = String(recordPath.dropLast(2))
        let both = #"[{"id":5,"customfields":[{"name":"CFRootCause","value":"Cable"},{"name":"CFBillable","value":"Yes"}]}]"#
        #expect(try await sandbox.post(listPath, both, token: token).status == 201)
        let one = #"[{"id":5,"customfields":[{"name":"cfrootcause","value":"Firmware"}]}]"#
        let reply = try await sandbox.post(listPath, one, token: token)
        #expect(customFields(reply.object) == ["CFRootCause": "Firmware", "CFBillable": "Yes"])
        let fetched = try await sandbox.get(recordPath, token: token).object
        #expect(customFields(fetched) == ["CFRootCause": "Firmware", "CFBillable": "Yes"])
    }
}

@Test func newCustomFieldTakesIdAndLabelFromItsDefinition() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let definition = try #require(seedRecords("fieldinfo").first { $0["name"] as? String == "CFRootCause" })
        let reply = try await sandbox.post("/api/tickets", #"[{"id":9,"customfields":[{"name":"CFRootCause","value":"Dust"}]}]"#,
                                           token: token)
        let entry = try #require((reply.object["customfields"] as? [[String: Any]])?.first)
        #expect(entry["id"] as? Int == definition["id"] as? Int)
        #expect(entry["label"] as? String == definition["label"] as? String)
        #expect(entry["display"] as? String == "Dust")
    }
}

@Test func customFieldCanBeAddressedById() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let contract = seedRecords("contracts")[0]
        let tier = try #require((contract["customfields"] as? [[String: Any]])?.first)
        let reply = try await sandbox.post("/api/ClientContract", #"[{"id":1,"customfields":[{"id":\#(tier["id"]!),"value":"Platinum"}]}]"#,
                                           token: token)
        #expect(customFields(reply.object) == ["CFTier": "Platinum"])
    }
}
