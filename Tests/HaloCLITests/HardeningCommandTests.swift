import Foundation
import Testing

extension EndToEnd {
    /// Inputs that used to kill the process (segfault in `check`/`describe` on long expressions,
    /// SIGILL on `Int.min / -1`) end with a clean error and the usual exit code (issue 14).
    @Suite struct HardeningCommandTests {
        /// Runs `halo arguments... FILE` on a temporary file holding `bytes`.
        private func halo(_ arguments: [String], script bytes: Data) async throws -> HaloProcess.Result {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("halo-hard-\(UUID().uuidString).halo")
            try bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            return try await runHaloOffThePool(arguments + [file.path], timeout: 120)
        }

        private static let deepSources: [(String, String)] = [
            ("10,000 '+ 1'", "x = 1" + String(repeating: " + 1", count: 10_000) + "\n"),
            ("10,000 'not'", "x = " + String(repeating: "not ", count: 10_000) + "true\n"),
            ("10,000 '^0'", "x = [1]" + String(repeating: "^0", count: 10_000) + "\n"),
            ("100,000 '-'", "x = " + String(repeating: "- ", count: 100_000) + "y\n"),
        ]

        @Test(arguments: ["check", "describe", "run"])
        func deepExpressionsAreASyntaxErrorNotACrash(command: String) async throws {
            for (name, source) in Self.deepSources {
                let result = try await halo([command], script: Data(source.utf8))
                #expect(result.status == 2, "\(command) on \(name): status \(result.status)")
                #expect(result.stderr.contains("nested too deeply (more than 1000 levels)"), "\(command) on \(name): \(result.stderr)")
                #expect(result.stderr.contains(".halo:1:"), "\(command) on \(name): \(result.stderr)")
            }
        }

        @Test func aMillionTermExpressionIsASyntaxErrorForRun() async throws {
            let source = "x = 1" + String(repeating: " + 1", count: 1_000_000) + "\nprint x\n"
            let result = try await halo([], script: Data(source.utf8))
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("nested too deeply"))
        }

        @Test func dividingTheSmallestIntegerByMinusOneExitsWithARuntimeError() async throws {
            let result = try await halo([], script: Data("x = -9223372036854775807 - 1\nprint x / -1\n".utf8))
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains(".halo:2:9"))
            #expect(result.stderr.contains("integer overflow: -9223372036854775808 / -1"))
        }

        @Test(arguments: ["check", "describe", "run"])
        func invalidUTF8IsASyntaxErrorWithItsPosition(command: String) async throws {
            let bytes = Data("print \"caf".utf8) + Data([0xE9]) + Data("\"\n".utf8)
            let result = try await halo([command], script: bytes)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains(".halo:1:11"), "\(result.stderr)")
            #expect(result.stderr.contains("invalid UTF-8 (byte 0xE9)"), "\(result.stderr)")
        }
    }
}
