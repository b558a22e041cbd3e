/// A position in a source file; lines and columns count from 1, columns in characters.
public struct SourceLocation: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
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
        }
    }
}
