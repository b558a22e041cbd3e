/// What the REPL reads from: libedit on a terminal, plain lines otherwise, scripted lines in tests.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineInput
    /// Adds a finished entry (possibly several lines) to the in-memory history for Up and Ctrl-R.
    func addHistory(_ entry: String)
}

public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: drop what was typed.
    case interrupted
    /// Ctrl-D or end of input.
    case end
}
