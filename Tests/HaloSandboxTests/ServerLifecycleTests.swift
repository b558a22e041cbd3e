import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HaloSandbox
import Testing

@Test func startBlockingServesASynchronousCaller() async throws {
    let server = try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try SandboxServer.startBlocking(SandboxOptions(seedsDirectory: seedsDirectory)) })
        }.start()
    }
    #expect(server.port > 0)
    #expect(server.url == "http://127.0.0.1:\(server.port)")
    let reply = try await SandboxHarness(server: server).send("GET", "/api/instanceinfo")
    #expect(reply.status == 200)
    server.stop()
}

@Test func shutdownClosesTheListeningPort() async throws {
    let server = try await SandboxServer.start(SandboxOptions(seedsDirectory: seedsDirectory))
    let harness = SandboxHarness(server: server)
    _ = try await harness.send("GET", "/api/instanceinfo")
    await server.shutdown()
    await #expect(throws: (any Error).self) { try await harness.send("GET", "/api/instanceinfo") }
}

@Test func busyPortFailsToStartInsteadOfHanging() async throws {
    let first = try await SandboxServer.start(SandboxOptions(seedsDirectory: seedsDirectory))
    var options = SandboxOptions(seedsDirectory: seedsDirectory)
    options.port = first.port
    await #expect(throws: (any Error).self) { try await SandboxServer.start(options) }
    await first.shutdown()
}

@Test func missingSeedsDirectoryFailsToStart() async throws {
    await #expect(throws: SandboxError.self) {
        try await SandboxServer.start(SandboxOptions(seedsDirectory: "/nonexistent/seeds"))
    }
}
