import Foundation
import Testing
@testable import HaloSandbox

/// Replies held back by `latency` ± `jitter`, each on its own: slow replies do not queue.
@Test func everyReplyIsLateButConcurrentRepliesAreNotQueued() async throws {
    try await withSandbox({ $0.latency = 2 }) { sandbox in
        let token = try await sandbox.token()
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await sandbox.get("/api/status", token: token).status } }
            for try await status in group { #expect(status == 200) }
        }
        let elapsed = (ContinuousClock.now - started).seconds
        // Eight replies at 2 s each: together, not one after another (16 s). The bound leaves room
        // for a machine loaded by the whole suite (seen: 3.7 s of overhead).
        #expect(elapsed >= 1.99 && elapsed < 12, "\(elapsed) s")
        let control = ContinuousClock.now
        _ = try await sandbox.send("GET", "/_sandbox/stats")
        #expect((ContinuousClock.now - control).seconds < 0.25, "control endpoints answer at once")
    }
}

@Test func jitterSpreadsDelaysAroundTheLatencyAndNeverBelowZero() {
    var options = SandboxOptions(seedsDirectory: "/nonexistent")
    options.latency = 0.05
    options.jitter = 0.02
    #expect(abs(options.replyDelay(random: 0) - 0.03) < 1e-9)
    #expect(abs(options.replyDelay(random: 1) - 0.07) < 1e-9)
    options.jitter = 0.1
    #expect(options.replyDelay(random: 0) == 0)
}
