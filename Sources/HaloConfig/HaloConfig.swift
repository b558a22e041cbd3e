import Foundation

/// The parsed `config.toml`: named profiles and an optional `default_profile`.
/// See docs/PROFILES.md for the format.
public struct HaloConfig: Equatable, Sendable {
    /// Where it was read from (or would be): messages name it.
    public var path: String
    /// In file order.
    public var profiles: [Profile]
    public var defaultProfile: String?
    /// false when there is no file at `path`: no profiles, and nothing wrong.
    public var exists: Bool

    public init(path: String, profiles: [Profile] = [], defaultProfile: String? = nil, exists: Bool = true) {
        self.path = path
        self.profiles = profiles
        self.defaultProfile = defaultProfile
        self.exists = exists
    }

    /// `$HALO_CONFIG`, else `$XDG_CONFIG_HOME/halo/config.toml`, else `~/.config/halo/config.toml`.
    public static func path(environment: [String: String]) -> String {
        if let path = environment["HALO_CONFIG"], !path.isEmpty { return path }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/halo/config.toml" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/halo/config.toml"
    }

    /// Reads the file at `path`; a missing file is an empty config. A file holding a `client_secret`
    /// must not be readable by group or others.
    public static func load(path: String) throws -> HaloConfig {
        guard FileManager.default.fileExists(atPath: path) else { return HaloConfig(path: path, exists: false) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("cannot read \(path)")
        }
        let config = try parse(String(decoding: data, as: UTF8.self), path: path)
        if config.profiles.contains(where: { if case .inline = $0.secret { true } else { false } }) {
            let mode = try FilePermissions.mode(of: path)
            if mode & 0o077 != 0 {
                throw ConfigError("\(path) holds a client_secret but other users can read it (mode \(String(mode & 0o777, radix: 8))); run: chmod 600 \(path)")
            }
        }
        return config
    }

    /// Builds the config from its text; errors read `PATH:LINE: message`.
    public static func parse(_ text: String, path: String) throws -> HaloConfig {
        let tables: [TOMLSubset.Table]
        do {
            tables = try TOMLSubset.parse(text)
        } catch {
            throw ConfigError(path: path, line: error.line, error.message)
        }
        var config = HaloConfig(path: path)
        var defaultLine = 0
        for table in tables {
            switch table.path.first {
            case nil:
                for entry in table.entries {
                    guard entry.key == "default_profile" else {
                        throw ConfigError(path: path, line: entry.line, "unknown key '\(entry.key)' (at the top level only default_profile is allowed; profiles go in [profiles.NAME])")
                    }
                    config.defaultProfile = try string(entry, path: path)
                    defaultLine = entry.line
                }
            case "profiles" where table.path.count == 1:
                if let entry = table.entries.first {
                    throw ConfigError(path: path, line: entry.line, "'\(entry.key)' belongs in a [profiles.NAME] table")
                }
            case "profiles" where table.path.count == 2:
                config.profiles.append(try profile(table, path: path))
            default:
                throw ConfigError(path: path, line: table.line, "unknown table [\(table.path.joined(separator: "."))]; profiles go in [profiles.NAME]")
            }
        }
        if let name = config.defaultProfile, config.profile(named: name) == nil {
            throw ConfigError(path: path, line: defaultLine, "default_profile '\(name)' is not defined (\(config.knownNames))")
        }
        return config
    }

    public func profile(named name: String) -> Profile? {
        profiles.first { $0.name == name }
    }

    /// The named profile, or an error that lists the profiles there are.
    public func requireProfile(_ name: String) throws -> Profile {
        if let profile = profile(named: name) { return profile }
        if !exists {
            throw ConfigError("unknown profile '\(name)': there is no config file at \(path) (see docs/PROFILES.md)")
        }
        throw ConfigError("unknown profile '\(name)' (\(knownNames) in \(path))")
    }

    /// "known: acme, contoso" or "no profiles are defined".
    var knownNames: String {
        profiles.isEmpty ? "no profiles are defined" : "known: " + profiles.map(\.name).joined(separator: ", ")
    }

    private static func profile(_ table: TOMLSubset.Table, path: String) throws -> Profile {
        let name = table.path[1]
        // Checked in file order, so the first mistake reported is the first one in the file.
        var strings: [String: String] = [:]
        var production = false
        var timeout: Int?
        var concurrency: Int?
        var secrets: [TOMLSubset.Entry] = []
        for entry in table.entries {
            guard Profile.keys.contains(entry.key) else {
                throw ConfigError(path: path, line: entry.line, "unknown key '\(entry.key)' in profile '\(name)' (known: \(Profile.keys.joined(separator: ", ")))")
            }
            if entry.key == "production" {
                guard case .bool(let flag) = entry.value else {
                    throw ConfigError(path: path, line: entry.line, "'production' must be true or false, not \(entry.value.kind)")
                }
                production = flag
                continue
            }
            if entry.key == "timeout" {
                guard case .integer(let seconds) = entry.value, seconds > 0 else {
                    throw ConfigError(path: path, line: entry.line, "'timeout' must be a whole number of seconds above 0, such as timeout = 60")
                }
                timeout = seconds
                continue
            }
            if entry.key == "concurrency" {
                guard case .integer(let count) = entry.value, count > 0 else {
                    throw ConfigError(path: path, line: entry.line, "'concurrency' must be a whole number above 0, such as concurrency = 4")
                }
                concurrency = count
                continue
            }
            // An empty tenant means "send none" (on-premises), as with HALO_TENANT="".
            strings[entry.key] = try string(entry, path: path, allowEmpty: entry.key == "tenant")
            if Profile.secretKeys.contains(entry.key) { secrets.append(entry) }
        }
        func required(_ key: String) throws -> String {
            guard let value = strings[key] else {
                throw ConfigError(path: path, line: table.line, "profile '\(name)' has no \(key)")
            }
            return value
        }
        guard secrets.count == 1, let secretValue = strings[secrets[0].key] else {
            let line = secrets.count > 1 ? secrets[1].line : table.line
            throw ConfigError(path: path, line: line, "profile '\(name)' needs exactly one of secret_env, secret_command or client_secret")
        }
        let secret: SecretSource = switch secrets[0].key {
        case "secret_env": .environment(secretValue)
        case "secret_command": .command(secretValue)
        default: .inline(secretValue)
        }
        return Profile(name: name, url: try required("url"), tenant: strings["tenant"], clientID: try required("client_id"),
                       scope: strings["scope"] ?? "all", production: production, secret: secret, timeout: timeout,
                       authURL: strings["auth_url"], concurrency: concurrency, rateLimit: strings["rate_limit"],
                       line: table.line)
    }

    /// A non-empty string value, or an error on its line.
    private static func string(_ entry: TOMLSubset.Entry, path: String, allowEmpty: Bool = false) throws -> String {
        guard case .string(let text) = entry.value else {
            throw ConfigError(path: path, line: entry.line, "'\(entry.key)' must be a string, not \(entry.value.kind)")
        }
        guard allowEmpty || !text.isEmpty else { throw ConfigError(path: path, line: entry.line, "'\(entry.key)' is empty") }
        return text
    }
}
