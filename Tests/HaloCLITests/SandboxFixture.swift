import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HaloSandbox
import Testing

/// One in-process sandbox for one test, and the built `halo` pointed at it through HALO_* variables.
///
/// Every output `halo` produced during the test is kept, so that `withSandbox` can check, once the
/// test is over, that no secret and no bearer token ever reached stdout or stderr, and that the
/// test stayed within its request budget.
final class SandboxFixture: Sendable {
    let server: SandboxServer
    /// XDG_CACHE_HOME for every run, so halo's token cache never carries a token between tests.
    let cacheDirectory: URL
    /// XDG_STATE_HOME for every run: this test's write journals (`journalDirectory`).
    let stateDirectory: URL
    private let outputs = LockedBox<[String]>([])
    private let extraSecrets = LockedBox<[String]>([])

    init(server: SandboxServer) {
        self.server = server
        cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("halo-e2e-cache-\(UUID().uuidString)")
        stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("halo-e2e-state-\(UUID().uuidString)")
    }

    var journalDirectory: URL { stateDirectory.appendingPathComponent("halo/journal") }

    var options: SandboxOptions { server.options }

    /// HALO_URL, HALO_TENANT, HALO_CLIENT_ID and HALO_CLIENT_SECRET for this sandbox.
    var environment: [String: String] {
        ["HALO_URL": server.url, "HALO_TENANT": options.tenant,
         "HALO_CLIENT_ID": options.clientID, "HALO_CLIENT_SECRET": options.clientSecret]
    }

    /// Flags every run gets unless a test passes its own: small retry budgets keep failures fast.
    static let quickRetries = ["--max-attempts", "3", "--max-retry-wait", "3"]

    /// Runs `halo args...` with `environment` (the sandbox's HALO_* variables unless replaced) on a
    /// thread of its own, so the blocking wait never holds a thread the in-process server needs.
    func halo(_ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
              timeout: TimeInterval = 30) async throws -> HaloProcess.Result {
        var env = environment ?? self.environment
        env["XDG_CACHE_HOME"] = cacheDirectory.path
        if env["XDG_STATE_HOME"] == nil { env["XDG_STATE_HOME"] = stateDirectory.path }
        if let secret = env["HALO_CLIENT_SECRET"], !secret.isEmpty { extraSecrets.withLock { $0.append(secret) } }
        let result = try await runHaloOffThePool(arguments, stdin: stdin, environment: env, timeout: timeout)
        outputs.withLock { $0.append(result.stdout); $0.append(result.stderr) }
        return result
    }

    /// `halo [flags] -e CODE` against this sandbox.
    func run(_ code: String, flags: [String] = quickRetries, environment: [String: String]? = nil,
             timeout: TimeInterval = 30) async throws -> HaloProcess.Result {
        try await halo(flags + ["-e", code], environment: environment, timeout: timeout)
    }

    func stats() -> SandboxStats { server.stats() }

    func inject(_ fault: SandboxFault) { server.injectFault(fault) }

    /// Everything `halo` printed in this test, stdout and stderr.
    var allOutput: [String] { outputs.withLock { $0 } }

    /// The secrets that must never be printed: the sandbox's and any other one a run was given.
    var secrets: [String] { [options.clientSecret] + extraSecrets.withLock { $0 } }

    // MARK: - Talking to the sandbox directly

    /// A bearer token of the kind the sandbox issues, fetched with URLSession (not through halo).
    func fetchToken() async throws -> String {
        var request = URLRequest(url: URL(string: server.url + "/auth/token?tenant=\(options.tenant)")!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let form = "grant_type=client_credentials&client_id=\(options.clientID)"
            + "&client_secret=\(options.clientSecret)&scope=all"
        request.httpBody = Data(form.utf8)
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, _) = try await session.data(for: request)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(object?["access_token"] as? String)
    }

    /// Sandbox tokens are 64 lower-case hex digits; nothing else a test prints looks like that.
    static func tokenLikeStrings(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "[0-9a-fA-F]{32,}")
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    /// No secret and nothing token-like in `text`.
    func expectNoSecrets(in text: String, _ source: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "the client secret appeared in halo's output", sourceLocation: source)
        }
        #expect(Self.tokenLikeStrings(in: text).isEmpty, "a bearer token appeared in halo's output", sourceLocation: source)
    }
}

/// Starts a sandbox configured by `configure`, runs `body`, checks that the test stayed within
/// `maxRequests` requests and printed no secret, and always shuts the server down.
func withSandbox(maxRequests: Int = 60, _ configure: (inout SandboxOptions) -> Void = { _ in },
                 _ body: (SandboxFixture) async throws -> Void) async throws {
    var options = SandboxOptions(seedsDirectory: HaloProcess.packageRoot.appendingPathComponent("seeds").path)
    configure(&options)
    let fixture = SandboxFixture(server: try await SandboxServer.start(options))
    let outcome: Result<Void, any Error>
    do {
        try await body(fixture)
        outcome = .success(())
    } catch {
        outcome = .failure(error)
    }
    let stats = fixture.stats()
    await fixture.server.shutdown()
    try? FileManager.default.removeItem(at: fixture.cacheDirectory)
    try? FileManager.default.removeItem(at: fixture.stateDirectory)
    #expect(stats.total <= maxRequests, "the test sent \(stats.total) requests: \(stats.routes)")
    for text in fixture.allOutput { fixture.expectNoSecrets(in: text) }
    try outcome.get()
}

/// `HaloProcess.run` blocks until halo exits; run it on a dedicated thread, never on the
/// cooperative pool the in-process sandbox serves requests from.
func runHaloOffThePool(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                       timeout: TimeInterval = 30) async throws -> HaloProcess.Result {
    var environment = environment
    var temporaryCache: URL? = nil
    if environment["XDG_CACHE_HOME"] == nil {
        // Keep halo's token cache out of the user's home directory.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("halo-e2e-cache-\(UUID().uuidString)")
        environment["XDG_CACHE_HOME"] = cache.path
        temporaryCache = cache
    }
    defer { if let temporaryCache { try? FileManager.default.removeItem(at: temporaryCache) } }
    let env = environment
    return try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result {
                try HaloProcess.run(arguments, stdin: stdin, environment: env, timeout: timeout)
            })
        }
        thread.start()
    }
}

/// A value behind a lock, for the fixture's bookkeeping.
final class LockedBox<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

extension HaloProcess.Result {
    /// The lines of stdout, without the trailing empty one.
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

/// The end-to-end suites run one test at a time: while `halo` waits for a reply, FoundationNetworking's
/// URLSession spins on a writable socket and takes a whole CPU, so parallel runs would starve the
/// in-process sandbox (on a 2-CPU machine, six parallel runs took 10 s instead of 0.1 s each).
@Suite(.serialized) enum EndToEnd {}
