/// Problems that are not an HTTP status: configuration mistakes and replies the client cannot use.
public enum HaloClientError: Error, Equatable, CustomStringConvertible {
    /// Required environment variables that are unset or empty.
    case missingEnvironment([String])
    /// The URL cannot be parsed or has no host.
    case invalidURL(String)
    /// `http://` to a host that is not loopback: the secret and token would cross the network in clear.
    case insecureURL(String)
    /// A 2xx reply without what the client needed from it (token reply, instanceinfo).
    case malformedReply(path: String, detail: String)

    public var description: String {
        switch self {
        case .missingEnvironment(let names):
            return "missing environment variable\(names.count == 1 ? "" : "s") \(names.joined(separator: ", "))"
        case .invalidURL(let url):
            return "invalid Halo URL '\(URLDisplay.masked(url))': expected something like https://acme.halopsa.com"
        case .insecureURL(let url):
            return "refusing plain http:// for '\(URLDisplay.masked(url))': the client secret and token would travel unencrypted; use https:// (http:// is only allowed to 127.0.0.1, localhost or ::1)"
        case .malformedReply(let path, let detail):
            return "\(path): unexpected reply: \(detail)"
        }
    }
}
