import Foundation

/// Decides which base URLs the client may talk to: https anywhere, plain http only to loopback
/// (the sandbox and tests), because the client secret and bearer token travel with every request.
enum URLSecurity {
    static func check(_ url: String) throws {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw HaloClientError.invalidURL(url)
        }
        switch scheme {
        case "https": return
        case "http" where isLoopback(host): return
        case "http": throw HaloClientError.insecureURL(url)
        default: throw HaloClientError.invalidURL(url)
        }
    }

    /// 127.0.0.0/8, `localhost` and `::1` (with or without brackets).
    static func isLoopback(_ rawHost: String) -> Bool {
        var host = rawHost.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "localhost." || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }
}
