import Foundation
import Testing

/// Every `.halo` file in the repository runs through the built binary, and stdout, stderr and the
/// exit code must be what the closure-tree engine printed for it, as recorded in
/// `EngineReference/files.json` before that engine was removed (issue 13). Runbooks that make
/// requests run against the embedded sandbox (`--sandbox`), which each run starts afresh from
/// seeds/, so ids and replies are the same every time; each run gets the same private state and
/// cache folders (emptied in between), so no path differs either. The only normalisation is
/// `halo test`'s per-file timing and the repository's own path. Generated programs are held to
/// their record in-process in Tests/HaloCoreTests/EngineDifferentialTests.swift.
///
/// A file whose output changes on purpose, or a new file, is recorded again with
/// `HALO_RECORD_ENGINE_REFERENCE=1 swift test --filter recordOrCheckTheFileReference`; the diff of
/// the record is then the change of behaviour, to review as such.
@Suite struct EngineFileDifferentialTests {
    /// How one file is run: the arguments after `halo` (the file included), and why, when they are
    /// not just the file.
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var arguments: [String]
        var testDescription: String { file }
    }

    /// Files that are in the repository but not run, each with the reason. Empty: every file runs.
    static let notRun: [String: String] = [:]

    static let root = HaloProcess.packageRoot

    /// Every tracked-looking `.halo` file under the repository (hidden and build folders left out).
    static let allFiles: [String] = {
        var files: [String] = []
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { return [] }
        for case let url as URL in walker {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            if relative.hasPrefix(".") || relative.contains("/.") { walker.skipDescendants(); continue }
            if url.pathExtension == "halo" { files.append(relative) }
        }
        return files.sorted()
    }()

    /// Arguments for each file. Bench programs get small sizes (the figures are for scripts/bench),
    /// runbooks and the stdlib run against the embedded sandbox, stdlib tests through `halo test`.
    static func arguments(for file: String) -> [String] {
        let small: [String: [String]] = [
            "bench/programs/fib.halo": ["--set", "n=15"],
            "bench/programs/loop.halo": ["--set", "n=2000"],
            "bench/programs/filter.halo": ["--set", "n=2000"],
            "bench/programs/objects.halo": ["--set", "n=2000"],
            "bench/programs/strings.halo": ["--set", "n=2000"],
            "bench/programs/byid-loop.halo": ["--set", "n=5"],
            "bench/programs/byid-pmap.halo": ["--set", "n=5"],
            "bench/programs/writes.halo": ["--set", "n=150"],
            "bench/programs/bigcount.halo": ["--set", "path=seeds/clients.json"],
            "bench/programs/biggroup.halo": ["--set", "path=seeds/statuses.json"],
            // Replays a fuzzer input that stopped at the step budget; through the binary there is
            // no budget, so a small n keeps it quick.
            "Tests/HaloCoreTests/FuzzRegressions/run-comprehension-past-the-step-budget.halo": ["--set", "n=3000"],
            "scripts/close-stale-tickets.halo": ["--set", "days=60", "--set", "limit=20"],
        ]
        if file.hasPrefix("stdlib/tests/") { return ["test", "--verbose", file] }
        if file.hasPrefix("Tests/HaloCLITests/Fixtures/") { return [file] }
        return ["--sandbox", file] + (small[file] ?? [])
    }

    static let cases: [Case] = allFiles.filter { notRun[$0] == nil }.map { Case(file: $0, arguments: arguments(for: $0)) }

    @Test func everyHaloFileInTheRepositoryIsRunOrListedWithAReason() {
        #expect(Self.allFiles.count >= 50, "found only \(Self.allFiles.count) .halo files under \(Self.root.path)")
        for directory in ["scripts/", "stdlib/halo/", "stdlib/tests/", "bench/programs/", "Tests/HaloCLITests/Fixtures/",
                          "editors/"] {
            #expect(Self.cases.contains { $0.file.hasPrefix(directory) }, "no file of \(directory) is run")
        }
        for (file, reason) in Self.notRun {
            #expect(Self.allFiles.contains(file), "\(file) is listed as not run but does not exist")
            #expect(!reason.isEmpty)
        }
        #expect(Self.cases.count + Self.notRun.count == Self.allFiles.count)
    }

    /// One file at a time: each run starts a sandbox and, under a debug build, takes seconds of a
    /// CPU; runs side by side on a small machine starved each other past the timeout.
    @Test(.serialized, arguments: cases)
    func fileRunsAsRecorded(_ testCase: Case) async throws {
        guard !Self.recording else { return }
        let recorded = try #require(Self.record[testCase.file], "\(testCase.file) is not recorded: record it (HALO_RECORD_ENGINE_REFERENCE=1)")
        let actual = try await Self.run(testCase)
        let differences = Self.differences(recorded.result, actual)
        #expect(differences.isEmpty, """
            halo \(testCase.arguments.joined(separator: " ")) differs from its record:
            \(differences.joined(separator: "\n"))
            """)
        // A run that never got going would compare equal and prove nothing; modules only define.
        let module = testCase.file.hasPrefix("stdlib/halo/") || testCase.file == "Tests/HaloCLITests/Fixtures/lib/greeting.halo"
        #expect(module || !(actual.stdout + actual.stderr).isEmpty, "halo \(testCase.arguments.joined(separator: " ")) printed nothing")
    }

    // MARK: - The record

    /// What one run printed, as the record keeps it.
    struct Recorded: Codable, Equatable {
        var stdout: String
        var stderr: String
        var status: Int32
        var result: HaloProcess.Result { HaloProcess.Result(stdout: stdout, stderr: stderr, status: status) }
    }

    static let recordFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("EngineReference/files.json")

    static var recording: Bool { ProcessInfo.processInfo.environment["HALO_RECORD_ENGINE_REFERENCE"] == "1" }

    static let record: [String: Recorded] = {
        guard let data = try? Data(contentsOf: recordFile) else { return [:] }
        return (try? JSONDecoder().decode([String: Recorded].self, from: data)) ?? [:]
    }()

    /// With `HALO_RECORD_ENGINE_REFERENCE=1`, runs every file and writes the record (`HALO_BIN`
    /// picks the binary that records); otherwise checks that it holds every file and nothing else.
    @Test func recordOrCheckTheFileReference() async throws {
        let files = Set(Self.cases.map(\.file))
        guard Self.recording else {
            let recorded = Set(Self.record.keys)
            #expect(files.subtracting(recorded).isEmpty, "not recorded: \(files.subtracting(recorded).sorted())")
            #expect(recorded.subtracting(files).isEmpty, "recorded but not run: \(recorded.subtracting(files).sorted())")
            return
        }
        var runs: [String: Recorded] = [:]
        for testCase in Self.cases {
            let result = try await Self.run(testCase)
            runs[testCase.file] = Recorded(stdout: result.stdout, stderr: result.stderr, status: result.status)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try FileManager.default.createDirectory(at: Self.recordFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(runs).write(to: Self.recordFile)
    }

    // MARK: - Running and comparing

    /// stdout, stderr and the exit code of one run, `halo test`'s timings and the repository's path
    /// normalised. (`HALO_ENGINE=tree` is for a binary that still has that engine, to record with.)
    static func run(_ testCase: Case) async throws -> HaloProcess.Result {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("halo-engine-diff-\(ProcessInfo.processInfo.processIdentifier)-\(testCase.file.replacingOccurrences(of: "/", with: "_"))")
        try? FileManager.default.removeItem(at: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let environment = [
            "HALO_ENGINE": "tree",
            "HALO_PATH": root.appendingPathComponent("stdlib").path,
            "XDG_CACHE_HOME": scratch.appendingPathComponent("cache").path,
            "XDG_STATE_HOME": scratch.appendingPathComponent("state").path,
        ]
        var result = try await runHaloOffThePool(testCase.arguments, environment: environment, timeout: 300)
        result.stdout = normalisingRoot(normalisingTimings(result.stdout))
        result.stderr = normalisingRoot(result.stderr)
        return result
    }

    /// `halo test` ends each file's line with how long it took: `PASS  f.halo  (3 of 3 asserts passed, 41 ms)`.
    static func normalisingTimings(_ text: String) -> String {
        let regex = try! NSRegularExpression(pattern: #"^((?:PASS|FAIL)  .*, )\d+ ms\)$"#, options: [.anchorsMatchLines])
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1<ms> ms)")
    }

    /// The repository's path as `<root>`, so a record made in one checkout holds in another.
    static func normalisingRoot(_ text: String) -> String {
        text.replacingOccurrences(of: root.path, with: "<root>")
    }

    /// What differs between a recorded run and this one, line by line; empty when identical.
    static func differences(_ tree: HaloProcess.Result, _ vm: HaloProcess.Result) -> [String] {
        var found: [String] = []
        for (stream, a, b) in [("stdout", tree.stdout, vm.stdout), ("stderr", tree.stderr, vm.stderr)] where a != b {
            let left = a.split(separator: "\n", omittingEmptySubsequences: false)
            let right = b.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(left, right).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(left.count, right.count)
            found.append("""
                \(stream) differs from line \(first + 1)
                  recorded: \(left.dropFirst(first).first.map(String.init) ?? "<end>")
                  now:      \(right.dropFirst(first).first.map(String.init) ?? "<end>")
                """)
        }
        if tree.status != vm.status { found.append("exit code differs: recorded \(tree.status), now \(vm.status)") }
        return found
    }

    // MARK: - The comparison itself can fail

    @Test func differentOutputErrorTextOrExitCodeIsReported() {
        let base = HaloProcess.Result(stdout: "a\nb\n", stderr: "", status: 0)
        #expect(Self.differences(base, base).isEmpty)
        let otherLine = HaloProcess.Result(stdout: "a\nc\n", stderr: "", status: 0)
        #expect(Self.differences(base, otherLine) == ["stdout differs from line 2\n  recorded: b\n  now:      c"])
        let otherError = HaloProcess.Result(stdout: "a\nb\n", stderr: "x.halo:1:2: error: boom\n", status: 1)
        #expect(Self.differences(base, otherError).count == 2)
    }

    @Test func theRepositorysPathIsNormalised() {
        #expect(Self.normalisingRoot("\(Self.root.path)/scripts/a.halo:1:2: error") == "<root>/scripts/a.halo:1:2: error")
        #expect(Self.normalisingRoot("/elsewhere/a.halo") == "/elsewhere/a.halo")
    }

    @Test func onlyTheTimingOfHaloTestIsNormalised() {
        let line = "PASS  stdlib/tests/a_test.halo  (3 of 3 asserts passed, 41 ms)"
        #expect(Self.normalisingTimings(line) == "PASS  stdlib/tests/a_test.halo  (3 of 3 asserts passed, <ms> ms)")
        #expect(Self.normalisingTimings("took 41 ms)") == "took 41 ms)")
        #expect(Self.normalisingTimings("print 41 ms") == "print 41 ms")
    }
}
