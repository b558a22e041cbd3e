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

    static let fixtures = packageRoot.appendingPathComponent("Tests/HaloCLITests/Fixtures")

    /// Runs `halo args...` with a clean HALO_* environment plus `environment`; bounded by `timeout`.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    directory: URL? = nil, timeout: TimeInterval = 60, executable: String = binary) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HALO_") }
        env["NO_COLOR"] = "1"
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
        let group = DispatchGroup()
        final class Buffer: @unchecked Sendable { var data = Data() }
        let outBuffer = Buffer(), errBuffer = Buffer()
        for (pipe, buffer) in [(out, outBuffer), (err, errBuffer)] {
            group.enter()
            DispatchQueue.global().async {
                buffer.data = pipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw TimedOut(arguments: arguments)
        }
        process.waitUntilExit()
        return Result(stdout: String(decoding: outBuffer.data, as: UTF8.self),
                      stderr: String(decoding: errBuffer.data, as: UTF8.self),
                      status: process.terminationStatus)
    }

    struct TimedOut: Error { let arguments: [String] }
}
