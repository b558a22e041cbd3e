import HaloCore

/// The name the prompt shows once connected: the tenant, or the first label of the URL's host
/// (`https://acme.halopsa.com` → `acme`); for a bare `auth`, what the command says it connects to.
public enum ConnectionLabel {
    /// What a bare `auth` connects to: the sandbox, else HALO_TENANT or HALO_URL's host, else `halo`.
    public static func defaultName(sandbox: Bool, environment: [String: String]) -> String {
        if sandbox { return "sandbox" }
        if let tenant = environment["HALO_TENANT"], !tenant.isEmpty { return tenant }
        return environment["HALO_URL"].flatMap(host(of:)) ?? "halo"
    }


    static func name(forAuth options: Value?, default defaultName: String) -> String {
        guard case .object(let o)? = options else { return defaultName }
        if case .string(let tenant)? = o["tenant"], !tenant.isEmpty { return tenant }
        if case .string(let url)? = o["url"], let host = host(of: url) { return host }
        return defaultName
    }

    /// `https://acme.halopsa.com/x` → `acme`.
    static func host(of url: String) -> String? {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        // `user:password@` is not part of the host (and the password must not become the label).
        if let at = rest.prefix(while: { $0 != "/" }).lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        let host = rest.prefix { $0 != "/" && $0 != ":" }
        let label = host.split(separator: ".").first.map(String.init)
        return label?.isEmpty == false ? label : nil
    }
}
