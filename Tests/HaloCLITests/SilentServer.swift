import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A port on 127.0.0.1 that takes connections and never answers: the socket listens, and the
/// kernel completes each handshake into the backlog, but nothing ever accepts or replies. The
/// worst a Halo can do to a client's clock.
final class SilentServer: Sendable {
    let port: UInt16
    private let socketDescriptor: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketDescriptor = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// HALO_* credentials pointing here.
    var environment: [String: String] {
        ["HALO_URL": url, "HALO_TENANT": "silent", "HALO_CLIENT_ID": "silent-client", "HALO_CLIENT_SECRET": "silent-secret-value"]
    }

    func stop() { close(socketDescriptor) }
}
