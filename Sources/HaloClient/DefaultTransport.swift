import Foundation

/// Which wire a `HaloClient` uses when it is not given one: libcurl, unless `HALO_HTTP=urlsession`
/// asks for URLSession, which only a caller that links `HaloURLSession` can offer (`urlSession`).
public enum DefaultTransport {
    public static func make(options: HaloClientOptions,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            urlSession: (@Sendable (HaloClientOptions) -> any HTTPTransport)? = nil) throws -> any HTTPTransport {
        switch environment["HALO_HTTP"]?.lowercased() {
        case "urlsession":
            guard let urlSession else { throw UnknownTransport(name: "urlsession", built: false) }
            return urlSession(options)
        case nil, "", "curl":
            return try CurlTransport(timeout: options.timeout, connectTimeout: options.connectTimeout,
                                     maxResponseBytes: options.maxResponseBytes, userAgent: options.userAgent)
        case let other?:
            throw UnknownTransport(name: other, built: true)
        }
    }
}

/// `HALO_HTTP` names no transport this build has; a typo must not silently pick one.
public struct UnknownTransport: Error, CustomStringConvertible {
    public let name: String
    /// False when the name is right but this build leaves the transport out.
    public let built: Bool

    public var description: String {
        built ? "HALO_HTTP=\(name) names no HTTP transport (expected curl or urlsession)"
            : "HALO_HTTP=\(name): this build of halo has no URLSession transport (on Linux it would load "
            + "libcurl at every start, and it busy-waits); unset HALO_HTTP to use libcurl"
    }
}
