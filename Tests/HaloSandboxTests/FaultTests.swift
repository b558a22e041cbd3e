import HaloSandbox
import Testing

@Test func injectedFaultAnswersCountTimesThenTheRealReply() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let fault = #"{"method":"GET","path":"/api/client","status":503,"count":2,"retry_after":1}"#
        #expect(try await sandbox.send("POST", "/_sandbox/faults", body: fault).status == 201)
        let first = try await sandbox.get("/api/Client", token: token)
        #expect(first.status == 503)
        #expect(first.headers["retry-after"] == "1")
        #expect(try await sandbox.get("/api/client", token: token).status == 503)
        #expect(try await sandbox.get("/api/client", token: token).status == 200)
        let stats = sandbox.server.stats()
        #expect(stats["GET /api/client"] == 3)
        #expect(stats.faultsServed == 2)
    }
}

@Test func faultedPostIsNotApplied() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        sandbox.server.injectFault(SandboxFault(method: "post", pathPrefix: "/api/tickets", status: 500))
        let reply = try await sandbox.post("/api/tickets", #"[{"summary":"only once"}]"#, token: token)
        #expect(reply.status == 500)
        let search = try await sandbox.get("/api/tickets?search=only%20once", token: token)
        #expect(search.recordCount == 0)
        #expect(sandbox.server.stats().writes == 0)
        #expect(sandbox.server.stats()["POST /api/tickets"] == 1)
    }
}

@Test func malformedFaultIs400() async throws {
    try await withSandbox { sandbox in
        let reply = try await sandbox.send("POST", "/_sandbox/faults", body: #"{"path":"/api"}"#)
        #expect(reply.status == 400)
    }
}

@Test func delayedFaultHoldsTheReplyBackButCountsTheRequestAtOnce() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let fault = #"{"method":"GET","path":"/api/client","status":503,"delay":15}"#
        #expect(try await sandbox.send("POST", "/_sandbox/faults", body: fault).status == 201)
        let started = ContinuousClock.now
        async let reply = sandbox.get("/api/client", token: token)
        // Counted while the reply is held back: polled for at most 14.5 s of the 15 s delay (a loaded
        // 2-core machine has been seen to take over 4 s to start the request).
        var counted = false
        while !counted, ContinuousClock.now - started < .milliseconds(14_500) {
            counted = sandbox.server.stats()["GET /api/client"] == 1
            if !counted { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(counted, "the request is counted when it arrives, before the delay")
        #expect(try await reply.status == 503)
        #expect(ContinuousClock.now - started >= .seconds(15))
    }
}

@Test func negativeFaultDelayIs400() async throws {
    try await withSandbox { sandbox in
        let reply = try await sandbox.send("POST", "/_sandbox/faults", body: #"{"status":500,"delay":-1}"#)
        #expect(reply.status == 400)
    }
}
