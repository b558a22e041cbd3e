import Testing

@Test func createdTicketGetsNextIdDefaultsAndNames() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let user = seedRecords("users")[0]
        let reply = try await sandbox.post("/api/tickets", #"[{"summary":"Printer on fire","user_id":"\#(user["id"]!)"}]"#,
                                           token: token)
        #expect(reply.status == 201)
        let ticket = reply.object
        #expect(ticket["id"] as? Int == seedRecords("tickets").count + 1)
        #expect(ticket["status_id"] as? Int == 1)
        #expect(ticket["user_id"] as? Int == user["id"] as? Int)
        #expect(ticket["user_name"] as? String == user["name"] as? String)
        #expect(ticket["client_id"] as? Int == user["client_id"] as? Int)
        #expect(ticket["client_name"] as? String == user["client_name"] as? String)
        #expect(ticket["site_name"] as? String == user["site_name"] as? String)
        #expect((ticket["dateoccurred"] as? String)?.hasSuffix("Z") == true)
        #expect(reply.text.hasPrefix(#"{"id":"#))
        let fetched = try await sandbox.get("/api/tickets/\(ticket["id"]!)", token: token)
        #expect(fetched.body == reply.body)
    }
}

@Test func updateMergesOnlyTheSentFields() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let before = try await sandbox.get("/api/tickets/7", token: token).object
        let reply = try await sandbox.post("/api/tickets", #"[{"id":7,"summary":"Renamed","flagged":true}]"#, token: token)
        #expect(reply.status == 201)
        let after = try await sandbox.get("/api/tickets/7", token: token).object
        #expect(after["summary"] as? String == "Renamed")
        #expect(after["flagged"] as? Bool == true)
        #expect(after["details"] as? String == before["details"] as? String)
        #expect(after["client_name"] as? String == before["client_name"] as? String)
        #expect(after.count == before.count)
    }
}

@Test func closingATicketStampsDateClosed() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let open = try await sandbox.get("/api/tickets?open_only=true&count=1", token: token).records("tickets")[0]
        let closed = try await sandbox.post("/api/tickets", #"[{"id":\#(open["id"]!),"status_id":9}]"#, token: token)
        #expect(closed.object["dateclosed"] is String)
    }
}

@Test func severalElementsReplyWithAnArray() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let reply = try await sandbox.post("/api/client", #"[{"name":"Acme One"},{"name":"Acme Two"}]"#, token: token)
        #expect(reply.status == 201)
        #expect(reply.array.compactMap { $0["name"] as? String } == ["Acme One", "Acme Two"])
    }
}

@Test func deletedRecordThen404() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let deleted = try await sandbox.send("DELETE", "/api/site/3", token: token)
        #expect(deleted.status == 200 && deleted.body.isEmpty)
        #expect(try await sandbox.get("/api/site/3", token: token).status == 404)
        #expect(try await sandbox.send("DELETE", "/api/site/3", token: token).status == 404)
    }
}

@Test func nonArrayOrInvalidBodyIs400() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let object = try await sandbox.post("/api/tickets", #"{"summary":"not in an array"}"#, token: token)
        #expect(object.status == 400)
        #expect(object.object["Message"] as? String == "Request body must be a JSON array")
        #expect(try await sandbox.post("/api/tickets", "[{oops", token: token).status == 400)
        #expect(try await sandbox.post("/api/tickets", "[]", token: token).status == 400)
    }
}

@Test func ticketWithoutSummaryIs400AndBatchIsAllOrNothing() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let reply = try await sandbox.post("/api/tickets", #"[{"summary":"fine"},{"details":"no summary"}]"#, token: token)
        #expect(reply.status == 400)
        #expect(reply.object["Message"] as? String == "Summary is required")
        let count = try await sandbox.get("/api/tickets?count=1", token: token).recordCount
        #expect(count == seedRecords("tickets").count)
    }
}

@Test func actionAddsNoteAndMovesItsTicket() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let body = #"[{"ticket_id":5,"note":"Rebooted the router","new_status":"9"}]"#
        let action = try await sandbox.post("/api/actions", body, token: token)
        #expect(action.status == 201)
        #expect(action.object["ticket_id"] as? Int == 5)
        #expect(action.object["who"] as? String == "API")
        let ticket = try await sandbox.get("/api/tickets/5", token: token).object
        #expect(ticket["status_id"] as? Int == 9)
        #expect(ticket["lastactiondate"] as? String == action.object["datetime"] as? String)
        let notes = try await sandbox.get("/api/actions?ticket_id=5", token: token).records("actions")
        #expect(notes.contains { $0["note"] as? String == "Rebooted the router" })
    }
}

@Test func actionOnUnknownTicketIs400() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        #expect(try await sandbox.post("/api/actions", #"[{"ticket_id":999999,"note":"x"}]"#, token: token).status == 400)
        #expect(try await sandbox.post("/api/actions", #"[{"note":"x"}]"#, token: token).status == 400)
    }
}
