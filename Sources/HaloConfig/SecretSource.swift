import Foundation

/// Where a profile's client secret comes from. Only `inline` holds a secret, and neither
/// `description` nor the mirror shows it, so listing or dumping a profile is always safe.
public enum SecretSource: Equatable, Sendable, CustomStringConvertible, CustomReflectable {
    /// `secret_env = "NAME"`: the value of an environment variable.
    case environment(String)
    /// `secret_command = "pass show halo/acme"`: the trimmed stdout of `/bin/sh -c COMMAND`.
    case command(String)
    /// `client_secret = "..."`: written in the config file itself (which must then be 0600).
    case inline(String)

    /// For `halo profiles`: where the secret comes from, never what it is.
    public var description: String {
        switch self {
        case .environment(let name): "env $\(name)"
        // Escaped, so a command with a newline or tab keeps `halo profiles` one row per profile.
        case .command(let command): "command: " + command.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
        case .inline: "client_secret in the config file"
        }
    }

    public var customMirror: Mirror { Mirror(self, children: ["source": description]) }

    /// Reads the secret now (commands may prompt, e.g. for a GPG passphrase, so this is done only
    /// when a profile is used). `profile` names the profile in error messages.
    public func resolve(profile: String, environment: [String: String],
                        run: (String) throws -> String = SecretCommand.run) throws -> String {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw ConfigError("profile '\(profile)': environment variable \(name) (its secret_env) is not set")
            }
            return value
        case .command(let command):
            do {
                return try run(command)
            } catch let error as SecretCommand.Failure {
                throw ConfigError("profile '\(profile)': secret_command \(error.reason)")
            }
        case .inline(let secret):
            return secret
        }
    }
}
