/// How many requests Halo accepts per rolling window, written `700/300` (requests/seconds).
/// Hosted Halo's Fair Use Policy allows 700 requests per rolling 5 minutes (it was 300 until
/// 2023); the client spends that budget at full speed and then spaces requests out.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    public var requests: Int
    public var seconds: Double

    /// Halo's current published limit (research notes, section d): 700 requests per rolling 5 minutes.
    public static let halo = RateLimit(requests: 700, seconds: 300)

    public init(requests: Int, seconds: Double) {
        self.requests = requests
        self.seconds = seconds
    }

    /// `700/300`; nil unless both parts are positive numbers (requests whole).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let requests = Int(parts[0]), requests > 0,
              let seconds = Double(parts[1]), seconds.isFinite, seconds > 0 else { return nil }
        self.init(requests: requests, seconds: seconds)
    }

    /// `700/300`, as written in config.toml.
    public var description: String { "\(requests)/\(Self.number(seconds))" }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
