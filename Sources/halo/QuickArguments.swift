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
            if setFlag(name, in: &run) {
                guard attached == nil else { return nil }
                continue
            }
            // An unknown name answers nil below, in `setOption`, as a missing value does here.
            let value: String
            if let attached {
                value = attached
            } else {
                guard index < arguments.endIndex else { return nil }
                value = arguments[index]
                index += 1
            }
            guard !value.isEmpty, value.utf8.first != UInt8(ascii: "-"), setOption(name, to: value, in: &run) else { return nil }
        }
        guard (try? run.connection.validate()) != nil else { return nil }
        return run
    }

    // Flags and options are matched in `switch`es, not looked up in dictionaries of closures:
    // the first such dictionary made the runtime scan the binary's conformance records (0.5 M
    // instructions, a tenth of a short run's start-up).

    /// Sets the run command's flag `name` (one without a value), or answers false if it is none.
    private static func setFlag(_ name: String, in run: inout RunInvocation) -> Bool {
        switch name {
        case "--json": run.json = true
        case "--sandbox": run.connection.sandbox = true
        case "--no-date-shift": run.connection.noDateShift = true
        case "--yes": run.connection.yes = true
        case "--plan": run.connection.plan = true
        case "--dry-run": run.connection.dryRun = true
        case "--no-journal": run.connection.noJournal = true
        case "--trace": run.connection.trace = true
        default: return false
        }
        return true
    }

    /// Stores the value of option `name`, or answers false when there is no such option or the value
    /// does not parse (swift-argument-parser converts with the same `Int(_:)` and `Double(_:)`).
    private static func setOption(_ name: String, to text: String, in run: inout RunInvocation) -> Bool {
        switch name {
        case "-e": run.code = text
        case "--set": run.settings.append(text)
        case "--profile": run.connection.profile = text
        case "--plan-json": run.connection.planJson = text
        case "--rate-limit": run.connection.rateLimit = text
        case "--page-size": guard let n = Int(text) else { return false }; run.connection.pageSize = n
        case "--max-attempts": guard let n = Int(text) else { return false }; run.connection.maxAttempts = n
        case "--concurrency": guard let n = Int(text) else { return false }; run.connection.concurrency = n
        case "--max-retry-wait": guard let x = Double(text) else { return false }; run.connection.maxRetryWait = x
        case "--timeout": guard let x = Double(text) else { return false }; run.connection.timeout = x
        case "--max-response-mb": guard let x = Double(text) else { return false }; run.connection.maxResponseMB = x
        default: return false
        }
        return true
    }

    /// A word the full parser reads as a command rather than a file: a subcommand's name or alias,
    /// or `help`.
    private static func isCommandName(_ word: String) -> Bool {
        word == "help" || Halo.subcommandNames.contains(word)
    }
}
