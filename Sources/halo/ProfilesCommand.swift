import ArgumentParser
import Foundation
import HaloClient
import HaloConfig

/// `halo profiles`: the profiles in config.toml and which one a bare `auth` would use. Shows
/// where each secret comes from, never the secret.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "profiles", abstract: "List the profiles in config.toml (never their secrets) and which one is selected.")

    @Option(help: ArgumentHelp("Show this profile as selected, as `--profile` would select it.", valueName: "name"))
    var profile: String?

    mutating func run() throws {
        let environment = ProcessEnvironment.variables
        let path = HaloConfig.path(environment: environment)
        let config: HaloConfig
        do {
            config = try HaloConfig.load(path: path)
        } catch {
            Terminal.writeError("halo: \(error)")
            throw ExitCode(1)
        }
        guard config.exists else {
            Terminal.writeOutput("no config file at \(path); docs/PROFILES.md shows how to write one")
            Terminal.writeOutput("selected: \(Self.describe(choice: .environment))")
            return
        }
        let choice: ConnectionChoice
        do {
            choice = try ConnectionChoice.choose(profileFlag: profile, sandbox: false, environment: environment,
                                                 defaultProfile: { config.defaultProfile })
            if case .profile(let name, _) = choice { _ = try config.requireProfile(name) }
        } catch {
            Terminal.writeError("halo: \(error)")
            throw ExitCode(1)
        }
        Terminal.writeOutput("config: \(path)")
        var rows = [["", "NAME", "URL", "TENANT", "CLIENT ID", "SCOPE", "PRODUCTION", "SECRET FROM"]]
        for p in config.profiles {
            let selected = if case .profile(p.name, _) = choice { "*" } else { "" }
            rows.append([selected, p.name, URLDisplay.masked(p.url), p.tenant.map { $0.isEmpty ? "(none)" : $0 } ?? "(lookup)", p.clientID,
                         p.scope, p.production ? "yes" : "no", p.secret.description])
        }
        TextTable.render(rows).forEach(Terminal.writeOutput)
        Terminal.writeOutput("selected: \(Self.describe(choice: choice))")
    }

    static func describe(choice: ConnectionChoice) -> String {
        switch choice {
        case .profile(let name, let origin): "\(name) (by \(origin.rawValue))"
        case .environment: "the HALO_* environment variables (no profile selected)"
        case .sandbox: "the sandbox"
        }
    }
}

/// Left-aligned columns separated by two spaces, without trailing blanks.
enum TextTable {
    static func render(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}
