import ArgumentParser
import Foundation
import HaloClient
import HaloCore
import HaloSandbox

/// The flags that say where requests go and how they behave; shared by the commands that run code.
struct ConnectionOptions: ParsableArguments {
    @Flag(help: "Start the embedded sandbox and make a bare `auth` connect to it.")
    var sandbox = false

    @Flag(help: "With --sandbox: serve the seeds' dates as written instead of moving them so the newest ticket is a day old.")
    var noDateShift = false

    @Option(help: ArgumentHelp("Sign in with this profile from config.toml (see `halo profiles`); HALO_PROFILE does the same.", valueName: "name"))
    var profile: String?

    @Flag(help: "Send POST and DELETE to a production profile without asking (needed when not on a terminal).")
    var yes = false

    @Flag(help: "Hold POST and DELETE back and print the plan: per record, the fields that would change (current values read with GETs); ends with a summary. Nothing is written.")
    var plan = false

    @Flag(help: "The same as --plan.")
    var dryRun = false

    @Option(help: ArgumentHelp("With --plan: also write the full plan as JSON to this file.", valueName: "file"))
    var planJson: String?

    @Flag(help: "Do not journal writes (and skip the GET of each record before it is updated or deleted); `halo undo` cannot reverse such a run.")
    var noJournal = false

    @Flag(help: "One line per request on stderr: method, URL, status, bytes, milliseconds (secrets redacted).")
    var trace = false

    @Option(help: "Page size for `get all`.")
    var pageSize = 100

    @Option(help: "Attempts per GET (and per rate-limited write) before giving up.")
    var maxAttempts = 5

    @Option(help: "Longest total wait, in seconds, spent retrying one request.")
    var maxRetryWait = 120.0

    @Option(help: ArgumentHelp("Most seconds one request may take, retries and sign-in included (default 120; also HALO_TIMEOUT or a profile's timeout).", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customLong("max-response-mb"), help: ArgumentHelp("Largest reply accepted, in MB (default 256; also HALO_MAX_RESPONSE_MB).", valueName: "MB"))
    var maxResponseMB: Double?

    @Option(help: ArgumentHelp("Requests in flight at once for `get all` (default 4; 1 walks pages one by one; also HALO_CONCURRENCY or a profile's concurrency).", valueName: "n"))
    var concurrency: Int?

    @Option(help: ArgumentHelp("Pace requests to REQUESTS/SECONDS over a rolling window, or off (default 700/300, Halo's; also HALO_RATE_LIMIT or a profile's rate_limit).", valueName: "limit"))
    var rateLimit: String?

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
                          environment: ProcessInfo.processInfo.environment)
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
            resolver = try ConnectionResolver(environment: ProcessInfo.processInfo.environment,
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
