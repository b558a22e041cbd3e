import Foundation
import HaloSandbox
@testable import HaloClient

/// A real sandbox on loopback and a libcurl `HaloClient` signed in to it, for the tests of
/// concurrency, token renewal and rate limiting (no mocks: the sandbox counts what arrived).
struct SandboxClient {
    static let seeds = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds").path

    let server: SandboxServer

    static func start(_ configure: (inout SandboxOptions) -> Void) async throws -> SandboxClient {
        var options = SandboxOptions(seedsDirectory: seeds)
        configure(&options)
        return SandboxClient(server: try await SandboxServer.start(options))
    }

    /// - Parameter transport: the libcurl transport to use (a new one when nil), for a test that inspects it.
    func client(transport: CurlTransport? = nil, _ configure: (inout HaloClientOptions) -> Void = { _ in }) throws -> HaloClient {
        var options = HaloClientOptions()
        options.timeout = 30
        configure(&options)
        let o = server.options
        let credentials = HaloCredentials(url: server.url, tenant: o.tenant, clientID: o.clientID, clientSecret: o.clientSecret)
        return try HaloClient(credentials: credentials, options: options,
                              transport: transport ?? CurlTransport(timeout: options.timeout, userAgent: "halo-tests"))
    }
}

/// Runs blocking client calls on a thread of their own: never on the cooperative pool that the
/// in-process sandbox answers from (two blocked pool threads on a 2-core machine would starve it).
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Ticket ids from a list page, parsed with JSONSerialization (the test checks order, not values).
struct IDPageDecoder: PageDecoder {
    func decodePage(_ body: Data) throws -> Page<Int> {
        let object = try JSONSerialization.jsonObject(with: body)
        if let list = object as? [[String: Any]] {
            return Page(recordCount: nil, listKey: nil, items: list.map { $0["id"] as? Int ?? -1 })
        }
        let dictionary = object as? [String: Any] ?? [:]
        let key = dictionary.keys.first { dictionary[$0] is [Any] }
        let items = key.flatMap { dictionary[$0] as? [[String: Any]] } ?? []
        return Page(recordCount: dictionary["record_count"] as? Int, listKey: key, items: items.map { $0["id"] as? Int ?? -1 })
    }
}

/// Whatever several threads report (progress, trace lines), in the order it arrived.
final class ThreadSafeLog<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var elements: [Element] = []

    func append(_ element: Element) {
        lock.lock()
        elements.append(element)
        lock.unlock()
    }

    var all: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return elements
    }
}
