import Foundation
import Testing
@testable import HaloClient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sequential GETs to a kept-alive loopback server per transport, printing wall and CPU time: the
/// figures behind making libcurl the default. 1,000 instant replies show the per-request overhead;
/// 200 replies that take 5 ms show the CPU burnt while waiting (URLSession busy-waits on Linux).
/// Off unless `HALO_TRANSPORT_BENCH=1`, being a measurement, not a check.
/// Serialized: process CPU time would mix the two transports otherwise.
@Suite(.serialized) struct TransportBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HALO_TRANSPORT_BENCH"] == "1"),
          arguments: [0, 5], Wire.allCases)
    func sequentialGets(serverMilliseconds: Int, _ wire: Wire) throws {
        let requests = serverMilliseconds == 0 ? 1_000 : 200
        let server = try LoopbackServer(maxRequests: requests + 10, keepAlive: true) { _, _ in
            if serverMilliseconds > 0 { Thread.sleep(forTimeInterval: Double(serverMilliseconds) / 1000) }
            return .json(#"{"record_count":1,"tickets":[{"id":1,"summary":"x"}]}"#)
        }
        defer { server.stop() }
        let transport = try wire.transport(timeout: 10)
        let request = HTTPRequest(method: "GET", url: URL(string: server.url + "/api/tickets?page_no=1")!,
                                  headers: [("Accept", "application/json"), ("Authorization", "Bearer b")])
        _ = try transport.send(request)  // connect outside the measurement
        let cpuBefore = Self.cpuSeconds()
        let started = Date()
        for _ in 0..<requests { _ = try transport.send(request) }
        let wall = Date().timeIntervalSince(started)
        let cpu = Self.cpuSeconds() - cpuBefore
        print(String(format: "bench %@, server %d ms: %d GETs in %.3f s wall, %.3f s CPU (process, server included); %.3f ms wall, %.3f ms CPU per request; %d connection(s)",
                     wire.rawValue, serverMilliseconds, requests, wall, cpu, wall * 1000 / Double(requests),
                     cpu * 1000 / Double(requests), server.connections))
        #expect(server.requests.count == requests + 1)
    }
    /// User plus system CPU of the whole process.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
