/// The text of every file the interpreter has read, so a diagnostic can quote the offending line.
public final class SourceStore {
    private var lines: [String: [Substring]] = [:]

    public init() {}

    public func add(_ source: String, file: String) {
        lines[file] = source.split(separator: "\n", omittingEmptySubsequences: false)
    }

    public func line(_ number: Int, of file: String) -> String? {
        guard let fileLines = lines[file], number >= 1, number <= fileLines.count else { return nil }
        return String(fileLines[number - 1].trimmingSuffix("\r"))
    }
}

private extension Substring {
    func trimmingSuffix(_ suffix: Character) -> Substring {
        last == suffix ? dropLast() : self
    }
}
