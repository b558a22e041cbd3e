import Foundation
import HaloSandbox
import Testing

/// Profiles end to end: the built `halo` with a config.toml and a token cache in a temporary
/// directory, against in-process sandboxes.
@Suite struct ProfileTests {
    /// A config file and a cache directory of their own, removed at the end of the test.
    struct Workspace {
        let root: URL
        var configPath: String { root.appendingPathComponent("config.toml").path }
        var cacheDirectory: String { root.appendingPathComponent("cache/halo").path }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("halo-profiles-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        func writeConfig(_ text: String, mode: mode_t = 0o600) throws {
            try text.write(toFile: configPath, atomically: false, encoding: .utf8)
            chmod(configPath, mode)
        }

        /// A `[profiles.NAME]` table for a sandbox, its secret read from `$SECRET_<NAME>`.
        static func profile(_ name: String, _ sandbox: SandboxFixture, tenant: Bool = true, production: Bool = false,
                            secretLine: String? = nil) -> String {
            """
            [profiles.\(name)]
            url = "\(sandbox.server.url)"
            \(tenant ? "tenant = \"\(sandbox.options.tenant)\"" : "# tenant looked up")
            client_id = "\(sandbox.options.clientID)"
            production = \(production)
            \(secretLine ?? "secret_env = \"SECRET_\(name.uppercased())\"")

            """
        }

        /// HALO_CONFIG and XDG_CACHE_HOME point here (`SandboxFixture.halo` replaces the latter
        /// with its own); no HALO_* credentials.
        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            var env = ["HALO_CONFIG": configPath, "XDG_CACHE_HOME": root.appendingPathComponent("cache").path]
            env.merge(extra) { $1 }
            return env
        }

