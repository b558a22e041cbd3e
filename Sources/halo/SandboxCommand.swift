import ArgumentParser
import Foundation
import HaloSandbox

/// `halo sandbox`: serves the Halo-compatible sandbox on its own, for curl, PowerShell or Python.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Serve the Halo-compatible sandbox on 127.0.0.1 until interrupted.")

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 0

    @Option(help: "Lifetime of issued tokens, in seconds (shorten it to exercise token renewal).")
    var tokenLifetime = 3600

    @Option(help: "Requests allowed per rate window; over it the sandbox answers 429.")
    var rateLimit: Int?

    @Option(help: "Length of the rolling rate-limit window, in seconds.")
    var rateWindow = 300.0

    @Flag(help: "Answer 429 without a Retry-After header (real Halo may not send one).")
    var noRetryAfter = false

    @Flag(help: "Serve the seeds' dates as written instead of moving them so the newest ticket is a day old.")
    var noDateShift = false

    @Option(help: "Issue tokens from this second port (0 picks one), as a self-hosted Halo's separate authorisation server does; /api/authinfo advertises it.")
    var authPort: Int?

    mutating func run() throws {
        guard let seeds = Installation.seedsDirectory else {
            throw ValidationError("cannot find the sandbox's seeds directory (set HALO_SEEDS)")
        }
        var options = SandboxOptions(seedsDirectory: seeds)
        options.port = port
        options.tokenLifetime = tokenLifetime
        options.rateLimit = rateLimit
        options.rateWindow = rateWindow
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
