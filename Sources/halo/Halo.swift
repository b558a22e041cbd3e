import ArgumentParser
import Foundation
import HaloCore

/// `halo`: run runbooks, check them, or serve the sandbox.
@main
struct Halo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "halo",
        abstract: "A runbook language for the Halo API.",
        discussion: """
        Examples:
          halo --sandbox scripts/clients.halo      run a runbook against the embedded sandbox
          halo runbook.halo --set client="Acme"    run against HALO_URL / HALO_CLIENT_ID / ...
          halo -e 'print 1 + 2'                    run code
          halo --sandbox                           explore interactively (the REPL; also: halo repl)
          halo check scripts/*.halo                report syntax and unknown-name errors
          halo sandbox --port 8080                 serve the sandbox for other tools
          halo --profile acme runbook.halo         run against a profile from config.toml
          halo profiles                            list profiles; halo auth test checks one
          halo --plan runbook.halo                 show what it would change, field by field; write nothing
          halo journal                             the runs that wrote to Halo; halo undo RUN reverses one
        """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ReplCommand.self, CheckCommand.self, SandboxCommand.self,
                      TestCommand.self, DescribeCommand.self, ProfilesCommand.self, AuthCommand.self,
                      JournalCommand.self, UndoCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// ArgumentParser exits 64 on bad usage; halo promises 2 for usage errors, 0 for --help.
    /// The common invocations skip it (`QuickArguments`): its set-up dominates a short run's start-up.
    static func main() {
        let code: Int32
        if getenv("HALO_ARGUMENT_PARSER") == nil, let run = QuickArguments.parse(CommandLine.arguments.dropFirst()) {
            code = run.execute()
        } else {
            code = parseAndRun()
        }
        Terminal.flush()
        Foundation.exit(code)
    }

    /// The words the root parser reads as a subcommand rather than a file.
    static var subcommandNames: [String] {
        configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases }
    }

    private static func parseAndRun() -> Int32 {
        let code: Int32
        do {
            var command = try parseAsRoot()
            if let run = command as? RunCommand {
                code = run.invocation.execute()
            } else {
                try command.run()
                code = 0
            }
        } catch let exit as ExitCode {
            code = exit.rawValue
        } catch {
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            if status == .success {
                print(message)
                code = 0
            } else {
                Terminal.writeError(message)
                code = 2
            }
        }
        return code
    }
}
