import Foundation
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (port chosen by the kernel) for wire tests: one request per
/// connection (or, with `keepAlive`, as many as the client sends on it), each response written in
/// one go, at most `maxRequests` served. Requests are handled one at a time on a background thread,
/// which suits a client that is itself sequential.
final class LoopbackServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
        var body: Data
    }

    enum Action: Sendable {
        case reply(status: Int, headers: [String: String], body: String)
        /// Close the connection without a reply.
        case drop
        /// Say nothing for this long, then close.
        case stall(seconds: Double)
        /// Write these bytes as they are (say, interim `100` replies before the real one), then close.
        case raw(String)
        /// A 200 with no length that never ends: `chunk` bytes at a time until the client hangs up
        /// or `seconds` pass, then close.
        case endless(chunk: Int, seconds: Double)

        static func json(_ body: String, status: Int = 200) -> Action {
            .reply(status: status, headers: ["Content-Type": "application/json"], body: body)
        }
    }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var received: [Request] = []
    private var accepted = 0
    /// The connection being served; set and cleared under `lock`, closed only after clearing.
    private var current: Int32?
    private let handler: @Sendable (Request, Int) -> Action
    private let keepAlive: Bool

    var requests: [Request] { lock.withLock { received } }
    /// TCP connections accepted so far.
    var connections: Int { lock.withLock { accepted } }

    /// `handler` gets each request and its 0-based index.
    init(maxRequests: Int = 50, keepAlive: Bool = false, handler: @escaping @Sendable (Request, Int) -> Action) throws {
        self.handler = handler
        self.keepAlive = keepAlive
        (listener, port) = try Self.openListener(backlog: 16)
        let thread = Thread { [self] in serve(maxRequests) }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// A TCP socket listening on 127.0.0.1 at a port the kernel picks.
    static func openListener(backlog: Int32) throws -> (descriptor: Int32, port: UInt16) {
        #if canImport(Glibc)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, backlog) == 0 else { close(listener); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        return (listener, UInt16(bigEndian: address.sin_port))
    }

    /// Stops accepting and waits (briefly) for the serving thread to close the socket. Only that
    /// thread closes it, so a blocked `accept` never picks up a later socket that reuses the descriptor.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        // A kept-alive connection would otherwise hold the thread in `recv` until the client lets go.
        lock.withLock { if let current { _ = shutdown(current, Int32(SHUT_RDWR)) } }
        _ = finished.wait(timeout: .now() + 2)
    }

    private let finished = DispatchSemaphore(value: 0)

    private func serve(_ maxRequests: Int) {
        defer {
            close(listener)
            finished.signal()
        }
        var index = 0
        while index < maxRequests {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            lock.withLock { accepted += 1; current = connection }
            defer {
                lock.withLock { current = nil }
                close(connection)
            }
            // Without keep-alive, each connection ends after its first request.
            while index < maxRequests, let request = Self.read(connection) {
                lock.withLock { received.append(request) }
                index += 1
                guard respond(to: request, index: index - 1, on: connection), keepAlive else { break }
            }
        }
    }

    /// Carries out the handler's action; false when the connection must close after it.
    private func respond(to request: Request, index: Int, on connection: Int32) -> Bool {
        switch handler(request, index) {
        case .drop:
            return false
        case .stall(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            return false
        case .raw(let text):
            Self.write(Array(text.utf8), to: connection)
            return false
        case .endless(let size, let seconds):
            Self.write(Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[".utf8), to: connection)
            let chunk = [UInt8](repeating: UInt8(ascii: " "), count: size)
            let end = Date().addingTimeInterval(seconds)
            while Date() < end, Self.write(chunk, to: connection) {}
            return false
        case .reply(let status, let headers, let body):
            var head = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.utf8.count)\r\n"
            head += keepAlive ? "" : "Connection: close\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            Self.write(Array((head + "\r\n" + body).utf8), to: connection)
            return true
        }
    }

    /// `send` may take part of a large reply; loop until all of it is gone or the peer is.
    /// Returns false when the peer is gone.
    @discardableResult
    private static func write(_ bytes: [UInt8], to connection: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(connection, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    /// Reads the head up to the blank line, then `Content-Length` bytes of body.
    private static func read(_ connection: Int32) -> Request? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        var expected = Int.max
        while data.count < expected {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[0..<count])
            if headEnd == nil, let found = data.range(of: separator) {
                headEnd = found
                let head = String(decoding: data[..<found.lowerBound], as: UTF8.self)
                let length = head.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    return parts.count == 2 && parts[0].lowercased() == "content-length"
                        ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
                }.first ?? 0
                expected = found.upperBound + length
            }
        }
        guard let headEnd else { return nil }
        let lines = String(decoding: data[..<headEnd.lowerBound], as: UTF8.self).split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
                       body: Data(data[headEnd.upperBound...]))
    }
}