        func writeRunbook(_ name: String, _ text: String) throws -> String {
            let path = root.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            return path
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// `SandboxFixture.halo` gives every run the fixture's own XDG_CACHE_HOME.
    static func cacheDirectory(_ sandbox: SandboxFixture) -> String {
        sandbox.cacheDirectory.appendingPathComponent("halo").path
    }

    static let runbook = """
    auth
    get /api/client/3
    print response^name
    """

    @Test func theSameRunbookRunsUnchangedWithTwoProfiles() async throws {
        let work = try Workspace()
        defer { work.remove() }
        try await withSandbox { first in
            try await withSandbox { second in
                try work.writeConfig(Workspace.profile("first", first)
                                     + Workspace.profile("second", second, tenant: false,
                                                         secretLine: "secret_command = \"printf '%s\\\\n' \\\"$SECOND_SOURCE\\\"\""))
                let file = try work.writeRunbook("client.halo", Self.runbook)
                let env = work.environment(["SECRET_FIRST": first.options.clientSecret,
                                            "SECOND_SOURCE": second.options.clientSecret])

                let viaFlag = try await first.halo(["--profile", "first", file], environment: env)
                #expect(viaFlag.status == 0, "\(viaFlag.stderr)")
                #expect(viaFlag.stdout == "Castleford Logistics\n")

                var envSecond = env
                envSecond["HALO_PROFILE"] = "second"
                let viaVariable = try await second.halo([file], environment: envSecond)
                #expect(viaVariable.status == 0, "\(viaVariable.stderr)")
                #expect(viaVariable.stdout == "Castleford Logistics\n")

                #expect(first.stats()["GET /api/client/3"] == 1 && first.stats().tokensIssued == 1)
                #expect(second.stats()["GET /api/client/3"] == 1 && second.stats().tokensIssued == 1)
                #expect(second.stats()["GET /api/instanceinfo"] == 1, "profile 'second' has no tenant: looked up")
            }
        }
    }

    @Test func defaultProfileAndAuthProfileInAScript() async throws {
        let work = try Workspace()
        defer { work.remove() }
        try await withSandbox { sandbox in
            try work.writeConfig("default_profile = \"main\"\n" + Workspace.profile("main", sandbox)
                                 + Workspace.profile("other", sandbox))
            let env = work.environment(["SECRET_MAIN": sandbox.options.clientSecret,
                                        "SECRET_OTHER": sandbox.options.clientSecret, "HALO_NO_TOKEN_CACHE": "1"])
            let bare = try await sandbox.halo(["-e", Self.runbook], environment: env)
            #expect(bare.status == 0, "\(bare.stderr)")
            #expect(bare.stdout == "Castleford Logistics\n")
            let named = try await sandbox.halo(["-e", "auth profile \"other\"\nget /api/client/3\nprint response^name"], environment: env)
            #expect(named.status == 0, "\(named.stderr)")
            #expect(named.stdout == "Castleford Logistics\n")
            #expect(sandbox.stats().tokensIssued == 2, "HALO_NO_TOKEN_CACHE=1: each run signs in")
            #expect(!FileManager.default.fileExists(atPath: Self.cacheDirectory(sandbox)))
        }
    }

    @Test func unknownProfilesAreNamedWithTheKnownOnes() async throws {
        let work = try Workspace()
        defer { work.remove() }
        try await withSandbox { sandbox in
            try work.writeConfig(Workspace.profile("acme", sandbox) + Workspace.profile("contoso", sandbox))
            let flag = try await sandbox.halo(["--profile", "fabrikam", "-e", "print 1"], environment: work.environment())
            #expect(flag.status == 1)
            #expect(flag.stdout == "", "an unknown --profile fails before anything runs")
            #expect(flag.stderr.contains("unknown profile 'fabrikam' (known: acme, contoso in \(work.configPath))"))
            let script = try await sandbox.halo(["-e", "auth profile \"fabrikam\""], environment: work.environment(["HALO_NO_TOKEN_CACHE": "1"]))
            #expect(script.status == 1)
            #expect(script.stderr.contains("unknown profile 'fabrikam' (known: acme, contoso"))
            let both = try await sandbox.halo(["--sandbox", "--profile", "acme", "-e", "auth"], environment: work.environment())
            #expect(both.status == 1)
            #expect(both.stderr.contains("--sandbox and --profile"))
            #expect(sandbox.stats().total == 0)
        }
    }

    @Test func consecutiveRunsReuseTheCachedTokenUntilCleared() async throws {
        let work = try Workspace()
        defer { work.remove() }
        try await withSandbox { sandbox in
            try work.writeConfig(Workspace.profile("acme", sandbox))
            let env = work.environment(["SECRET_ACME": sandbox.options.clientSecret])
            for _ in 0..<2 {
                let result = try await sandbox.halo(["--profile", "acme", "-e", Self.runbook], environment: env)
                #expect(result.status == 0, "\(result.stderr)")
            }
            #expect(sandbox.stats()["POST /auth/token"] == 1, "the second run reused the cached token")
            #expect(sandbox.stats()["GET /api/client/3"] == 2)

            let files = try FileManager.default.contentsOfDirectory(atPath: Self.cacheDirectory(sandbox))
            #expect(files.count == 1)
            var info = stat()
            stat(Self.cacheDirectory(sandbox), &info)
            #expect(info.st_mode & 0o777 == 0o700)
            stat(Self.cacheDirectory(sandbox) + "/" + files[0], &info)
            #expect(info.st_mode & 0o777 == 0o600)
            let cached = try String(contentsOfFile: Self.cacheDirectory(sandbox) + "/" + files[0], encoding: .utf8)
            #expect(!cached.contains(sandbox.options.clientSecret), "the secret is never written to disk")
            #expect(!files[0].contains(sandbox.options.clientID))

            let clear = try await sandbox.halo(["auth", "clear"], environment: env)
            #expect(clear.status == 0, "\(clear.stderr)")
            #expect(clear.stdout == "removed 1 cached token from \(Self.cacheDirectory(sandbox))\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: Self.cacheDirectory(sandbox)).isEmpty)

            let after = try await sandbox.halo(["--profile", "acme", "-e", Self.runbook], environment: env)
            #expect(after.status == 0, "\(after.stderr)")
            #expect(sandbox.stats()["POST /auth/token"] == 2, "after clear, a new token")
        }
    }

    @Test func aRefusedCachedTokenIsReplaced() async throws {
        let work = try Workspace()
        defer { work.remove() }
        try await withSandbox { sandbox in
            try work.writeConfig(Workspace.profile("acme", sandbox))
            let env = work.environment(["SECRET_ACME": sandbox.options.clientSecret])
            let warm = try await sandbox.halo(["--profile", "acme", "-e", Self.runbook], environment: env)
            #expect(warm.status == 0, "\(warm.stderr)")
            // Halo revoked the token (say, the API application was reset): the server answers 401.
            let path = Self.cacheDirectory(sandbox) + "/" + (try FileManager.default.contentsOfDirectory(atPath: Self.cacheDirectory(sandbox)))[0]
            let entry = try String(contentsOfFile: path, encoding: .utf8)
            let token = try #require(SandboxFixture.tokenLikeStrings(in: entry).first)
            try entry.replacingOccurrences(of: token, with: "revoked").write(toFile: path, atomically: false, encoding: .utf8)

            let again = try await sandbox.halo(["--profile", "acme", "-e", Self.runbook], environment: env)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout == "Castleford Logistics\n")
            #expect(sandbox.stats()["POST /auth/token"] == 2, "the refused token was replaced")
            let replaced = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!replaced.contains("revoked") && !SandboxFixture.tokenLikeStrings(in: replaced).isEmpty)
        }
    }

    // MARK: - production

    @Test func productionRefusesWritesInBatchModeUnlessYes() async throws {
        let work = try Workspace()
        defer { work.remove() }
        try await withSandbox { sandbox in
            try work.writeConfig(Workspace.profile("live", sandbox, production: true))
            let env = work.environment(["SECRET_LIVE": sandbox.options.clientSecret])
            let post = "auth\nget /api/client/3\nt = post /api/tickets {summary: \"From a runbook\", client_id: 3}\nprint \"created <<t^id>>\""

            let refused = try await sandbox.halo(["--profile", "live", "-e", post], environment: env)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("refusing POST /api/tickets to production profile 'live' (1 record)"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--yes"))
            #expect(sandbox.stats()["POST /api/tickets"] == 0, "nothing reached the server")
            #expect(sandbox.stats()["GET /api/client/3"] == 1, "reads are never guarded")

            let delete = try await sandbox.halo(["--profile", "live", "-e", "delete /api/tickets/1"], environment: env)
            #expect(delete.status == 1)
            #expect(delete.stderr.contains("refusing DELETE /api/tickets/1 to production profile 'live'"))

            let dryRun = try await sandbox.halo(["--profile", "live", "--dry-run", "-e", post], environment: env)
            #expect(dryRun.status == 0, "\(dryRun.stderr)")
            #expect(dryRun.stdout.contains(#"tickets/new: summary "From a runbook", client_id 3"#), "\(dryRun.stdout)")
            #expect(dryRun.stdout.contains("plan: 0 updates (0 fields), 1 create, 0 deletes on live"))

            let allowed = try await sandbox.halo(["--profile", "live", "--yes", "-e", post], environment: env)
            #expect(allowed.status == 0, "\(allowed.stderr)")
            #expect(allowed.stdout.hasPrefix("created "))
            #expect(sandbox.stats()["POST /api/tickets"] == 1)
            #expect(sandbox.stats()["DELETE /api/tickets/1"] == 0)
        }
    }

    @Test func productionConfirmationShowsThePlanBeforeItAsks() async throws {
        let work = try Workspace()
        defer { work.remove() }
        try await withSandbox { sandbox in
            try work.writeConfig(Workspace.profile("live", sandbox, production: true))
            var env = work.environment(["SECRET_LIVE": sandbox.options.clientSecret, "NO_COLOR": "1", "TERM": "xterm"])
            env["XDG_CACHE_HOME"] = sandbox.cacheDirectory.path
            env["XDG_STATE_HOME"] = sandbox.stateDirectory.path
            let tmux = Tmux(scratch: work.root)
            let assignments = env.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let code = "post /api/tickets {id: 8, status_id: 9}"
            tmux.run(["new-session", "-d", "-x", "150", "-y", "20", "-c", HaloProcess.packageRoot.path,
                      "env -u HALO_PROFILE \(assignments) \(HaloProcess.binary) --profile live -e '\(code)'; echo exit=$?; sleep 30"])
            defer { tmux.run(["kill-server"]) }
            let question = "POST /api/tickets to production profile 'live' (1 record)? [y/N]"
            let asked = await Self.screen(tmux, until: { $0.contains(question) })
            #expect(asked.contains("  tickets/8: status_id 2 → 9\n" + question), "\(asked)")
            tmux.run(["send-keys", "n", "Enter"])
            let answered = await Self.screen(tmux, until: { $0.contains("exit=") })
            #expect(answered.contains("not sent (not confirmed)"), "\(answered)")
            #expect(answered.contains("exit=1"))
            #expect(sandbox.stats().writes == 0)
        }
    }

    /// The pane's text once `done` holds, or after 20 seconds.
    static func screen(_ tmux: Tmux, until done: (String) -> Bool) async -> String {
        var screen = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            screen = tmux.run(["capture-pane", "-p"])
            if done(screen) { break }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return screen
    }

    // MARK: - halo profiles

    @Test func profilesListsEverythingButSecrets() async throws {
        let work = try Workspace()
        defer { work.remove() }
        try await withSandbox { sandbox in
            let inline = "inline-secret-9f8e7d"
            try work.writeConfig("default_profile = \"cmd\"\n"
                                 + Workspace.profile("env", sandbox, production: true)
                                 + Workspace.profile("cmd", sandbox, tenant: false, secretLine: "secret_command = \"pass show halo/cmd\"")
                                 + Workspace.profile("file", sandbox, secretLine: "client_secret = \"\(inline)\""))
            let listed = try await sandbox.halo(["profiles"], environment: work.environment())
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(!listed.stdout.contains(inline))
            let lines = listed.lines
            #expect(lines.first == "config: \(work.configPath)")
            #expect(lines[1].hasPrefix("   NAME  URL"))
            let row = { (name: String) in lines.first { $0.dropFirst(3).hasPrefix(name + " ") } ?? "" }
            #expect(row("env").contains("sandbox") && row("env").contains("yes") && row("env").contains("env $SECRET_ENV"))
            #expect(row("cmd").hasPrefix("*") && row("cmd").contains("(lookup)") && row("cmd").contains("command: pass show halo/cmd"))
            #expect(row("file").contains("client_secret in the config file"))
            #expect(lines.last == "selected: cmd (by default_profile)")

            let flagged = try await sandbox.halo(["profiles", "--profile", "file"], environment: work.environment(["HALO_PROFILE": "env"]))
            #expect(flagged.lines.last == "selected: file (by --profile)")

            chmod(work.configPath, 0o644)
            let open = try await sandbox.halo(["profiles"], environment: work.environment())
            #expect(open.status == 1)
            #expect(open.stderr.contains("chmod 600 \(work.configPath)"), "\(open.stderr)")
            #expect(!open.stderr.contains(inline))
            #expect(sandbox.stats().total == 0)
        }
    }

    @Test func profilesWithoutAConfigFileSaysWhereItWouldBe() async throws {
        let work = try Workspace()
        defer { work.remove() }
        let result = try await runHaloOffThePool(["profiles"], environment: work.environment())
        #expect(result.status == 0)
        #expect(result.stdout.contains("no config file at \(work.configPath)"))
    }

    // MARK: - halo auth test

    @Test func authTestSaysWhetherCredentialsWork() async throws {
        let work = try Workspace()
        defer { work.remove() }
        try await withSandbox { sandbox in
            try work.writeConfig(Workspace.profile("good", sandbox) + Workspace.profile("bad", sandbox)
                                 + Workspace.profile("broken", sandbox, secretLine: "secret_command = \"echo oops-leak; exit 4\""))
            let wrong = "wrong-secret-5a5a5a"
            let env = work.environment(["SECRET_GOOD": sandbox.options.clientSecret, "SECRET_BAD": wrong])

            let good = try await sandbox.halo(["auth", "test", "--profile", "good"], environment: env)
            #expect(good.status == 0, "\(good.stderr)")
            #expect(good.stdout == "ok: profile 'good' (\(sandbox.server.url), client id \(sandbox.options.clientID), scope all) got a token\n")

            // A cached token proves nothing: auth test asks Halo every time.
            _ = try await sandbox.halo(["auth", "test", "--profile", "good"], environment: env)
            #expect(sandbox.stats()["POST /auth/token"] == 2)

            let bad = try await sandbox.halo(["auth", "test", "--profile", "bad"], environment: env)
            #expect(bad.status == 1)
            #expect(bad.stdout == "")
            #expect(bad.stderr.contains("auth test failed for profile 'bad': POST /auth/token: 401"))
            #expect(bad.stderr.contains("check the client id and secret"))
            #expect(bad.stderr.contains("its secret comes from env $SECRET_BAD"))
            #expect(!bad.stderr.contains(wrong))

            let broken = try await sandbox.halo(["auth", "test", "--profile", "broken"], environment: env)
            #expect(broken.status == 1)
            #expect(broken.stderr.contains("profile 'broken': secret_command exited with status 4"))
            #expect(!broken.stderr.contains("oops-leak"))

            let missing = try await sandbox.halo(["auth", "test"], environment: work.environment())
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("HALO_URL") && missing.stderr.contains("--profile"))
        }
    }

    @Test func authTestWithTheSandbox() async throws {
        let work = try Workspace()
        defer { work.remove() }
        let result = try await runHaloOffThePool(["auth", "test", "--sandbox"], environment: work.environment(), timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok: the sandbox (http://127.0.0.1:"))
        #expect(!FileManager.default.fileExists(atPath: work.cacheDirectory), "sandbox tokens are not cached")
    }
}
