import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `halo` binary as a user would, and captures what it prints.
struct HaloProcess {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["HALO_BIN"] { return path }
        return packageRoot.appendingPathComponent(".build/debug/halo").path
    }

    /// XDG_STATE_HOME for runs that do not choose one.
    static let scratchState = FileManager.default.temporaryDirectory.appendingPathComponent("halo-e2e-state-\(getpid())")

    static let fixtures = packageRoot.appendingPathComponent("Tests/HaloCLITests/Fixtures")

    /// Runs `halo args...` with a clean HALO_* environment plus `environment`; bounded by `timeout`.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    directory: URL? = nil, timeout: TimeInterval = 60, executable: String = binary) throws -> Result {
        try start(arguments, stdin: stdin, environment: environment, directory: directory, executable: executable)
            .wait(timeout: timeout)
    }

    /// Starts `halo args...` and returns at once, so a test can act (send a signal, say) while it runs.
    static func start(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                      directory: URL? = nil, executable: String = binary) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HALO_") }
        env["NO_COLOR"] = "1"
        // Write journals and history stay out of the user's home directory.
        env["XDG_STATE_HOME"] = scratchState.path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = directory ?? packageRoot
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes while the process runs, so a large output cannot block it.
        let running = Running(process: process, arguments: arguments)
        for (pipe, buffer) in [(out, running.outBuffer), (err, running.errBuffer)] {
            running.group.enter()
            DispatchQueue.global().async {
                buffer.data = pipe.fileHandleForReading.readDataToEndOfFile()
                running.group.leave()
            }
        }
        return running
    }

    /// A started `halo`: signal it, then wait for what it printed.
    final class Running: @unchecked Sendable {
        final class Buffer: @unchecked Sendable { var data = Data() }
        let process: Process
        let arguments: [String]
        fileprivate let group = DispatchGroup()
        fileprivate let outBuffer = Buffer(), errBuffer = Buffer()

        fileprivate init(process: Process, arguments: [String]) {
            self.process = process
            self.arguments = arguments
        }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for the exit, at most `timeout` seconds (then kills it and throws).
        func wait(timeout: TimeInterval) throws -> Result {
            if group.wait(timeout: .now() + timeout) == .timedOut {
                process.terminate()
                throw TimedOut(arguments: arguments)
            }
            process.waitUntilExit()
            return Result(stdout: String(decoding: outBuffer.data, as: UTF8.self),
                          stderr: String(decoding: errBuffer.data, as: UTF8.self),
                          status: process.terminationStatus)
        }
    }

    struct TimedOut: Error { let arguments: [String] }
}
