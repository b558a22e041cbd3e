import Foundation

/// A 2xx reply (or a dry-run stand-in). The body stays raw bytes: the caller owns JSON parsing.
public struct HaloResponse: Sendable {
    /// HTTP status; 0 for a dry run.
    public var status: Int
    /// The reply body; for a dry run, the request body that would have been sent (empty for none).
    public var body: Data
    /// True when the request was not sent because `HaloClientOptions.dryRun` is on.
    public var dryRun: Bool
    /// Response headers with lower-cased names.
    public var headers: [String: String]

    public init(status: Int, body: Data, dryRun: Bool = false, headers: [String: String] = [:]) {
        self.status = status
        self.body = body
        self.dryRun = dryRun
        self.headers = headers
    }
}
