import ArgumentParser
import HaloClient
import HaloConfig

/// How long one request may take, how large a reply may be, how many requests may be in flight
/// and how fast they may go, and which setting said so (error messages name it, so the reader
/// knows what to raise). Each is a flag > an environment variable > the profile > the default:
/// `--timeout`, `HALO_TIMEOUT`, `timeout`, 120 s; `--max-response-mb`, `HALO_MAX_RESPONSE_MB`, 256 MB
/// (no profile key); `--concurrency`, `HALO_CONCURRENCY`, `concurrency`, 4; `--rate-limit`,
/// `HALO_RATE_LIMIT`, `rate_limit`, 700/300. See docs/CLIENT.md.
struct RequestLimits: Sendable {
    static let defaultTimeout = 120.0
    static let defaultMaxResponseMB = 256.0
    /// Pages of a `get all` in flight at once: 4 cuts a walk over a hosted tenant's round trips
    /// about fourfold (docs/PERFORMANCE.md) without looking like a flood.
    static let defaultConcurrency = 4
    /// Halo's published limit (`RateLimit.halo`).
    static let defaultRateLimit: RateLimit? = .halo

    /// From the flag or the environment; nil leaves the choice to the profile, then the default.
    var explicitTimeout: (seconds: Double, setting: String)?
    var maxResponseMB: Double
    var maxResponseSetting: String
    /// From the flag or the environment; nil leaves the choice to the profile, then the default.
    var explicitConcurrency: Int?
    /// From the flag or the environment (an inner nil is `off`); nil leaves it to the profile.
    var explicitRateLimit: RateLimit??

    init(timeoutFlag: Double?, maxResponseFlag: Double?, concurrencyFlag: Int? = nil, rateLimitFlag: String? = nil,
         environment: [String: String]) throws {
        if let concurrencyFlag {
            explicitConcurrency = try Self.count(concurrencyFlag, "--concurrency")
        } else if let text = environment["HALO_CONCURRENCY"], !text.isEmpty {
            explicitConcurrency = try Self.count(Int(text), "HALO_CONCURRENCY")
        }
        if let rateLimitFlag {
            explicitRateLimit = .some(try Self.rate(rateLimitFlag, "--rate-limit"))
        } else if let text = environment["HALO_RATE_LIMIT"], !text.isEmpty {
            explicitRateLimit = .some(try Self.rate(text, "HALO_RATE_LIMIT"))
        }
        if let timeoutFlag {
            explicitTimeout = (try Self.positive(timeoutFlag, "--timeout"), "--timeout")
        } else if let text = environment["HALO_TIMEOUT"], !text.isEmpty {
            explicitTimeout = (try Self.positive(Double(text), "HALO_TIMEOUT"), "HALO_TIMEOUT")
        }
        if let maxResponseFlag {
            (maxResponseMB, maxResponseSetting) = (try Self.positive(maxResponseFlag, "--max-response-mb"), "--max-response-mb")
        } else if let text = environment["HALO_MAX_RESPONSE_MB"], !text.isEmpty {
            (maxResponseMB, maxResponseSetting) = (try Self.positive(Double(text), "HALO_MAX_RESPONSE_MB"), "HALO_MAX_RESPONSE_MB")
        } else {
            (maxResponseMB, maxResponseSetting) = (Self.defaultMaxResponseMB, "--max-response-mb")
        }
    }

    /// Sets the client's limits for a connection to `profile` (nil: not a profile). Throws when the
    /// profile's `rate_limit` is not one.
    func apply(to options: inout HaloClientOptions, profile: Profile?) throws {
        if let explicitTimeout {
            (options.timeout, options.timeoutSetting) = explicitTimeout
        } else if let profile, let seconds = profile.timeout {
            (options.timeout, options.timeoutSetting) = (Double(seconds), "timeout in profile '\(profile.name)'")
        } else {
            (options.timeout, options.timeoutSetting) = (Self.defaultTimeout, "--timeout")
        }
        options.connectTimeout = min(options.connectTimeout, options.timeout)
        options.maxResponseBytes = Int(min(maxResponseMB * 1_048_576, Double(Int.max / 2)))
        options.maxResponseSetting = maxResponseSetting
        options.concurrency = explicitConcurrency ?? profile?.concurrency ?? Self.defaultConcurrency
        if let explicitRateLimit {
            options.rateLimit = explicitRateLimit
        } else if let profile, let text = profile.rateLimit {
            options.rateLimit = try Self.rate(text, "rate_limit in profile '\(profile.name)'")
        } else {
            options.rateLimit = Self.defaultRateLimit
        }
    }

    /// `700/300` (requests/seconds), or `off` for no pacing.
    private static func rate(_ text: String, _ setting: String) throws -> RateLimit? {
        if text.lowercased() == "off" { return nil }
        guard let rate = RateLimit(text) else {
            throw ValidationError("\(setting) must be REQUESTS/SECONDS such as 700/300, or off")
        }
        return rate
    }

    private static func count(_ value: Int?, _ setting: String) throws -> Int {
        guard let value, value > 0 else { throw ValidationError("\(setting) must be a whole number above 0") }
        return value
    }

    private static func positive(_ value: Double?, _ setting: String) throws -> Double {
        guard let value, value.isFinite, value > 0 else {
            throw ValidationError("\(setting) must be a number above 0")
        }
        return value
    }
}
