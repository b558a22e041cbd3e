import ArgumentParser
import Foundation
import HaloCore

/// `halo check FILE...`: syntax and unknown-name errors, without running anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Report syntax and unknown-name errors without running.")

    @Argument(help: "The .halo files to check.")
    var files: [String]

    mutating func run() throws {
        var failed = 0
        for file in files {
            let interpreter = Interpreter(.forCommand(performer: nil))
            guard let data = FileManager.default.contents(atPath: file) else {
                Terminal.writeError("halo: cannot read \(file)")
                failed += 1
                continue
            }
            do {
                try interpreter.check(source: try SourceText.decode(data, file: file), file: file)
                Terminal.writeOutput("\(file): ok")
            } catch let error as ScriptError {
                Terminal.writeError(DiagnosticRenderer.render(error, sources: interpreter.sources, color: Terminal.colorOnStderr))
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode(2) }
    }
}
