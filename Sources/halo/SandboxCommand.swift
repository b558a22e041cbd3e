import ArgumentParser
import Foundation
import HaloClient
import HaloSandbox

/// `halo sandbox`: serves the Halo-compatible sandbox on its own, for curl, PowerShell or Python.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Serve the Halo-compatible sandbox on 127.0.0.1 until interrupted.")

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 0

    @Option(help: "Lifetime of issued tokens, in seconds (shorten it to exercise token renewal).")
    var tokenLifetime = 3600

    @Option(help: ArgumentHelp("Requests allowed per rolling window, as REQUESTS/SECONDS (120/10) or a count per --rate-window; over it the sandbox answers 429.", valueName: "limit"))
    var rateLimit: String?

    @Option(help: "Length of the rolling rate-limit window, in seconds, for a --rate-limit given as a bare count.")
    var rateWindow = 300.0

    @Option(help: ArgumentHelp("Hold every reply back this many milliseconds, like the round trip to a hosted tenant.", valueName: "ms"))
    var latencyMs = 0.0

    @Option(help: ArgumentHelp("Vary each reply's delay by up to this many milliseconds either way (replies then overtake each other).", valueName: "ms"))
    var jitterMs = 0.0

    @Flag(help: "Answer 429 without a Retry-After header (real Halo may not send one).")
    var noRetryAfter = false

    @Flag(help: "Serve the seeds' dates as written instead of moving them so the newest ticket is a day old.")
    var noDateShift = false

    @Option(help: "Issue tokens from this second port (0 picks one), as a self-hosted Halo's separate authorisation server does; /api/authinfo advertises it.")
    var authPort: Int?

    func validate() throws {
        _ = try rate()
        guard latencyMs.isFinite, latencyMs >= 0, jitterMs.isFinite, jitterMs >= 0 else {
            throw ValidationError("--latency-ms and --jitter-ms must be 0 or more")
        }
    }

    /// `--rate-limit 120/10`, or `--rate-limit 120` with `--rate-window`.
    private func rate() throws -> RateLimit? {
        guard let rateLimit else { return nil }
        if let count = Int(rateLimit), count > 0, rateWindow.isFinite, rateWindow > 0 {
            return RateLimit(requests: count, seconds: rateWindow)
        }
        guard let rate = RateLimit(rateLimit) else {
            throw ValidationError("--rate-limit takes REQUESTS/SECONDS such as 120/10, or a whole number of requests per --rate-window")
        }
        return rate
    }

    mutating func run() throws {
        guard let seeds = Installation.seedsDirectory else {
            throw ValidationError("cannot find the sandbox's seeds directory (set HALO_SEEDS)")
        }
        var options = SandboxOptions(seedsDirectory: seeds)
        options.port = port
        options.tokenLifetime = tokenLifetime
        let rate = try rate()
        options.rateLimit = rate?.requests
        options.rateWindow = rate?.seconds ?? rateWindow
        options.latency = latencyMs / 1000
        options.jitter = jitterMs / 1000
        options.sendRetryAfter = !noRetryAfter
        options.shiftDates = !noDateShift
        options.authPort = authPort
        let server = try SandboxServer.startBlocking(options)
        let limited = options.limitedApplications.map { app in
            "\n  HALO_CLIENT_ID=\(app.clientID) HALO_CLIENT_SECRET=\(app.clientSecret)  (\(app.scope))"
        }.joined()
        Terminal.writeOutput("""
        Halo sandbox listening on \(server.url)
          HALO_URL=\(server.url)
          HALO_TENANT=\(options.tenant)
          HALO_CLIENT_ID=\(options.clientID)
          HALO_CLIENT_SECRET=\(options.clientSecret)\(authPort == nil ? "" : "\n  tokens from \(server.authURL) (advertised at /api/authinfo)")
        The API application above has the 'all' permission; with fewer:\(limited)
        Try: curl -s -X POST '\(server.authURL)/token?tenant=\(options.tenant)' \\
               -d grant_type=client_credentials -d client_id=\(options.clientID) \\
               -d client_secret=\(options.clientSecret) -d scope=all
        Press Ctrl-C to stop.
        """)
        Terminal.flush()
        Self.waitForTermination()
        server.stop()
    }

    /// Blocks until SIGINT or SIGTERM.
    private static func waitForTermination() {
        let done = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        sources.forEach { $0.cancel() }
    }
}
