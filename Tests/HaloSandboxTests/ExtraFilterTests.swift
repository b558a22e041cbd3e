import Testing

/// The filters a runbook reaches for on the billing and service-desk resources.

@Test func invoicesFilterByClientAndPostedState() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let client = seedRecords("invoices")[0]["client_id"] as! Int
        let expected = seedRecords("invoices").filter { $0["client_id"] as? Int == client && $0["posted"] as? Bool == false }
        let reply = try await sandbox.get("/api/invoice?client_id=\(client)&notpostedonly=true", token: token)
        #expect(reply.recordCount == expected.count)
        let posted = try await sandbox.get("/api/invoice?postedonly=true&count=1", token: token).recordCount
        let unposted = try await sandbox.get("/api/invoice?notpostedonly=true&count=1", token: token).recordCount
        #expect(posted + unposted == seedRecords("invoices").count && unposted > 0)
    }
}

@Test func invoiceDateRangeIsInclusiveOfWholeDays() async throws {
    try await withSandbox({ $0.shiftDates = false }) { sandbox in
        let token = try await sandbox.token()
        let inMay = seedRecords("invoices").filter { ($0["invoice_date"] as! String).hasPrefix("2025-05") }
        let reply = try await sandbox.get("/api/invoice?startdate=2025-05-01&enddate=2025-05-31", token: token)
        #expect(reply.recordCount == inMay.count && !inMay.isEmpty)
        let byDueDate = try await sandbox.get("/api/invoice?datesearch=duedate&startdate=2025-06-01&enddate=2025-06-30",
                                              token: token)
        #expect(byDueDate.records("invoices").allSatisfy { ($0["duedate"] as! String).hasPrefix("2025-06") })
    }
}

@Test func projectsAndQuotesSplitIntoOpenAndClosed() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        for (path, seed) in [("/api/Projects", "projects"), ("/api/Quotation", "quotes"), ("/api/ClientContract", "contracts")] {
            let open = try await sandbox.get(path + "?open_only=true&count=1", token: token).recordCount
            let closed = try await sandbox.get(path + "?closed_only=true&count=1", token: token).recordCount
            #expect(open > 0 && closed > 0, "\(path)")
            #expect(open + closed == seedRecords(seed).count, "\(path)")
        }
    }
}

@Test func closingAProjectStampsDateClosed() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let open = try await sandbox.get("/api/projects?open_only=true&count=1", token: token).records("tickets")[0]
        let closed = try await sandbox.post("/api/projects", #"[{"id":\#(open["id"]!),"status_id":9}]"#, token: token)
        #expect(closed.object["dateclosed"] is String)
    }
}

@Test func appointmentsFilterByAgentAndStartDate() async throws {
    try await withSandbox({ $0.shiftDates = false }) { sandbox in
        let token = try await sandbox.token()
        let expected = seedRecords("appointments").filter {
            $0["agent_id"] as? Int == 2 && ($0["start_date"] as! String) >= "2025-06-30"
        }
        let reply = try await sandbox.get("/api/Appointment?agent_id=2&start_date=2025-06-30", token: token).array
        #expect(reply.map { $0["id"] as? Int } == expected.map { $0["id"] as? Int } && !expected.isEmpty)
    }
}

@Test func extraRecordsPointAtSeededClientsAndTickets() async throws {
    let clients = Set(seedRecords("clients").compactMap { $0["id"] as? Int })
    let tickets = Set(seedRecords("tickets").compactMap { $0["id"] as? Int })
    let agents = Set(seedRecords("agents").compactMap { $0["id"] as? Int })
    for seed in ["invoices", "quotes", "contracts", "projects", "appointments"] {
        #expect(seedRecords(seed).allSatisfy { clients.contains($0["client_id"] as! Int) }, "\(seed)")
    }
    for seed in ["quotes", "appointments", "kbarticles", "invoices"] {
        #expect(seedRecords(seed).allSatisfy { ($0["ticket_id"] as! Int) == 0 || tickets.contains($0["ticket_id"] as! Int) })
    }
    #expect(seedRecords("appointments").allSatisfy { agents.contains($0["agent_id"] as! Int) })
}
