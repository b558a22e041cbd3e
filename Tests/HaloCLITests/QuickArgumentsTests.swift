import Foundation
import Testing

extension EndToEnd {
    /// `halo FILE` and `halo -e CODE` are parsed by hand (`QuickArguments`) so that start-up skips
    /// swift-argument-parser; every invocation must still print, and exit with, exactly what the
    /// full parser gives (`HALO_ARGUMENT_PARSER=1`). Each of the run command's flags appears here, so
    /// a flag renamed or removed on one side only shows up as a difference.
    @Suite struct QuickArgumentsTests {
        private func expectSameAsFullParser(_ arguments: [String], stdin: String? = nil,
                                            sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let quick = try await runHaloOffThePool(arguments, stdin: stdin)
            let full = try await runHaloOffThePool(arguments, stdin: stdin, environment: ["HALO_ARGUMENT_PARSER": "1"])
            #expect(quick.stdout == full.stdout, "stdout of \(arguments)", sourceLocation: sourceLocation)
            #expect(quick.stderr == full.stderr, "stderr of \(arguments)", sourceLocation: sourceLocation)
            #expect(quick.status == full.status, "exit code of \(arguments)", sourceLocation: sourceLocation)
        }

        @Test func everyFlagOfTheRunCommand() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("halo-quick-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("p.halo").path
            try "param n = 1\nparam who = \"nobody\"\nprint n + 1, who\n-> n\n".write(toFile: file, atomically: true, encoding: .utf8)
            let planJSON = dir.appendingPathComponent("plan.json").path
            let cases: [[String]] = [
                ["-e", "print 1"],
                [file],
                [file, "--set", "n=41", "--set", "who=Acme Ltd", "--json"],
                ["--set=n=2", file, "--set", "who={\"a\": 1}"],
                ["-e", "print 1", "--yes", "--plan", "--no-journal", "--trace"],
                ["-e", "print 1", "--dry-run", "--plan-json", planJSON],
                ["-e", "print 1", "--page-size", "5", "--max-attempts", "2", "--max-retry-wait", "1.5",
                 "--timeout", "3", "--max-response-mb", "10", "--concurrency", "2", "--rate-limit", "off"],
                ["--timeout=3", "--concurrency=2", "--rate-limit=10/60", "-e", "print 2"],
                ["--profile", "no-such-profile", "-e", "print 1"],
                ["--sandbox", "--no-date-shift", "-e", "print 1"],
                ["-e", "fail \"stop\""],
                ["-e", "print (", "--json"],
                ["-e", "assert 1 == 2"],
                [dir.appendingPathComponent("missing.halo").path],
                // What the hand-written parser leaves to the full one.
                ["-e"], ["--set"], ["-e", "print 1", "-e", "print 2"], ["--json", "--json", "-e", "print 1"],
                ["--json=yes", "-e", "print 1"], ["--timeout", "0", "-e", "print 1"], ["--timeout", "soon", "-e", "print 1"],
                ["--page-size", "-5", "-e", "print 1"], ["--concurrency", "", "-e", "print 1"],
                ["--set", "oops", "-e", "print 1"], [file, file], ["--", file], ["-x"], ["--bogus", file],
                ["check", file], ["help"], ["--help"], ["-h"], ["--version"], ["run", "-e", "print 3"],
                ["run", file, "--set", "n=2"], ["run", "run"], ["run", "check", file], ["run", "--help"], ["run", "-x"],
            ]
            for arguments in cases {
                try await expectSameAsFullParser(arguments)
            }
            try await expectSameAsFullParser([], stdin: "print 4\n")
            try await expectSameAsFullParser(["--json"], stdin: "print 5\n")
            try await expectSameAsFullParser(["run"], stdin: "print 6\n")
        }

        /// A bad HALO_TIMEOUT is a usage error (exit 2) unless `--timeout` overrides it.
        @Test func aLimitFromTheEnvironmentThatIsInvalid() async throws {
            for (arguments, status) in [(["-e", "print 1"], Int32(2)), (["--timeout", "5", "-e", "print 1"], 0)] {
                let quick = try await runHaloOffThePool(arguments, environment: ["HALO_TIMEOUT": "never"])
                let full = try await runHaloOffThePool(arguments, environment: ["HALO_TIMEOUT": "never", "HALO_ARGUMENT_PARSER": "1"])
                #expect(quick.stdout == full.stdout)
                #expect(quick.stderr == full.stderr)
                #expect(quick.status == full.status)
                #expect(quick.status == status)
            }
        }
    }
}
