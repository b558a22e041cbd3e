import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HaloSandbox
import Testing

extension EndToEnd {
    /// `get all` with pages in flight together, and the client's rate limiter, through the built binary.
    @Suite struct ConcurrencyTests {
        static let walk = """
        get all /api/tickets
          -> tickets = response^tickets
        ids = [t^id for t in tickets]
        print len(tickets), response^record_count, ids == sort(ids), ids^0, ids^(len(ids) - 1)
        """

        @Test func concurrentWalkMatchesTheSerialOneWithWholeTraceLines() async throws {
            try await withSandbox(maxRequests: 210, { $0.latency = 0.01; $0.jitter = 0.01 }) { sandbox in
                let serial = try await sandbox.run(Self.walk, flags: ["--concurrency", "1"])
                #expect(serial.status == 0, "\(serial.stderr)")
                let concurrent = try await sandbox.run(Self.walk, flags: ["--concurrency", "8", "--trace"])
                #expect(concurrent.status == 0, "\(concurrent.stderr)")
                #expect(concurrent.stdout == serial.stdout)
                #expect(concurrent.stdout.hasPrefix("10000 10000 true 1 "), "\(concurrent.stdout)")
                let lines = concurrent.stderr.split(separator: "\n")
                #expect(lines.count == 101, "a token request and 100 pages")
                #expect(lines.allSatisfy { $0.hasPrefix("trace: ") && $0.hasSuffix("ms") }, "lines written whole")
                #expect(sandbox.stats()["GET /api/tickets"] == 200)
            }
        }

        @Test func theRateLimitPacesRequestsAndTraceSaysWhy() async throws {
            // 20 pages and a token under 10 per 2 s: two windows of waiting, no 429.
            try await withSandbox(maxRequests: 30, { $0.rateLimit = 10; $0.rateWindow = 2 }) { sandbox in
                let started = Date()
                let result = try await sandbox.run(Self.walk, flags: ["--page-size", "500", "--concurrency", "4",
                                                                      "--rate-limit", "10/2", "--trace"])
                let elapsed = Date().timeIntervalSince(started)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.hasPrefix("10000 10000 true"))
                #expect(sandbox.stats().rateLimited == 0)
                #expect(result.stderr.contains("trace: rate limit: waiting "))
                #expect(result.stderr.contains(" s (10/2 s used)"))
                #expect(elapsed >= 3 && elapsed < 40, "\(elapsed) s")
            }
        }

        @Test func aLongRateLimitWaitIsExplainedWithoutTrace() async throws {
            // A token and two GETs under 2 per 6 s: the last waits about 6 s, which is worth a word.
            try await withSandbox { sandbox in
                let code = "get /api/tickets/1\nget /api/tickets/2\nprint \"done\""
                let result = try await sandbox.run(code, flags: ["--rate-limit", "2/6"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "done\n")
                let notes = result.errorLines.filter { $0.hasPrefix("halo: rate limit: waiting ") }
                #expect(notes.count == 1 && notes[0].hasSuffix(" s (2/6 s used)"), "\(result.stderr)")
            }
        }

        @Test func aProfileSetsConcurrencyAndRateLimit() async throws {
            let work = try ProfileTests.Workspace()
            defer { work.remove() }
            try await withSandbox(maxRequests: 30) { sandbox in
                try work.writeConfig(ProfileTests.Workspace.profile("paced", sandbox) + "concurrency = 2\nrate_limit = \"8/1\"\n")
                let env = work.environment(["SECRET_PACED": sandbox.options.clientSecret])
                let result = try await sandbox.halo(["--profile", "paced", "--page-size", "1000", "--trace", "-e", Self.walk],
                                                    environment: env)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.hasPrefix("10000 10000 true"))
                #expect(result.stderr.contains(" s (8/1 s used)"), "\(result.stderr)")
                // The flag wins over the profile.
                let flagged = try await sandbox.halo(["--profile", "paced", "--rate-limit", "off", "--page-size", "1000",
                                                      "--trace", "-e", Self.walk], environment: env)
                #expect(flagged.status == 0, "\(flagged.stderr)")
                #expect(!flagged.stderr.contains("rate limit: waiting"))
            }
        }

        @Test(arguments: [["--rate-limit", "fast"], ["--rate-limit", "10/0"], ["--concurrency", "0"]])
        func badFlagsAreUsageErrors(flags: [String]) async throws {
            let result = try await runHaloOffThePool(flags + ["-e", "print 1"])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains(flags[0]))
        }

        @Test func badVariablesAreUsageErrors() async throws {
            let rate = try await runHaloOffThePool(["-e", "print 1"], environment: ["HALO_RATE_LIMIT": "700 per 300"])
            #expect(rate.status == 2 && rate.stderr.contains("HALO_RATE_LIMIT must be REQUESTS/SECONDS"), "\(rate.stderr)")
            let count = try await runHaloOffThePool(["-e", "print 1"], environment: ["HALO_CONCURRENCY": "many"])
            #expect(count.status == 2 && count.stderr.contains("HALO_CONCURRENCY"), "\(count.stderr)")
        }

        /// `halo sandbox --latency-ms` holds each reply back; the control endpoints answer at once.
        @Test func sandboxCommandDelaysReplies() async throws {
            let port = try Self.freePort()
            let running = try HaloProcess.start(["sandbox", "--port", String(port), "--latency-ms", "400", "--jitter-ms", "50"])
            defer { running.signal(SIGTERM); _ = try? running.wait(timeout: 10) }
            let base = "http://127.0.0.1:\(port)"
            let ready = await Self.isServing(base)
            #expect(ready)
            let started = Date()
            let status = try await Self.get(base + "/api/client")
            let elapsed = Date().timeIntervalSince(started)
            #expect(status == 401, "unauthenticated, but late")
            #expect(elapsed >= 0.34 && elapsed < 5, "\(elapsed) s")
        }

        @Test(arguments: [["--latency-ms", "-1"], ["--rate-limit", "1/x"]])
        func sandboxCommandRefusesBadFlags(flags: [String]) async throws {
            let result = try await runHaloOffThePool(["sandbox"] + flags)
            #expect(result.status == 2, "\(result.stderr)")
        }

        static func get(_ url: String) async throws -> Int {
            let session = URLSession(configuration: .ephemeral)
            defer { session.finishTasksAndInvalidate() }
            let (_, response) = try await session.data(from: URL(string: url)!)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }

        /// Whether a `halo sandbox` at `base` answers within about 10 seconds.
        static func isServing(_ base: String) async -> Bool {
            for _ in 0..<100 {
                if (try? await get(base + "/_sandbox/stats")) != nil { return true }
                try? await Task.sleep(for: .milliseconds(100))
            }
            return false
        }

        /// A port nothing listens on right now (bound, read back, released).
        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw POSIXError(.EADDRINUSE) }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }
}
