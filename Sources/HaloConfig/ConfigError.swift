/// A problem with the config file, a profile or a secret, worded for the person who has to fix it.
/// Messages never contain a secret or a secret command's output.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    /// `PATH:LINE: message`, the shape compilers use, so editors can jump to the line.
    init(path: String, line: Int, _ message: String) {
        self.message = "\(path):\(line): \(message)"
    }

    public var description: String { message }
}
