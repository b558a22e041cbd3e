import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback port whose accept queue is full, so a new connection is never established: the
/// kernel drops its SYN, and the client's connect times out. One connection fills a backlog of 0.
final class FullBacklog {
    let port: UInt16
    private let listener: Int32
    private let filler: Int32

    init() throws {
        (listener, port) = try LoopbackServer.openListener(backlog: 0)
        #if canImport(Glibc)
        filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        filler = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(filler); close(listener); throw POSIXError(.ECONNREFUSED) }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() {
        close(filler)
        close(listener)
    }
}
