import Testing

@Test func listIsWrappedWithTotalRecordCount() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let reply = try await sandbox.get("/api/client", token: token)
        let active = seedRecords("clients").filter { $0["inactive"] as? Bool != true }
        #expect(reply.status == 200)
        #expect(reply.recordCount == active.count)
        #expect(reply.records("clients").count == active.count)
        #expect(reply.text.hasPrefix(#"{"record_count":"#))
    }
}

@Test func pagingSplitsMatchesButRecordCountStaysTheTotal() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let total = seedRecords("tickets").count
        let first = try await sandbox.get("/api/tickets?pageinate=true&page_size=100&page_no=1", token: token)
        let second = try await sandbox.get("/api/tickets?pageinate=TRUE&page_size=100&page_no=2", token: token)
        let lastNumber = (total + 99) / 100
        let last = try await sandbox.get("/api/tickets?pageinate=true&page_size=100&page_no=\(lastNumber)", token: token)
        let beyond = try await sandbox.get("/api/tickets?pageinate=true&page_size=100&page_no=\(lastNumber + 1)", token: token)
        #expect(first.recordCount == total && second.recordCount == total)
        #expect(first.records("tickets").count == 100)
        #expect(first.records("tickets").first?["id"] as? Int == 1)
        #expect(second.records("tickets").first?["id"] as? Int == 101)
        #expect(last.records("tickets").count == total - (lastNumber - 1) * 100)
        #expect(beyond.records("tickets").isEmpty)
        let absurd = try await sandbox.get("/api/tickets?pageinate=true&page_no=9223372036854775807", token: token)
        #expect(absurd.status == 200 && absurd.records("tickets").isEmpty)
    }
}

@Test func pageSizeDefaultsTo50AndCountCapsUnpagedLists() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        #expect(try await sandbox.get("/api/tickets?pageinate=true", token: token).records("tickets").count == 50)
        let capped = try await sandbox.get("/api/tickets?count=7", token: token)
        #expect(capped.records("tickets").count == 7)
        #expect(capped.recordCount == seedRecords("tickets").count)
    }
}

@Test func agentStatusAndTicketTypeAreBareArrays() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        for (path, seed) in [("/api/agent", "agents"), ("/api/status", "statuses"), ("/api/tickettype", "tickettypes")] {
            let reply = try await sandbox.get(path, token: token)
            #expect(reply.text.hasPrefix("["), "\(path)")
            #expect(reply.array.count == seedRecords(seed).count, "\(path)")
        }
        let statuses = try await sandbox.get("/api/status", token: token).array
        #expect(statuses.contains { $0["id"] as? Int == 9 && $0["name"] as? String == "Closed" })
    }
}
