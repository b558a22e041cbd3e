/// Finds secrets typed as literals, so they never reach the history file or a saved runbook:
/// a string literal given to a key or variable whose name says secret, token, password or API
/// key (`client_secret: "s3cr3t"`, `token = '...'`), and a `Bearer ...` token inside a string.
public enum SecretMasker {
    /// In the history file: the value becomes `***`.
    public static func masked(_ text: String) -> String {
        rewrite(text) { quote, _ in quote + "***" + quote } bearer: { "Bearer ***" }
    }

    /// In a saved runbook: `client_secret: "..."` becomes `client_secret_env: "HALO_CLIENT_SECRET"` (auth reads
    /// the variable itself; `env()` refuses it), any other secret literal an `env(...)` reference.
    public static func referenced(_ text: String) -> String {
        rewrite(text) { _, name in "env(\"\(environmentName(for: name))\")" } renaming: { name in
            name == "client_secret" ? "client_secret_env: \"HALO_CLIENT_SECRET\"" : nil
        } bearer: { "Bearer <<env(\"HALO_TOKEN\")>>" }
    }

    /// True for an object key whose value must not be shown (`client_secret`, `access_token`, ...).
    public static func isSecretName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["secret", "token", "password", "passwd", "apikey", "api_key"].contains { lower.contains($0) }
    }

    /// Where a saved runbook reads the secret from.
    static func environmentName(for name: String) -> String {
        let lower = name.lowercased()
        if lower.contains("secret") { return "HALO_SECRET" }
        if lower.contains("pass") { return "HALO_PASSWORD" }
        if lower.contains("key") { return "HALO_API_KEY" }
        return "HALO_TOKEN"
    }

    // `name: "literal"`, `"name": 'literal'`, `name = "literal"` (not `==`).
    nonisolated(unsafe) private static let assignment =
        /(?<name>["']?[A-Za-z_][A-Za-z0-9_]*["']?)(?<sep>\s*(?::|=(?!=))\s*)(?<literal>"(?:[^"\\]|\\.)*"|'[^']*')/
    nonisolated(unsafe) private static let bearerToken = /(?i)bearer\s+[A-Za-z0-9._~+\/=-]{8,}/

    private static func rewrite(_ text: String, literal: (_ quote: String, _ name: String) -> String,
                                renaming: (_ name: String) -> String? = { _ in nil },
                                bearer: () -> String) -> String {
        let assigned = text.replacing(assignment) { match -> String in
            let name = match.output.name.trimmingCharacters(in: "\"'")
            let whole = String(match.output.0)
            guard isSecretName(name) else { return whole }
            if match.output.sep.contains(":"), let entry = renaming(name) { return entry }
            let quote = String(match.output.literal.prefix(1))
            return String(match.output.name) + String(match.output.sep) + literal(quote, name)
        }
        return assigned.replacing(bearerToken) { _ in bearer() }
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
