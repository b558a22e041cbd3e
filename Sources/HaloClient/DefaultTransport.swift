import Foundation

/// Which wire a `HaloClient` uses when it is not given one: libcurl, unless `HALO_HTTP=urlsession`
/// asks for FoundationNetworking's URLSession (kept as a fallback; it busy-waits on Linux).
public enum DefaultTransport {
    public static func make(options: HaloClientOptions,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any HTTPTransport {
        switch environment["HALO_HTTP"]?.lowercased() {
        case "urlsession":
            return URLSessionTransport(timeout: options.timeout, maxResponseBytes: options.maxResponseBytes,
                                       userAgent: options.userAgent)
        case nil, "", "curl":
            return try CurlTransport(timeout: options.timeout, connectTimeout: options.connectTimeout,
                                     maxResponseBytes: options.maxResponseBytes, userAgent: options.userAgent)
        case let other?:
            throw UnknownTransport(name: other)
        }
    }
}

/// `HALO_HTTP` names no transport; a typo must not silently pick one.
public struct UnknownTransport: Error, CustomStringConvertible {
    public let name: String
    public var description: String { "HALO_HTTP=\(name) names no HTTP transport (expected curl or urlsession)" }
}
