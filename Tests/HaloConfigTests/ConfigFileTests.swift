import Foundation
import Testing
@testable import HaloConfig

/// config.toml: profiles, defaults, validation messages (`PATH:LINE: message`), file modes.
@Suite struct ConfigFileTests {
    static let sample = """
    default_profile = "contoso"

    [profiles.acme]
    url = "https://acme.halopsa.com"
    tenant = "acme"
    client_id = "acme-id"
    scope = "read:tickets edit:tickets"
    production = true
    secret_env = "ACME_HALO_SECRET"

    [profiles.contoso]
    url = "https://contoso.haloitsm.com"
    client_id = "contoso-id"
    secret_command = "pass show halo/contoso"
    """

    @Test func readsProfilesWithDefaults() throws {
        let config = try HaloConfig.parse(Self.sample, path: "config.toml")
        #expect(config.defaultProfile == "contoso")
        #expect(config.profiles.map(\.name) == ["acme", "contoso"])
        let acme = try config.requireProfile("acme")
        #expect(acme == Profile(name: "acme", url: "https://acme.halopsa.com", tenant: "acme", clientID: "acme-id",
                                scope: "read:tickets edit:tickets", production: true,
                                secret: .environment("ACME_HALO_SECRET"), line: 3))
        let contoso = try config.requireProfile("contoso")
        #expect(contoso.tenant == nil)
        #expect(contoso.scope == "all")
        #expect(contoso.production == false)
        #expect(contoso.secret == .command("pass show halo/contoso"))
    }

    @Test func concurrencyAndRateLimitAreReadAndAbsentByDefault() throws {
        let text = "[profiles.p]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"\nconcurrency = 8\nrate_limit = \"300/300\""
        let profile = try HaloConfig.parse(text, path: "c.toml").profiles[0]
        #expect(profile.concurrency == 8 && profile.rateLimit == "300/300")
        #expect(try HaloConfig.parse(Self.sample, path: "c.toml").profiles.allSatisfy { $0.concurrency == nil && $0.rateLimit == nil })
    }

    @Test func timeoutIsReadInSecondsAndAbsentByDefault() throws {
        let config = try HaloConfig.parse("[profiles.p]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"\ntimeout = 60", path: "c.toml")
        #expect(config.profiles[0].timeout == 60)
        #expect(try HaloConfig.parse(Self.sample, path: "c.toml").profiles.allSatisfy { $0.timeout == nil })
    }

    @Test func emptyTenantMeansNone() throws {
        let config = try HaloConfig.parse("[profiles.p]\nurl = \"u\"\ntenant = \"\"\nclient_id = \"c\"\nsecret_env = \"S\"", path: "c.toml")
        #expect(config.profiles[0].tenant == "")
    }

    @Test(arguments: [
        ("[profiles.a]\nurl = \"u\"\nsecret_env = \"S\"", "config.toml:1: profile 'a' has no client_id"),
        ("[profiles.a]\nurl = \"u\"\nclient_id = \"c\"", "config.toml:1: profile 'a' needs exactly one of secret_env, secret_command or client_secret"),
        ("[profiles.a]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"\nsecret_command = \"x\"", "config.toml:5: profile 'a' needs exactly one"),
        ("[profiles.a]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"\nproduction = \"yes\"", "config.toml:5: 'production' must be true or false, not a string"),
        ("[profiles.a]\nurl = \"u\"\nclient_id = 12\nsecret_env = \"S\"", "config.toml:3: 'client_id' must be a string, not an integer"),
        ("[profiles.a]\nurl = \"u\"\nclientid = \"c\"", "config.toml:3: unknown key 'clientid' in profile 'a'"),
        ("[profile.a]\nurl = \"u\"", "config.toml:1: unknown table [profile.a]"),
        ("url = \"u\"", "config.toml:1: unknown key 'url'"),
        ("[profiles]\nurl = \"u\"", "config.toml:2: 'url' belongs in a [profiles.NAME] table"),
        ("default_profile = \"nope\"\n[profiles.a]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"", "config.toml:1: default_profile 'nope' is not defined (known: a)"),
        ("[profiles.a]\nurl = \"\"", "config.toml:2: 'url' is empty"),
        ("[profiles.a]\nurl = \"u", "config.toml:2: unterminated string"),
        ("[profiles.a]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"\ntimeout = 0", "config.toml:5: 'timeout' must be a whole number of seconds above 0"),
        ("[profiles.a]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"\ntimeout = \"60\"", "config.toml:5: 'timeout' must be a whole number of seconds above 0"),
        ("[profiles.a]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"\nconcurrency = 0", "config.toml:5: 'concurrency' must be a whole number above 0"),
        ("[profiles.a]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"\nrate_limit = 700", "config.toml:5: 'rate_limit' must be a string, not an integer"),
    ])
    func invalidConfigsSayWhereAndWhy(text: String, message: String) {
        #expect {
            try HaloConfig.parse(text, path: "config.toml")
        } throws: { error in
            (error as? ConfigError)?.message.hasPrefix(message) == true
        }
    }

    @Test func unknownProfileListsTheKnownOnes() throws {
        let config = try HaloConfig.parse(Self.sample, path: "/x/config.toml")
        #expect(throws: ConfigError("unknown profile 'fabrikam' (known: acme, contoso in /x/config.toml)")) {
            try config.requireProfile("fabrikam")
        }
        let missing = try HaloConfig.load(path: "/nonexistent/halo/config.toml")
        #expect(!missing.exists && missing.profiles.isEmpty)
        #expect(throws: ConfigError.self) { try missing.requireProfile("acme") }
    }

    @Test func configPathFollowsHaloConfigThenXDGThenHome() {
        #expect(HaloConfig.path(environment: ["HALO_CONFIG": "/a/b.toml", "XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/a/b.toml")
        #expect(HaloConfig.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/halo/config.toml")
        #expect(HaloConfig.path(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/halo/config.toml")
        #expect(HaloConfig.path(environment: ["HOME": "/h"]) == "/h/.config/halo/config.toml")
    }

    @Test func aSecretInTheFileNeedsMode0600() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("halo-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("config.toml").path
        let text = "[profiles.a]\nurl = \"https://a.halopsa.com\"\nclient_id = \"c\"\nclient_secret = \"s3cret-value\"\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)

        chmod(path, 0o644)
        #expect {
            try HaloConfig.load(path: path)
        } throws: { error in
            let message = (error as? ConfigError)?.message ?? ""
            return message.contains("chmod 600 \(path)") && message.contains("mode 644") && !message.contains("s3cret-value")
        }
        chmod(path, 0o600)
        let config = try HaloConfig.load(path: path)
        #expect(try config.requireProfile("a").secret.resolve(profile: "a", environment: [:]) == "s3cret-value")

        // Without a secret in it, the file's mode does not matter.
        try "[profiles.a]\nurl = \"u\"\nclient_id = \"c\"\nsecret_env = \"S\"\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        #expect(try HaloConfig.load(path: path).profiles.count == 1)
    }
}
