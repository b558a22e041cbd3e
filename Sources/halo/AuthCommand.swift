import ArgumentParser
import Foundation
import HaloClient
import HaloConfig

/// `halo auth test` and `halo auth clear`: check credentials, forget cached tokens.
struct AuthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "auth", abstract: "Check credentials or clear cached tokens.",
                                                    subcommands: [AuthTestCommand.self, AuthClearCommand.self])
}

/// Signs in the way a bare `auth` would, always asking Halo for a new token (a cached one would
/// prove nothing about the credentials), and says what is wrong when it fails.
struct AuthTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Check that the selected credentials get a token (exit 0) or say why not (exit 1).")

    @OptionGroup var connection: ConnectionOptions

    mutating func run() throws {
        let session: ConnectionSession
        do {
            session = try connection.settings.openSession(runbook: "halo auth")
        } catch {
            Terminal.writeError("halo: auth test: \(error)")
            throw ExitCode(1)
        }
        defer { session.close() }
        var target: ConnectionTarget?
        do {
            let resolved = try session.performer.resolver.target(profile: nil)
            target = resolved
            var options = connection.settings.clientOptions
            options.tokenCache = resolved.tokenCache
            try connection.settings.limits().apply(to: &options, profile: resolved.profile)
            let client = try HaloClient.connect(credentials: resolved.credentials, options: options)
            try client.authenticate(reuseCachedToken: false)
            let who = session.sandbox != nil ? "the sandbox" : resolved.label
            Terminal.writeOutput("ok: \(who) (\(client.displayURL), client id \(resolved.credentials.clientID), scope \(resolved.credentials.scope)) got a token")
        } catch {
            var message = "halo: auth test failed for \(target?.label ?? "the selected credentials"): \(error)"
            if let profile = target?.profile {
                message += "\n  profile '\(profile.name)' is defined in \(session.performer.resolver.configPath) line \(profile.line); its secret comes from \(profile.secret)"
            }
            Terminal.writeError(message)
            throw ExitCode(1)
        }
    }
}

/// Removes every token file from the cache directory.
struct AuthClearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clear", abstract: "Remove the cached tokens (under $XDG_CACHE_HOME/halo).")

    mutating func run() throws {
        let cache = FileTokenCache(directory: FileTokenCache.defaultDirectory(environment: ProcessEnvironment.variables))
        do {
            let removed = try cache.clear()
            Terminal.writeOutput("removed \(removed) cached token\(removed == 1 ? "" : "s") from \(cache.directory)")
        } catch {
            Terminal.writeError("halo: \(error)")
            throw ExitCode(1)
        }
    }
}
