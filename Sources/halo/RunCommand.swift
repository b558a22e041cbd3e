import ArgumentParser

/// `halo FILE`, `halo -e CODE`, or a script on stdin: runs a runbook.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a runbook (the default command).")

    @Argument(help: "The .halo file to run. Without it, the script is read from stdin, or the REPL starts on a terminal.")
    var file: String?

    @Option(name: .short, help: "Run this code instead of a file.")
    var e: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a param: name=value (JSON when it parses, else a string).", valueName: "name=value"))
    var settings: [String] = []

    @Flag(help: "Print one JSON document on stdout: the output variables (`->`), params and printed lines.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    mutating func run() throws {
        throw ExitCode(invocation.execute())
    }

    /// What was asked, for the code that runs it.
    var invocation: RunInvocation {
        RunInvocation(file: file, code: e, settings: settings, json: json, connection: connection.settings)
    }
}
