import Foundation
import HaloCore

/// The read-eval-print loop: reads entries (continuing unfinished ones), runs them in one
/// interpreter so names persist, shows values and request summaries, and never ends on an error.
public final class Repl {
    public struct Settings {
        /// Colour on stdout and on stderr (each honours NO_COLOR and whether it is a terminal).
        public var color: Bool
        public var errorColor: Bool
        /// The session started the sandbox (`halo --sandbox`): saved runbooks say to run them so.
        public var sandbox: Bool
        /// What a bare `auth` connects to, shown in the prompt once connected.
        public var connectionName: String
        public var maxLines = 60
        public init(color: Bool, errorColor: Bool, sandbox: Bool, connectionName: String) {
            self.color = color
            self.errorColor = errorColor
            self.sandbox = sandbox
            self.connectionName = connectionName
        }
    }

    public let interpreter: Interpreter
    public let monitor: RequestMonitor?
    public private(set) var recorder: SessionRecorder
    private let settings: Settings
    private let printer: ResultPrinter
    private let history: HistoryStore?
    private let output: (String) -> Void
    private let errorOutput: (String) -> Void
    private var accumulator = InputAccumulator()
    /// The value the last entry showed, for `:json`.
    private var lastValue: Value?
    private var entryCount = 0

    /// Wraps the interpreter's performer in a `RequestMonitor` for summaries, the prompt and Ctrl-C.
    public init(interpreter: Interpreter, settings: Settings, history: HistoryStore?,
                statusText: @escaping (Int) -> String,
                output: @escaping (String) -> Void, errorOutput: @escaping (String) -> Void) {
        self.interpreter = interpreter
        if let base = interpreter.performer {
            let monitor = RequestMonitor(wrapping: base, defaultName: settings.connectionName)
            interpreter.performer = monitor
            self.monitor = monitor
        } else {
            self.monitor = nil
        }
        self.settings = settings
        self.printer = ResultPrinter(color: settings.color, maxLines: settings.maxLines, statusText: statusText)
        self.recorder = SessionRecorder(builtins: interpreter.builtinNames)
        self.history = history
        let secrets = interpreter.secrets
        self.output = { output(secrets.masked($0)) }
        self.errorOutput = { errorOutput(secrets.masked($0)) }
    }

    /// `halo> ` before `auth`, then the connection (`sandbox> `, `acme> `); `... ` inside an entry.
    public var prompt: String {
        accumulator.isContinuing ? "... " : (monitor?.connectionName ?? "halo") + "> "
    }

    public var completionState: CompletionState {
        CompletionState(variables: interpreter.globals, builtins: interpreter.builtinNames)
    }

    /// Reads and runs entries until Ctrl-D, end of input or `:quit`.
    public func run(reader: LineReader) {
        while true {
            switch reader.readLine(prompt: prompt) {
            case .interrupted:
                accumulator.reset()
            case .end:
                // Piped input that stops inside an entry: run it, so its syntax error shows.
                if accumulator.isContinuing {
                    let pending = accumulator.lines.joined(separator: "\n")
                    accumulator.reset()
                    remember(pending, reader)
                    evaluate(pending)
                }
                return
            case .line(let line):
                guard handle(line, reader: reader) else { return }
            }
        }
    }

    /// Handles one line typed at the prompt; false after `:quit`.
    @discardableResult
    public func handle(_ line: String, reader: LineReader? = nil) -> Bool {
        if !accumulator.isContinuing {
            if line.allSatisfy(\.isWhitespace) { return true }
            if let command = MetaCommand.parse(line) {
                remember(line, reader)
                switch command {
                case .success(let command): return run(command)
                case .failure(let error): errorOutput(error.message)
                }
                return true
            }
        }
        guard let entry = accumulator.add(line) else { return true }
        remember(entry, reader)
        evaluate(entry)
        return true
    }

    /// Into the session's history (for Up and Ctrl-R) and, masked, into the history file.
    private func remember(_ entry: String, _ reader: LineReader?) {
        reader?.addHistory(entry)
        history?.append(entry, secrets: interpreter.secrets)
    }

    // MARK: - Running code

    /// Runs an entry (or a `:load`ed file) and shows its requests and value; a success is recorded for `:save`.
    private func evaluate(_ source: String, file: String? = nil, recordAs record: String? = nil) {
        entryCount += 1
        monitor?.startEntry()
        let knownSecrets = interpreter.secrets.count
        defer { if interpreter.secrets.count != knownSecrets { history?.remask(interpreter.secrets) } }
        do {
            let name = file ?? "<repl-\(entryCount)>"
            let value = try Interrupt.whileEvaluating { try interpreter.run(source: source, file: name) }
            showRequests()
            if let value {
                lastValue = value
                output(printer.render(value))
                if let note = KeySuggestion.note(for: source, value: value, state: completionState) { output(note) }
            }
            recorder.record(record ?? source)
        } catch {
            showRequests()
            showError(error)
        }
    }

    private func showRequests() {
        if let summary = printer.summary(of: monitor?.records ?? []) { output(summary) }
    }

    private func showError(_ error: Error) {
        if let error = error as? ScriptError {
            errorOutput(DiagnosticRenderer.render(error, sources: interpreter.sources, color: settings.errorColor))
        } else {
            errorOutput("halo: \(error)")
        }
    }

    // MARK: - Meta commands

    private func run(_ command: MetaCommand) -> Bool {
        switch command {
        case .quit:
            return false
        case .help:
            output(ReplHelp.text(builtins: interpreter.builtinNames, style: printer.style))
        case .json:
            guard let lastValue else {
                output("no value yet")
                return true
            }
            output(printer.renderJSON(lastValue))
        case .vars:
            let globals = interpreter.globals
            guard !globals.isEmpty else {
                output("no variables yet")
                return true
            }
            let width = globals.map(\.name.count).max() ?? 0
            for (name, value) in globals {
                output(printer.variableLine(name: name, value: value, nameWidth: width))
            }
        case .save(let path):
            do {
                try recorder.save(to: path, sandbox: settings.sandbox, secrets: interpreter.secrets)
                let n = recorder.entries.count
                output("saved \(n) entr\(n == 1 ? "y" : "ies") to \(path); run it with: halo \(settings.sandbox ? "--sandbox " : "")\(path)")
            } catch {
                errorOutput("cannot save \(path): \(error.localizedDescription)")
            }
        case .load(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                errorOutput("cannot read \(path): no such file or not readable")
                return true
            }
            let source = String(decoding: data, as: UTF8.self)
            evaluate(source, file: path, recordAs: "# :load \(path)\n" + source)
        }
        return true
    }
}
