/// `halo [run] FILE`, `halo [run] -e CODE` and the run command's flags, parsed without swift-argument-parser.
///
/// swift-argument-parser finds a command's options through reflection and protocol-conformance
/// lookups that scan the conformance records of the whole static binary (Foundation, NIO,
/// Hummingbird): about 17 M instructions, more than everything else a short run does after the
/// dynamic loader. This parser understands only the plain forms of the run command and answers nil
/// for anything else (help, version, subcommands, `--`, unknown or repeated names, a missing value, a
/// value that looks like a flag or does not parse, limits the settings reject) so that
/// swift-argument-parser parses that and says what it says today, with the same exit code.
/// `HALO_ARGUMENT_PARSER=1` turns this path off; CommandLineTests compares the two on every flag.
enum QuickArguments {
    static func parse(_ arguments: ArraySlice<String>) -> RunInvocation? {
        // `halo run …` names the default command: the same invocation.
        let arguments = arguments.first == "run" ? arguments.dropFirst() : arguments
        var run = RunInvocation()
        var seen: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            guard !argument.isEmpty else { return nil }
            guard argument.utf8.first == UInt8(ascii: "-") else {
                // One positional, the file; a subcommand's name is the full parser's to handle.
                guard run.file == nil, !isCommandName(argument) else { return nil }
                run.file = argument
                continue
            }
            // `--name=value` for options; a flag with `=` is left to the full parser's error.
            var name = argument, attached: String? = nil
            if argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") {
                name = String(argument[..<eq])
                attached = String(argument[argument.index(after: eq)...])
            }
            if name != "--set" {
                guard !seen.contains(name) else { return nil }
                seen.append(name)
            }
            if let flag = flags[name] {
                guard attached == nil else { return nil }
                flag(&run)
                continue
            }
            guard let option = options[name] else { return nil }
            let value: String
            if let attached {
                value = attached
            } else {
                guard index < arguments.endIndex else { return nil }
                value = arguments[index]
                index += 1
            }
            guard !value.isEmpty, value.utf8.first != UInt8(ascii: "-"), option(&run, value) else { return nil }
        }
        guard (try? run.connection.validate()) != nil else { return nil }
        return run
    }

    /// The run command's flags without a value, by name.
    private static let flags: [String: @Sendable (inout RunInvocation) -> Void] = [
        "--json": { $0.json = true },
        "--sandbox": { $0.connection.sandbox = true },
        "--no-date-shift": { $0.connection.noDateShift = true },
        "--yes": { $0.connection.yes = true },
        "--plan": { $0.connection.plan = true },
        "--dry-run": { $0.connection.dryRun = true },
        "--no-journal": { $0.connection.noJournal = true },
        "--trace": { $0.connection.trace = true },
    ]

    /// The run command's options, by name: each stores its value, or answers false when the value
    /// does not parse (swift-argument-parser converts with the same `Int(_:)` and `Double(_:)`).
    private static let options: [String: @Sendable (inout RunInvocation, String) -> Bool] = [
        "-e": { $0.code = $1; return true },
        "--set": { $0.settings.append($1); return true },
        "--profile": { $0.connection.profile = $1; return true },
        "--plan-json": { $0.connection.planJson = $1; return true },
        "--rate-limit": { $0.connection.rateLimit = $1; return true },
        "--page-size": { run, text in Int(text).map { run.connection.pageSize = $0 } != nil },
        "--max-attempts": { run, text in Int(text).map { run.connection.maxAttempts = $0 } != nil },
        "--concurrency": { run, text in Int(text).map { run.connection.concurrency = $0 } != nil },
        "--max-retry-wait": { run, text in Double(text).map { run.connection.maxRetryWait = $0 } != nil },
        "--timeout": { run, text in Double(text).map { run.connection.timeout = $0 } != nil },
        "--max-response-mb": { run, text in Double(text).map { run.connection.maxResponseMB = $0 } != nil },
    ]

    /// A word the full parser reads as a command rather than a file: a subcommand's name or alias,
    /// or `help`.
    private static func isCommandName(_ word: String) -> Bool {
        word == "help" || Halo.subcommandNames.contains(word)
    }
}
