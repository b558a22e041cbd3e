import ArgumentParser

/// The flags that say where requests go and how they behave, as swift-argument-parser sees them;
/// shared by the commands that run code. What they mean is `ConnectionSettings`'s (`settings`).
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
    var pageSize = ConnectionSettings.defaultPageSize

    @Option(help: "Attempts per GET (and per rate-limited write) before giving up.")
    var maxAttempts = ConnectionSettings.defaultMaxAttempts

    @Option(help: "Longest total wait, in seconds, spent retrying one request.")
    var maxRetryWait = ConnectionSettings.defaultMaxRetryWait

    @Option(help: ArgumentHelp("Most seconds one request may take, retries and sign-in included (default 120; also HALO_TIMEOUT or a profile's timeout).", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customLong("max-response-mb"), help: ArgumentHelp("Largest reply accepted, in MB (default 256; also HALO_MAX_RESPONSE_MB).", valueName: "MB"))
    var maxResponseMB: Double?

    @Option(help: ArgumentHelp("Requests in flight at once for `get all` (default 4; 1 walks pages one by one; also HALO_CONCURRENCY or a profile's concurrency).", valueName: "n"))
    var concurrency: Int?

    @Option(help: ArgumentHelp("Pace requests to REQUESTS/SECONDS over a rolling window, or off (default 700/300, Halo's; also HALO_RATE_LIMIT or a profile's rate_limit).", valueName: "limit"))
    var rateLimit: String?

    /// The values parsed, for the code that uses them.
    var settings: ConnectionSettings {
        ConnectionSettings(
            sandbox: sandbox, noDateShift: noDateShift, profile: profile, yes: yes, plan: plan, dryRun: dryRun,
            planJson: planJson, noJournal: noJournal, trace: trace, pageSize: pageSize, maxAttempts: maxAttempts,
            maxRetryWait: maxRetryWait, timeout: timeout, maxResponseMB: maxResponseMB, concurrency: concurrency,
            rateLimit: rateLimit)
    }

    /// A limit that is not a positive number is a usage error (exit 2), caught before anything runs.
    func validate() throws {
        try settings.validate()
    }
}
