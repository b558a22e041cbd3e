import ArgumentParser
import HaloClient
import HaloConfig

/// How long one request may take and how large a reply may be, and which setting said so (error
/// messages name it, so the reader knows what to raise). The timeout's precedence is
/// `--timeout` > `HALO_TIMEOUT` > the profile's `timeout` > 120 s; the size cap's is
/// `--max-response-mb` > `HALO_MAX_RESPONSE_MB` > 256 MB. See docs/CLIENT.md.
struct RequestLimits: Sendable {
    static let defaultTimeout = 120.0
    static let defaultMaxResponseMB = 256.0

    /// From the flag or the environment; nil leaves the choice to the profile, then the default.
    var explicitTimeout: (seconds: Double, setting: String)?
    var maxResponseMB: Double
    var maxResponseSetting: String

    init(timeoutFlag: Double?, maxResponseFlag: Double?, environment: [String: String]) throws {
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

    /// Sets the client's limits for a connection to `profile` (nil: not a profile).
    func apply(to options: inout HaloClientOptions, profile: Profile?) {
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
    }

    private static func positive(_ value: Double?, _ setting: String) throws -> Double {
        guard let value, value.isFinite, value > 0 else {
            throw ValidationError("\(setting) must be a number above 0")
        }
        return value
    }
}
