import Synchronization

/// Keeps credentials out of a runbook's reach: `env()` refuses the variables that hold them, and the
/// client secret and current token are masked in everything a runbook writes out. The command fills it
/// as it learns secrets (at `auth`, at each new token); the language only asks it.
public final class SecretGuard: Sendable {
    public static let mask = "***"
    /// Shorter values are not searched for: a one-letter secret would mask every word.
    static let minimumLength = 4

    private let state = Mutex<State>(State())
    /// Names of variables that hold credentials, asked for once, on the first `env()` call.
    private let protectedVariables: @Sendable () -> Set<String>

    private struct State {
        var secrets: [String] = []
        var variables: Set<String>?
    }

    public init(protectedVariables: @escaping @Sendable () -> Set<String> = { [] }) {
        self.protectedVariables = protectedVariables
    }

    /// Adds a value to mask from now on, such as the client secret or a new token.
    public func add(_ secret: String) {
        guard secret.count >= Self.minimumLength else { return }
        state.withLock { state in
            guard !state.secrets.contains(secret) else { return }
            state.secrets.append(secret)
            // Longest first, so a secret containing another is masked whole.
            state.secrets.sort { $0.count > $1.count }
        }
    }

    /// True for an environment variable that `env()` must not hand to a script.
    public func protects(variable name: String) -> Bool {
        let provider = protectedVariables
        return state.withLock { state in
            if state.variables == nil { state.variables = provider() }
            return state.variables!.contains(name)
        }
    }

    /// `text` with every known secret replaced by `***`.
    public func masked(_ text: String) -> String {
        let secrets = state.withLock { $0.secrets }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: Self.mask)
        }
        return result
    }

    /// True when `text` holds a known secret.
    public func reveals(_ text: String) -> Bool {
        state.withLock { $0.secrets }.contains { text.contains($0) }
    }

    /// How many secret values are known: grows when a run learns one, so what was written out before
    /// (the REPL's history) can be masked again.
    public var count: Int { state.withLock { $0.secrets.count } }
}
