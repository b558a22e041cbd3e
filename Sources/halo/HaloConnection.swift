import Foundation
import HaloClient
import HaloConfig
import HaloCore

/// Plugs the Halo client into the language: turns request values into HTTP and replies into values.
/// The core never sees HTTP and the client never sees a `Value`; this is the only place both meet.
final class HaloConnection: RequestPerformer {
    let resolver: ConnectionResolver
    private let options: HaloClientOptions
    /// Timeout and reply size; the timeout may come from the profile signed in with.
    private let limits: RequestLimits
    /// Plans, confirms and journals writes.
    let gate: WriteGate
    /// The client secret and tokens of this run, and the variables that hold credentials.
    let secrets: SecretGuard
    /// `pmap` calls `perform` from several threads: the client is thread-safe, but which client
    /// and profile are current, and the first sign-in, are decided under this lock (so four items
    /// making their first request at once sign in once).
    private let state = NSLock()
    private var client: HaloClient?
    /// The profile the current client signed in with; production ones guard writes.
    private var profile: Profile?

    init(resolver: ConnectionResolver, options: HaloClientOptions, limits: RequestLimits,
         gate: WriteGate) {
        self.resolver = resolver
        self.options = options
        self.limits = limits
        self.gate = gate
        self.secrets = SecretGuard(protectedVariables: { Self.credentialVariables(resolver) })
        // Known before any `auth`, so a runbook that holds one cannot print it before signing in.
        for secret in [resolver.environment["HALO_CLIENT_SECRET"], resolver.sandbox?.clientSecret] {
            if let secret { secrets.add(secret) }
        }
    }

    /// HALO_CLIENT_SECRET and every profile's `secret_env`: what `env()` refuses.
    private static func credentialVariables(_ resolver: ConnectionResolver) -> Set<String> {
        var names: Set<String> = ["HALO_CLIENT_SECRET"]
        for profile in (try? resolver.loadConfig().profiles) ?? [] {
            if case .environment(let name) = profile.secret { names.insert(name) }
        }
        return names
    }

    /// How many items `pmap` runs together: the client's concurrency cap (`--concurrency`, a
    /// profile's `concurrency`, 4), which also caps their requests in flight.
    var maxConcurrency: Int {
        state.withLock { client?.options.concurrency } ?? limits.explicitConcurrency ?? RequestLimits.defaultConcurrency
    }

    // MARK: - auth

    func authenticate(_ argument: Value?) throws {
        try state.withLock { try authenticateLocked(argument) }
    }

    private func authenticateLocked(_ argument: Value?) throws {
        let target = try target(from: argument)
        var options = self.options
        options.tokenCache = target.tokenCache
        secrets.add(target.credentials.clientSecret)
        options.tokenObserver = { [secrets] token in secrets.add(token) }
        try wrap { try limits.apply(to: &options, profile: target.profile) }
        let client = try wrap { try HaloClient.connect(credentials: target.credentials, options: options) }
        try wrap { try client.authenticate() }
        self.client = client
        self.profile = target.profile
    }

    private func target(from argument: Value?) throws -> ConnectionTarget {
        switch argument {
        case nil:
            return try wrap { try resolver.target(profile: nil) }
        case .object(let o)?:
            switch o["profile"] {
            case nil: break
            case .string(let name)?: return try wrap { try resolver.target(profile: name) }
            case let other?: throw ScriptError.runtime("auth profile takes a profile name as a string, got \(other.typeName)")
            }
            func text(_ key: String) throws -> String? {
                switch o[key] {
                case nil, .null?: return nil
                case .string(let s)?: return s
                case let other?: throw ScriptError.runtime("auth: '\(key)' must be a string, got \(other.typeName)")
                }
            }
            // `client_secret_env: "NAME"`: halo reads the variable; the runbook never holds the secret.
            let secretFromEnvironment = try text("client_secret_env").map { name in
                guard let value = resolver.environment[name], !value.isEmpty else {
                    throw ScriptError.runtime("auth: environment variable \(name) (its client_secret_env) is not set")
                }
                return value
            }
            let required = try ["url", "client_id", "client_secret"].map { ($0, try text($0)) }
            let missing = required.filter { $0.1 == nil && !($0.0 == "client_secret" && secretFromEnvironment != nil) }.map(\.0)
            guard missing.isEmpty, let url = required[0].1, let id = required[1].1,
                  let secret = required[2].1 ?? secretFromEnvironment else {
                throw ScriptError.runtime("auth needs \(missing.joined(separator: ", ")) (or client_secret_env; and optionally tenant, scope)")
            }
            return ConnectionTarget(credentials: HaloCredentials(url: url, tenant: try text("tenant"), clientID: id,
                                                                 clientSecret: secret, scope: try text("scope") ?? "all"),
                                    profile: nil, tokenCache: nil)
        case let other?:
            throw ScriptError.runtime("auth takes an object such as {url: ..., client_id: ..., client_secret: ...}, got \(other.typeName)")
        }
    }

    /// The current client and where writes go; the first request signs in as a bare `auth` would
    /// (see `ConnectionResolver`) when the script did not.
    private func connectedTarget() throws -> WriteGate.Target {
        try state.withLock {
            if client == nil { try authenticateLocked(nil) }
            guard let client else { throw ScriptError.runtime("not connected") }
            return WriteGate.Target(client: client, profile: profile, secrets: secrets)
        }
    }

