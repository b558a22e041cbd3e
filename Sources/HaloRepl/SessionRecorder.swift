import Foundation
import HaloCore

/// The successful entries of a session, written by `:save FILE` as a runbook that `halo FILE` runs.
/// Secret literals become references to environment variables. An entry the REPL showed a value for (say
/// `response^clients^name` or `table(clients)`) becomes a `print`, so the runbook shows it too.
public struct SessionRecorder {
    public private(set) var entries: [String] = []
    private let builtins: Set<String>

    public init(builtins: [String]) {
        self.builtins = Set(builtins)
    }

    public mutating func record(_ source: String) {
        let text = SecretMasker.referenced(source.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !text.isEmpty else { return }
        entries.append(showsValue(text) ? "print " + text : text)
    }

    /// The runbook text: a header that says how to run it, then the entries in order.
    public func runbook(sandbox: Bool) -> String {
        var lines = ["#!/usr/bin/env halo",
                     "# Saved from a halo REPL session. Run it with: halo \(sandbox ? "--sandbox " : "")FILE"]
        lines += entries
        return lines.joined(separator: "\n") + "\n"
    }

    /// Written whole (an interrupt leaves the old file or the new one) and 0600; values `secrets` knows
    /// (a secret held in a variable and given to `auth`) are masked.
    public func save(to path: String, sandbox: Bool, secrets: SecretGuard) throws {
        try AtomicFile.write(secrets.masked(runbook(sandbox: sandbox)), to: path, mode: 0o600)
    }

    /// Built-ins called for what they do, not for their (null) value.
    private static let sideEffects: Set<String> = ["sleep", "write_file", "write_csv"]

    /// A lone expression that only computes a value: not a request, not a call of a user function.
    private func showsValue(_ source: String) -> Bool {
        guard let statements = try? Parser.parse(source, file: "<entry>"), statements.count == 1,
              case .expression(let expr, _) = statements[0] else { return false }
        switch expr {
        case .request: return false
        case .call(.name(let callee, _), _, _): return builtins.contains(callee) && !Self.sideEffects.contains(callee)
        case .call: return false
        default: return true
        }
    }
}
