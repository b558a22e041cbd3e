import ArgumentParser
import Foundation
import HaloClient
import HaloCore
import HaloRepl

/// `halo repl` (and `halo` with no runbook on a terminal): the interactive REPL.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Explore Halo interactively (the default on a terminal).")

    @OptionGroup var connection: ConnectionOptions

    mutating func run() throws {
        let connection = self.connection.settings
        throw ExitCode(onLargeStack { ReplSession.start(connection) })
    }
}

/// Starts a REPL on the current thread: the same connection, module paths and output as batch mode.
enum ReplSession {
    static func start(_ connection: ConnectionSettings) -> Int32 {
        guard let session = connection.openSessionOrReport(runbook: "<repl>") else { return 1 }
        defer { session.close() }
        var options = InterpreterOptions.forCommand(performer: session.performer)
        options.interrupt = .shared   // raised by the REPL's Ctrl-C handler
        let environment = ProcessEnvironment.variables
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let settings = Repl.Settings(
            color: Terminal.stdoutIsTerminal && !noColor, errorColor: Terminal.colorOnStderr,
            sandbox: session.sandbox != nil,
            connectionName: ConnectionLabel.defaultName(sandbox: session.sandbox != nil, environment: environment))
        let history = HistoryStore.defaultPath(environment: environment).map { HistoryStore(path: $0) }
        let repl = Repl(interpreter: Interpreter(options), settings: settings, history: history,
                        statusText: HTTPStatusText.text, output: Terminal.writeOutput, errorOutput: Terminal.writeError)
        Interrupt.install()
        let reader: LineReader
        if Terminal.stdinIsTerminal {
            let sandbox = session.sandbox.map { "sandbox at \($0.url) · " } ?? ""
            Terminal.writeOutput("halo · \(sandbox)auth connects · :help for help · Ctrl-D quits")
            do {
                reader = try LineEditor(history: history?.load() ?? []) { [unowned repl] line in
                    Completer.complete(line, state: repl.completionState)
                }
            } catch {
                Terminal.writeError("halo: no line editing (libedit could not be loaded: \(error.reason)); "
                    + "lines are read as typed. Hint: apt-get install libedit2 (brew install libedit on macOS)")
                reader = PlainLineReader(showsPrompt: true)
            }
        } else {
            reader = PlainLineReader(showsPrompt: false)
        }
        repl.run(reader: reader)
        Terminal.flush()
        return 0
    }
}

/// Lines from a pipe or file (no prompt), or typed on a terminal without libedit (a prompt): no
/// editing, no history.
final class PlainLineReader: LineReader {
    let showsPrompt: Bool

    init(showsPrompt: Bool) {
        self.showsPrompt = showsPrompt
    }

    func readLine(prompt: String) -> LineInput {
        Terminal.flush()
        if showsPrompt { Terminal.writeOutputRaw(prompt) }
        return Swift.readLine(strippingNewline: true).map(LineInput.line) ?? .end
    }

    func addHistory(_ entry: String) {}
}
