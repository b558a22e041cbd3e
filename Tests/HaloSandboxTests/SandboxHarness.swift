import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HaloSandbox

/// The repository's seeds/ directory.
let seedsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("seeds").path

/// One HTTP exchange as the tests look at it.
struct HTTPResult {
    let status: Int
    /// Header names lower-cased.
    let headers: [String: String]
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    var array: [[String: Any]] { (try? JSONSerialization.jsonObject(with: body)) as? [[String: Any]] ?? [] }
    /// The records of a `{"record_count":..,"<key>":[...]}` list.
    func records(_ key: String) -> [[String: Any]] { object[key] as? [[String: Any]] ?? [] }
    var recordCount: Int { object["record_count"] as? Int ?? -1 }
}

/// A sandbox on an ephemeral loopback port plus a URLSession to talk to it, as halo does.
struct SandboxHarness {
    let server: SandboxServer
    let session = URLSession(configuration: .ephemeral)

    func send(_ method: String, _ path: String, body: String? = nil, contentType: String = "application/json",
              token: String? = nil) async throws -> HTTPResult {
        var request = URLRequest(url: URL(string: server.url + path)!)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields { headers["\(name)".lowercased()] = "\(value)" }
        return HTTPResult(status: http.statusCode, headers: headers, body: data)
    }

    func requestToken(tenant: String? = "sandbox", secret: String? = nil, grantType: String = "client_credentials")
        async throws -> HTTPResult {
        let options = server.options
        let form = "grant_type=\(grantType)&client_id=\(options.clientID)"
            + "&client_secret=\(secret ?? options.clientSecret)&scope=all"
        return try await send("POST", "/auth/token" + (tenant.map { "?tenant=\($0)" } ?? ""), body: form,
                              contentType: "application/x-www-form-urlencoded")
    }

    func token() async throws -> String {
        try await requestToken().object["access_token"] as! String
    }

    func get(_ path: String, token: String) async throws -> HTTPResult {
        try await send("GET", path, token: token)
    }

    func post(_ path: String, _ json: String, token: String) async throws -> HTTPResult {
        try await send("POST", path, body: json, token: token)
    }
}

/// Runs `body` against a fresh sandbox and always stops it.
func withSandbox(_ configure: (inout SandboxOptions) -> Void = { _ in },
                 _ body: (SandboxHarness) async throws -> Void) async throws {
    var options = SandboxOptions(seedsDirectory: seedsDirectory)
    configure(&options)
    let harness = SandboxHarness(server: try await SandboxServer.start(options))
    do {
        try await body(harness)
    } catch {
        await harness.server.shutdown()
        throw error
    }
    await harness.server.shutdown()
}

/// A seed file's records, read independently of the sandbox as the oracle for counts.
func seedRecords(_ name: String) -> [[String: Any]] {
    seedCache.records(name)
}

/// Seed files parsed once for all tests: the 6 MB tickets file takes seconds to parse in a debug
/// build, and parsing it in every test that needs it starved the timing tests of CPU.
private final class SeedCache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: [[String: Any]]] = [:]

    func records(_ name: String) -> [[String: Any]] {
        lock.lock()
        defer { lock.unlock() }
        if let hit = parsed[name] { return hit }
        let data = FileManager.default.contents(atPath: seedsDirectory + "/\(name).json") ?? Data()
        let records = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] ?? []
        parsed[name] = records
        return records
    }
}

private let seedCache = SeedCache()
