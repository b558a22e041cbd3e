/// Where a bare `auth` (or a first request without one) signs in, decided once per run.
///
/// Precedence, first match wins:
/// 1. `--sandbox`: the embedded sandbox (giving `--profile` too is an error: they disagree);
/// 2. `--profile NAME`;
/// 3. `HALO_PROFILE=NAME`;
/// 4. the `HALO_*` environment, when `HALO_URL` is set;
/// 5. `default_profile` in the config file;
/// 6. otherwise the `HALO_*` environment, whose error then names what is missing.
///
/// Explicit choices beat ambient ones, and the environment beats the config file, as usual for
/// command-line tools; `--sandbox` comes first so trying a runbook never reaches a real tenant.
public enum ConnectionChoice: Equatable, Sendable {
    case sandbox
    case profile(String, origin: Origin)
    case environment

    /// What selected a profile, for `halo profiles` and messages.
    public enum Origin: String, Equatable, Sendable {
        case flag = "--profile"
        case variable = "HALO_PROFILE"
        case configDefault = "default_profile"
    }

    /// - Parameter defaultProfile: read only when nothing else decides, so a run that does not
    ///   need the config file does not fail on a broken one.
    public static func choose(profileFlag: String?, sandbox: Bool, environment: [String: String],
                              defaultProfile: () throws -> String?) throws -> ConnectionChoice {
        let flag = profileFlag.flatMap { $0.isEmpty ? nil : $0 }
        if sandbox {
            if flag != nil { throw ConfigError("--sandbox and --profile both say where auth connects; give only one") }
            return .sandbox
        }
        if let flag { return .profile(flag, origin: .flag) }
        if let name = environment["HALO_PROFILE"], !name.isEmpty { return .profile(name, origin: .variable) }
        if let url = environment["HALO_URL"], !url.isEmpty { return .environment }
        if let name = try defaultProfile() { return .profile(name, origin: .configDefault) }
        return .environment
    }
}
