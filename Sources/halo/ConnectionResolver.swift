import HaloClient
import HaloConfig

/// Who `auth` signs in as. The choice for a bare `auth` is made once, at start (see
/// `ConnectionChoice` for the precedence), so an unknown `--profile` fails before anything runs;
/// secrets are read only when `auth` actually needs them.
struct ConnectionResolver {
    let environment: [String: String]
    /// Set under `--sandbox`: then every `auth` without an object goes there, `auth profile` included,
    /// so trying a shared runbook in the sandbox never reaches the tenant it names.
    let sandbox: SandboxCredentials?
    let choice: ConnectionChoice
    let configPath: String

    init(environment: [String: String], sandbox: SandboxCredentials?, profileFlag: String?) throws {
        self.environment = environment
        self.sandbox = sandbox
        let configPath = HaloConfig.path(environment: environment)
        self.configPath = configPath
        choice = try ConnectionChoice.choose(profileFlag: profileFlag, sandbox: sandbox != nil, environment: environment,
                                             defaultProfile: { try HaloConfig.load(path: configPath).defaultProfile })
        if case .profile(let name, _) = choice { _ = try loadConfig().requireProfile(name) }
    }

    func loadConfig() throws -> HaloConfig { try HaloConfig.load(path: configPath) }

    /// What `auth` connects to: the named profile, or (nil) whatever the run selected.
    func target(profile name: String?) throws -> ConnectionTarget {
        if let sandbox {
            return ConnectionTarget(credentials: HaloCredentials(url: sandbox.url, tenant: sandbox.tenant,
                                                                 clientID: sandbox.clientID, clientSecret: sandbox.clientSecret),
                                    profile: nil, tokenCache: nil)
        }
        if let name { return try profileTarget(try loadConfig().requireProfile(name)) }
        switch choice {
        case .profile(let name, _):
            return try profileTarget(try loadConfig().requireProfile(name))
        case .sandbox, .environment:
            do {
                return ConnectionTarget(credentials: try HaloCredentials.fromEnvironment(environment), profile: nil, tokenCache: nil)
            } catch let error as HaloClientError {
                throw ConfigError("\(error) (or choose a profile with --profile NAME or HALO_PROFILE; `halo profiles` lists them)")
            }
        }
    }

    /// Tokens are cached on disk for profiles only: they are the persistent, named setups that
    /// consecutive runs share. HALO_NO_TOKEN_CACHE=1 turns the cache off.
    private func profileTarget(_ profile: Profile) throws -> ConnectionTarget {
        let secret = try profile.secret.resolve(profile: profile.name, environment: environment)
        let credentials = HaloCredentials(url: profile.url, tenant: profile.tenant, clientID: profile.clientID,
                                          clientSecret: secret, scope: profile.scope,
                                          authURL: environment["HALO_AUTH_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? profile.authURL)
        let cache = environment["HALO_NO_TOKEN_CACHE"] == "1" ? nil : FileTokenCache(directory: FileTokenCache.defaultDirectory(environment: environment))
        return ConnectionTarget(credentials: credentials, profile: profile, tokenCache: cache)
    }
}

/// Credentials for one `auth`, and the profile they came from (which decides production prompts).
struct ConnectionTarget {
    var credentials: HaloCredentials
    var profile: Profile?
    var tokenCache: (any TokenCache)?

    /// "profile 'acme'" or the URL, for messages.
    var label: String { profile.map { "profile '\($0.name)'" } ?? URLDisplay.masked(credentials.url) }
}
