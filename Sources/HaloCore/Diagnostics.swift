import Synchronization

/// A position in a source file; lines and columns count from 1, columns in characters.
///
/// The file is kept as a small interned number so that a location is a plain value: the syntax tree
/// holds one per node, and copying a String there cost a retain and a release on every evaluation.
public struct SourceLocation: Sendable, Equatable {
    private let fileID: Int
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.fileID = FileNames.id(for: file)
        self.line = line
        self.column = column
    }

    public var file: String { FileNames.name(for: fileID) }
}

/// The interning table behind `SourceLocation.file`; touched when parsing and when reporting.
private enum FileNames {
    private static let table = Mutex<(names: [String], ids: [String: Int])>(([], [:]))

    static func id(for name: String) -> Int {
        table.withLock { table in
            if let id = table.ids[name] { return id }
            table.names.append(name)
            table.ids[name] = table.names.count - 1
            return table.names.count - 1
        }
    }

    static func name(for id: Int) -> String {
        table.withLock { $0.names[id] }
    }
}

/// Every error a script can cause. The kind decides the exit code.
public struct ScriptError: Error {
    public enum Kind: Sendable, Equatable {
        case syntax      // exit 2
        case usage       // exit 2
        case runtime     // exit 1
        case failure     // `fail`, exit 1
        case assertion   // `assert`, exit 3
        case interrupted // Ctrl-C, exit 130; `try` does not catch it
    }

    public var kind: Kind
    public var message: String
    /// Filled in by the interpreter when a built-in or the request layer throws without one.
    public var location: SourceLocation?
    /// Extra lines shown after the caret: hints, the call chain.
    public var notes: [String]
    /// Extra fields for the `err` object of `catch` (for HTTP errors: status, body).
    public var fields: HaloObject

    public init(_ kind: Kind = .runtime, _ message: String, at location: SourceLocation? = nil,
                notes: [String] = [], fields: HaloObject = HaloObject()) {
        self.kind = kind
        self.message = message
        self.location = location
        self.notes = notes
        self.fields = fields
    }

    /// Shorthand for built-ins: a runtime error whose position the interpreter adds.
    public static func runtime(_ message: String) -> ScriptError { ScriptError(.runtime, message) }

    public var exitCode: Int32 {
        switch kind {
        case .syntax, .usage: 2
        case .runtime, .failure: 1
        case .assertion: 3
        case .interrupted: 130
        }
    }
}

/// One checked `assert`, kept in test mode for the report.
public struct AssertionResult: Sendable {
    public let location: SourceLocation
    /// The asserted expression as written.
    public let source: String
    /// nil when the assert held.
    public let failure: ScriptError?
}
