/// ANSI styles for the REPL's output, or none (NO_COLOR, output not a terminal).
public struct TextStyle: Sendable {
    public let enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }

    func key(_ s: String) -> String { wrap(s, "34") }
    func string(_ s: String) -> String { wrap(s, "32") }
    func number(_ s: String) -> String { wrap(s, "33") }
    func literal(_ s: String) -> String { wrap(s, "35") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func good(_ s: String) -> String { wrap(s, "1;32") }
    func bad(_ s: String) -> String { wrap(s, "1;31") }

    private func wrap(_ s: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
