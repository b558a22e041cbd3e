import Testing

@Test func idFiltersSelectMatchingRecords() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let expected = seedRecords("tickets").filter { $0["client_id"] as? Int == 4 && $0["status_id"] as? Int == 9 }
        let reply = try await sandbox.get("/api/tickets?client_id=4&status_id=9", token: token)
        #expect(reply.recordCount == expected.count)
        #expect(reply.records("tickets").allSatisfy { $0["client_id"] as? Int == 4 && $0["status_id"] as? Int == 9 })
        let actions = try await sandbox.get("/api/actions?ticket_id=\(seedRecords("actions")[0]["ticket_id"]!)", token: token)
        #expect(actions.recordCount > 0)
    }
}

@Test func openOnlyAndClosedOnlyPartitionTickets() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let open = try await sandbox.get("/api/tickets?open_only=true&count=1", token: token).recordCount
        let closed = try await sandbox.get("/api/tickets?closed_only=True&count=1", token: token).recordCount
        let expectedOpen = seedRecords("tickets").filter { $0["status_id"] as? Int != 9 }.count
        #expect(open == expectedOpen)
        #expect(open + closed == seedRecords("tickets").count)
    }
}

@Test func searchIsCaseInsensitiveSubstring() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let expected = seedRecords("tickets").filter { ($0["summary"] as! String).lowercased().contains("outlook") }
        let reply = try await sandbox.get("/api/tickets?search=OUTLOOK", token: token)
        #expect(reply.recordCount == expected.count && expected.count > 0)
        let user = seedRecords("users")[0]
        let byEmail = try await sandbox.get("/api/users?search=\(user["emailaddress"] as! String)", token: token)
        #expect(byEmail.records("users").map { $0["id"] as? Int } == [user["id"] as? Int])
    }
}

@Test func inactiveRecordsAppearOnlyWhenAskedFor() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let all = try await sandbox.get("/api/client?includeinactive=true", token: token)
        #expect(all.recordCount == seedRecords("clients").count)
        #expect(all.records("clients").contains { $0["inactive"] as? Bool == true })
    }
}

@Test func unknownParametersAreIgnored() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let reply = try await sandbox.get("/api/tickets?clientid=4&colour=blue&count=1", token: token)
        #expect(reply.recordCount == seedRecords("tickets").count)
    }
}

@Test func orderAndOrderDescSortTheList() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let newest = try await sandbox.get("/api/tickets?orderdesc=true&count=3", token: token)
        #expect(newest.records("tickets").compactMap { $0["id"] as? Int } == [10_000, 9_999, 9_998])
        let byName = try await sandbox.get("/api/client?order=name", token: token).records("clients")
        let names = byName.compactMap { $0["name"] as? String }
        #expect(names == names.sorted { $0.lowercased() < $1.lowercased() })
    }
}
