import Foundation
import Testing

/// Seconds since 1970 of a Halo timestamp, with or without its "Z" (both are UTC here).
private func seconds(_ stamp: Any?) -> Int? {
    guard let text = stamp as? String else { return nil }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    return formatter.date(from: String(text.prefix(19))).map { Int($0.timeIntervalSince1970) }
}

/// ISO text of `seconds` ago, as a `startdate` bound.
private func ago(_ seconds: Int) -> String {
    ISO8601DateFormatter().string(from: Date.now.addingTimeInterval(-Double(seconds)))
}

@Test func newestTicketIsADayOld() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        // The shift is made when the seeds are first loaded in this process, which a loaded machine
        // running the whole suite may have done many minutes before this test: half an hour of slack.
        let dayOld = ago(86_400 - 1), nearlyDayOld = ago(86_400 + 1_800)
        var recent = 0
        for field in ["dateoccurred", "lastactiondate"] {
            let newer = try await sandbox.get("/api/tickets?datesearch=\(field)&startdate=\(dayOld)&count=1", token: token)
            #expect(newer.recordCount == 0, "\(field)")
            recent += try await sandbox.get("/api/tickets?datesearch=\(field)&startdate=\(nearlyDayOld)&count=1",
                                            token: token).recordCount
        }
        #expect(recent > 0)
    }
}

@Test func everyResourceShiftsByTheSameOffset() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let ticket = try await sandbox.get("/api/tickets/1", token: token).object
        let offset = try #require(seconds(ticket["dateoccurred"])) - seconds(seedRecords("tickets")[0]["dateoccurred"])!
        #expect(offset % 60 == 0 && offset > 0)
        let checks = [("/api/invoice/1", "invoices", "invoice_date"), ("/api/Appointment/1", "appointments", "end_date"),
                      ("/api/actions/1", "actions", "datetime"), ("/api/KBArticle/1", "kbarticles", "date_edited")]
        for (path, seed, field) in checks {
            let served = try await sandbox.get(path, token: token)
            #expect(seconds(served.object[field]).map { $0 - offset } == seconds(seedRecords(seed)[0][field]), "\(path)")
            #expect(served.text.contains(#""\#(field)":""#))
        }
        let invoice = try await sandbox.get("/api/invoice/1", token: token).object
        let line = try #require((invoice["lines"] as? [[String: Any]])?.first)
        #expect(line["net_amount"] as? Double == ((seedRecords("invoices")[0]["lines"] as? [[String: Any]])?.first?["net_amount"] as? Double))
    }
}

@Test func shiftKeepsEachDatesFormat() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let ticket = try await sandbox.get("/api/tickets/1", token: token).object
        let invoice = try await sandbox.get("/api/invoice/1", token: token).object
        #expect((ticket["dateoccurred"] as? String)?.count == 20 && (ticket["dateoccurred"] as? String)?.hasSuffix("Z") == true)
        #expect((invoice["invoice_date"] as? String)?.count == 19)
    }
}

@Test func withoutDateShiftSeedsAreServedAsWritten() async throws {
    try await withSandbox({ $0.shiftDates = false }) { sandbox in
        let token = try await sandbox.token()
        let ticket = try await sandbox.get("/api/tickets/1", token: token).object
        #expect(ticket["dateoccurred"] as? String == seedRecords("tickets")[0]["dateoccurred"] as? String)
        let invoice = try await sandbox.get("/api/invoice/1", token: token).object
        #expect(invoice["invoice_date"] as? String == seedRecords("invoices")[0]["invoice_date"] as? String)
    }
}

@Test func dateFiltersSeeShiftedDates() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let formatter = ISO8601DateFormatter()
        let weekAgo = String(formatter.string(from: Date.now.addingTimeInterval(-7 * 86_400)).prefix(10))
        let recent = try await sandbox.get("/api/tickets?datesearch=lastactiondate&startdate=\(weekAgo)&count=1", token: token)
        #expect(recent.recordCount > 0 && recent.recordCount < seedRecords("tickets").count)
    }
}
