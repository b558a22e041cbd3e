import Foundation

/// Runs a profile's `secret_command` with `/bin/sh -c` and returns its trimmed stdout.
/// Neither its stdout nor its stderr is ever shown: a failing password manager may still have
/// printed the secret, or part of it. stdin is /dev/null so the command cannot eat a piped script.
public enum SecretCommand {
    /// Why the command gave no secret, phrased to follow "secret_command ".
    public struct Failure: Error, Equatable {
        public let reason: String
    }

    public static func run(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(reason: "could not be started: \(error.localizedDescription)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let hidden = "(its output is not shown; run the command yourself to see what went wrong)"
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)"
                                                        : "was killed by signal \(process.terminationStatus)"
            throw Failure(reason: "\(how) \(hidden)")
        }
        let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw Failure(reason: "printed nothing; it should print the client secret") }
        return secret
    }
}
