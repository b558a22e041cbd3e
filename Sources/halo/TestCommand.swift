import ArgumentParser
import Foundation
import Synchronization

/// `halo test [FILES or DIRS]`: every `.halo` file is a test, run in isolation against its own
/// sandbox (or the given profile); each assert is counted, and a failed one does not stop the file.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run .halo files as tests and report every assert.")

    @Argument(help: "Files or directories (every .halo file under them). Default: the current directory.")
    var paths: [String] = []

    @Option(help: "Write a JUnit XML report to this file.")
    var junit: String?

    @Flag(help: "Print a TAP report on stdout instead of the summary.")
    var tap = false

    @Option(help: "Run this many files at once.")
    var jobs = 1

    @Flag(help: "Show what passing files printed too.")
    var verbose = false

    @OptionGroup var connection: ConnectionOptions

    mutating func run() throws {
        let files = try Self.testFiles(paths.isEmpty ? ["."] : paths)
        guard !files.isEmpty else { throw ValidationError("no .halo files found in \(paths.joined(separator: " "))") }
        var perFile = connection.settings
        // Against the sandbox unless the user chose a real tenant.
        if perFile.profile == nil, ProcessEnvironment.variables["HALO_PROFILE"] == nil { perFile.sandbox = true }
        let printer = TestResultPrinter(count: files.count, tap: tap, verbose: verbose)
        let results = Self.runAll(files, jobs: max(1, jobs), connection: perFile) { index, result in
            printer.completed(index, result)
        }
        let asserts = results.reduce(0) { $0 + $1.asserts.count }
        let failed = results.reduce(0) { $0 + $1.failedAsserts } + results.filter { $0.error != nil }.count
        let passed = results.reduce(0) { $0 + $1.passedAsserts } + results.filter { $0.asserts.isEmpty && $0.error == nil }.count
        if let junit {
            try TestReports.junit(results).write(toFile: junit, atomically: true, encoding: .utf8)
        }
        if tap {
            Terminal.writeOutput(TestReports.tap(results).trimmingCharacters(in: .newlines))
        } else {
            let failedFiles = results.filter { !$0.passed }.count
            Terminal.writeOutput("\(files.count) files (\(files.count - failedFiles) passed, \(failedFiles) failed), \(asserts) asserts")
            Terminal.writeOutput("\(passed) passed, \(failed) failed")
        }
        Terminal.flush()
        if failed > 0 { throw ExitCode(1) }
    }

    /// Files as given, and every `.halo` file under a directory, sorted.
    static func testFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ValidationError("no such file or directory: \(path)")
            }
            guard isDir.boolValue else {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (fm.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".halo") }.sorted()
            files += found.map { base == "." ? $0 : base + "/" + $0 }
        }
        return files
    }

    /// Runs files on up to `jobs` threads (each with the large stack the interpreter wants).
    static func runAll(_ files: [String], jobs: Int, connection: ConnectionSettings,
                       completed: @escaping @Sendable (Int, TestFileResult) -> Void) -> [TestFileResult] {
        let results = Mutex<[TestFileResult?]>(Array(repeating: nil, count: files.count))
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        for (index, file) in files.enumerated() {
            slots.wait()
            group.enter()
            let thread = Thread {
                let result = TestFileResult.run(file, connection: connection)
                results.withLock { $0[index] = result }
                completed(index, result)
                slots.signal()
                group.leave()
            }
            thread.stackSize = 1 << 29
            thread.start()
        }
        group.wait()
        return results.withLock { $0.compactMap { $0 } }
    }
}

/// Prints each file's result in file order, as soon as it and all before it are done.
final class TestResultPrinter: Sendable {
    private let state: Mutex<(next: Int, done: [Int: TestFileResult])>
    private let tap: Bool
    private let verbose: Bool

    init(count: Int, tap: Bool, verbose: Bool) {
        state = Mutex((0, [:]))
        self.tap = tap
        self.verbose = verbose
    }

    func completed(_ index: Int, _ result: TestFileResult) {
        guard !tap else { return }
        state.withLock { state in
            state.done[index] = result
            while let ready = state.done.removeValue(forKey: state.next) {
                show(ready)
                state.next += 1
            }
        }
    }

    private func show(_ r: TestFileResult) {
        let ms = Int(r.seconds * 1000)
        let status = r.passed ? "PASS" : "FAIL"
        let counts = r.asserts.isEmpty ? "no asserts" : "\(r.passedAsserts) of \(r.asserts.count) asserts passed"
        Terminal.writeOutput("\(status)  \(r.file)  (\(counts), \(ms) ms)")
        for a in r.asserts { if let failure = a.failure { Terminal.writeOutput(indent(failure)) } }
        if let error = r.error { Terminal.writeOutput(indent(error)) }
        if (!r.passed || verbose), !r.output.isEmpty {
            Terminal.writeOutput("    output:")
            Terminal.writeOutput(indent(r.output.joined(separator: "\n"), by: "      "))
        }
    }

    private func indent(_ text: String, by prefix: String = "    ") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }
}
