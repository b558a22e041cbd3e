import ArgumentParser  // ValidationError only (no parsing): openSession throws what it threw before
import Foundation
import HaloClient
import HaloCore
import HaloSandbox

/// The flags that say where requests go and how they behave, as plain values. `ConnectionOptions`
/// (swift-argument-parser's view of the same flags) fills one, and so does `QuickArguments`, which
/// parses the common invocations without swift-argument-parser because its reflection costs more
/// than the rest of a short run's start-up; the defaults live here, once, for both.
struct ConnectionSettings: Sendable {
    var sandbox = false
    var noDateShift = false
    var profile: String?
    var yes = false
    var plan = false
    var dryRun = false
    var planJson: String?
    var noJournal = false
    var trace = false
    var pageSize = Self.defaultPageSize
    var maxAttempts = Self.defaultMaxAttempts
    var maxRetryWait = Self.defaultMaxRetryWait
    var timeout: Double?
    var maxResponseMB: Double?
    var concurrency: Int?
    var rateLimit: String?

    static let defaultPageSize = 100
    static let defaultMaxAttempts = 5
    static let defaultMaxRetryWait = 120.0

    /// `--plan`, `--dry-run` or `--plan-json`: writes are planned, not sent.
    var planning: Bool { plan || dryRun || planJson != nil }

    /// A limit that is not a positive number is a usage error (exit 2), caught before anything runs.
    func validate() throws {
        _ = try limits()
    }

    /// `--timeout`, `--max-response-mb` and their variables; a profile's timeout applies at `auth`.
    func limits() throws -> RequestLimits {
        try RequestLimits(timeoutFlag: timeout, maxResponseFlag: maxResponseMB, concurrencyFlag: concurrency,
                          rateLimitFlag: rateLimit,
                          environment: ProcessEnvironment.variables)
    }

    /// Options before a profile is known: the limits as if there were none.
    var clientOptions: HaloClientOptions {
        var options = HaloClientOptions()
        options.pageSize = max(1, pageSize)
        options.maxAttempts = max(1, maxAttempts)
        options.maxRetryWait = max(0, maxRetryWait)
        options.dryRun = planning
        if trace {
            options.trace = { line in Terminal.writeError("trace: " + line) }
        } else {
            // Several threads may wait at once: one note every few seconds is enough.
            let throttle = NoticeThrottle(seconds: HaloClient.longWait)
            options.longWait = { line in if throttle.allows() { Terminal.writeError("halo: " + line) } }
        }
        if Terminal.stderrIsTerminal {
            options.progress = { have, total in ProgressLine.show(have: have, total: total) }
        }
        return options
    }

    /// `openSession`, for commands that end when it fails: the reason goes to stderr, nil comes back.
    func openSessionOrReport(runbook: String) -> ConnectionSession? {
        do {
            return try openSession(runbook: runbook)
        } catch {
            Terminal.writeError("halo: \(error)")
            return nil
        }
    }

    /// Starts the sandbox when asked, and gives the interpreter its request performer.
    /// - Parameter runbook: what the journal names as the run's source (a file, `-e`, `<repl>`).
    func openSession(runbook: String) throws -> ConnectionSession {
        var server: SandboxServer? = nil
        if sandbox {
            guard let seeds = Installation.seedsDirectory else {
                throw ValidationError("cannot find the sandbox's seeds directory (set HALO_SEEDS)")
            }
            var options = SandboxOptions(seedsDirectory: seeds)
            options.shiftDates = !noDateShift
            server = try SandboxServer.startBlocking(options)
        }
        let resolver: ConnectionResolver
        do {
            resolver = try ConnectionResolver(environment: ProcessEnvironment.variables,
                                              sandbox: server.map(SandboxCredentials.init), profileFlag: profile)
        } catch {
            server?.stop()
            throw error
        }
        let limits: RequestLimits
        do {
            limits = try self.limits()
        } catch {
            server?.stop()
            throw error
        }
        // The embedded sandbox ends with the run, so there would be nothing to undo against.
        let journal = noJournal || sandbox ? nil : JournalStore.directory()
        let gate = WriteGate(plan: planning ? WritePlan() : nil, journalDirectory: journal, runbook: runbook,
                             output: Terminal.writeOutput, productionGuard: ProductionGuard(assumeYes: yes))
        let connection = HaloConnection(resolver: resolver, options: clientOptions, limits: limits, gate: gate)
        return ConnectionSession(performer: connection, sandbox: server, planJSON: planJson)
    }
}


/// What a run holds open: the performer, and the sandbox server if one was started.
struct ConnectionSession {
    let performer: HaloConnection
    let sandbox: SandboxServer?
    /// `--plan-json`: where the plan goes as JSON.
    var planJSON: String? = nil

    /// Ends a plan with its summary line (and JSON file), then stops the sandbox.
    func close() {
        do {
            try performer.gate.finishPlan(target: performer.targetLabel, jsonPath: planJSON)
        } catch {
            Terminal.writeError("halo: \(error)")
        }
        sandbox?.stop()
    }
}

/// The sandbox's own credentials, for a bare `auth`.
struct SandboxCredentials {
    let url: String, tenant: String, clientID: String, clientSecret: String

    init(_ server: SandboxServer) {
        url = server.url
        tenant = server.options.tenant
        clientID = server.options.clientID
        clientSecret = server.options.clientSecret
    }
}

/// "page 3 · 300 of 1,234" on stderr while `get all` walks a long list on a terminal.
enum ProgressLine {
    static func show(have: Int, total: Int) {
        guard total > 500 else { return }
        let done = have >= total
        Terminal.writeErrorRaw("\r\u{1B}[2Kfetching \(have) of \(total)\(done ? "\r\u{1B}[2K" : "")")
    }
}