    // MARK: - requests

    func perform(_ request: RequestSpec) throws -> RequestResult {
        try refuseToReveal(request)
        let target = try connectedTarget()
        let client = target.client
        switch request.method {
        case .get:
            let query = try Self.query(from: request.argument)
            if request.all {
                let walked = try wrap { try client.getAll(path: request.path, query: query, decoder: ValuePageDecoder()) }
                var body = HaloObject([("record_count", .int(walked.recordCount))])
                body[walked.listKey ?? "items"] = .list(walked.items)
                return RequestResult(status: 200, body: .object(body))
            }
            let response = try wrap { try client.send(.get, path: request.path, query: query) }
            return RequestResult(status: response.status, body: try Self.decode(response.body))
        case .post:
            let records: [Value]
            switch request.argument {
            case .list(let items)?: records = items
            case let value?: records = [value]
            case nil: records = []
            }
            let bytes = Data(try JSON.encode(.list(records)).utf8)
            let (response, saved) = try wrap {
                try gate.write(.post, path: request.path, body: records, to: target) {
                    try client.send(.post, path: request.path, body: bytes)
                }
            }
            // Planned, not sent: the runbook gets back what it would have sent.
            guard let response else { return RequestResult(status: 0, body: request.argument ?? .null) }
            return RequestResult(status: response.status, body: saved ?? .null)
        case .delete:
            let query = try Self.query(from: request.argument)
            let (response, saved) = try wrap {
                try gate.write(.delete, path: request.path, body: nil, to: target) {
                    try client.send(.delete, path: request.path, query: query)
                }
            }
            guard let response else { return RequestResult(status: 0, body: .null) }
            return RequestResult(status: response.status, body: saved ?? .null)
        }
    }

    /// Records by path (`/api/tickets/12`), several at a time (`--concurrency`); nil for those Halo
    /// does not have.
    func readRecords(_ paths: [String]) throws -> [String: HaloObject?] {
        let client = try connectedTarget().client
        return try wrap { try client.records(at: paths) }
    }

    /// The URL of the connection signed in (password masked); nil before `auth`.
    var connectedURL: String? { state.withLock { client?.displayURL } }

    /// What the run wrote to, for the plan's summary: the profile, else the URL.
    var targetLabel: String? {
        state.withLock { client.map { WriteGate.Target(client: $0, profile: profile, secrets: secrets).label } }
    }

    /// A request that would carry the client secret or a token to Halo (in a ticket note, say) fails
    /// before anything is sent.
    private func refuseToReveal(_ request: RequestSpec) throws {
        guard secrets.count > 0 else { return }
        let parts = [request.path] + (request.argument.map { [JSON.write($0)] } ?? [])
        guard parts.contains(where: secrets.reveals) else { return }
        throw ScriptError(.runtime, "\(request.method.rawValue) \(secrets.masked(request.path)): the request holds the client secret or the current token; nothing was sent",
                          notes: ["hint: a runbook must not send credentials to Halo; remove the value from the body"])
    }

    /// A query object becomes name=value pairs; lists are comma-joined, as Halo's id filters expect.
    static func query(from argument: Value?) throws -> [(String, String)] {
        switch argument {
        case nil, .null?: return []
        case .object(let o)?:
            return o.pairs.compactMap { key, value in
                switch value {
                case .null: return nil
                case .list(let items): return (key, items.map(\.display).joined(separator: ","))
                default: return (key, value.display)
                }
            }
        case let other?:
            throw ScriptError.runtime("a get's query must be an object such as {search: \"Acme\"}, got \(other.typeName)")
        }
    }

    static func decode(_ body: Data) throws -> Value {
        try JSON.responseBody(body)
    }

    /// Turns client errors into script errors that `try` can catch, with status and body fields.
    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HaloHTTPError {
            var fields = HaloObject()
            fields["status"] = .int(error.status)
            fields["body"] = (try? Self.decode(error.body)) ?? .null
            fields["method"] = .string(error.method.rawValue)
            fields["path"] = .string(error.path)
            fields["write_may_have_applied"] = .bool(error.writeMayHaveApplied)
            throw ScriptError(.runtime, error.message, notes: error.hint.map { ["hint: " + $0] } ?? [], fields: fields)
        } catch let error as ScriptError {
            throw error
        } catch {
            throw ScriptError.runtime("\(error)")
        }
    }
}

/// Reads one page of a Halo list reply: `{"record_count": N, "<key>": [...]}` or a bare array.
struct ValuePageDecoder: PageDecoder {
    func decodePage(_ body: Data) throws -> Page<Value> {
        let value = try JSON.parse(body)
        switch value {
        case .list(let items):
            return Page(recordCount: nil, listKey: nil, items: items)
        case .object(let o):
            let count: Int? = if case .int(let n)? = o["record_count"] { n } else { nil }
            for (key, v) in o.pairs {
                if case .list(let items) = v { return Page(recordCount: count, listKey: key, items: items) }
            }
            return Page(recordCount: count, listKey: nil, items: [])
        default:
            throw ScriptError.runtime("get all expects a list reply, got \(value.typeName)")
        }
    }
}
