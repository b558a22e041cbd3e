import Foundation

/// How a sandbox behaves. Defaults mimic a hosted Halo tenant without a rate limit.
public struct SandboxOptions: Sendable {
    /// Loopback by default: the sandbox has fixed, published credentials.
    public var host = "127.0.0.1"
    /// 0 picks a free port; read it back from `SandboxServer.port`.
    public var port = 0
    /// Directory with clients.json, tickets.json, ... (see scripts/gen-seeds.py).
    public var seedsDirectory: String
    public var tenant = "sandbox"
    public var clientID = "halo-sandbox"
    public var clientSecret = "sandbox-secret-not-for-production"
    /// Further API applications, with limited permissions; the one above has `all`.
    public var limitedApplications: [SandboxApplication] = [.readOnly]
    /// Seconds a token lives; tests shorten it to exercise renewal.
    public var tokenLifetime = 3600
    /// Authenticated API requests allowed per window; nil means no limit.
    public var rateLimit: Int? = nil
    /// Seconds; Halo counts over a rolling five-minute window.
    public var rateWindow = 300.0
    /// Real Halo is not known to send Retry-After on 429; turn this off to test a client without it.
    public var sendRetryAfter = true
    /// Seconds every reply is held back, to stand in for the round trip to a hosted tenant (tens of
    /// milliseconds) on loopback; each reply waits on its own, so other connections are not held up.
    public var latency = 0.0
    /// Each reply's delay is `latency` ± up to this many seconds, uniformly (never below 0), so
    /// that concurrent replies come back out of order.
    public var jitter = 0.0

    /// Moves all seed dates by one offset so that the newest ticket date is a day old, so that
    /// "this week's tickets" exist whenever the sandbox runs; off serves the seeds' dates as written.
    public var shiftDates = true
    /// Serve `/auth/token` from a second port, as self-hosted Halo's separate authorisation server
    /// does: the API port then answers 404 there and advertises the other at `/api/authinfo`.
    /// nil: one port for both; 0: any free port (read `SandboxServer.authURL`).
    public var authPort: Int? = nil

    public init(seedsDirectory: String) {
        self.seedsDirectory = seedsDirectory
    }
}

extension SandboxOptions {
    /// Every application the token endpoint accepts, the full one first.
    var applications: [SandboxApplication] {
        [SandboxApplication(clientID: clientID, clientSecret: clientSecret, permissions: nil)] + limitedApplications
    }

    /// One reply's network delay: `latency` ± `jitter`, at least 0.
    func replyDelay(random: Double = Double.random(in: 0...1)) -> Double {
        max(0, latency + jitter * (2 * random - 1))
    }

    /// The moment seed dates are shifted to, or nil to keep them.
    var dateShiftNow: Date? { shiftDates ? Date.now : nil }
}
