import Foundation
import Testing

/// Every `stdlib/tests/*.halo` runs through the built binary against its embedded sandbox
/// (`halo --sandbox FILE`) and must exit 0: each file asserts what its stdlib module does.
@Suite struct StdlibTests {
    static let directory = HaloProcess.packageRoot.appendingPathComponent("stdlib/tests")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".halo") }.sorted()
    }()

    /// A parametrised test over no files passes vacuously; this one does not.
    @Test func stdlibTestFilesExist() {
        #expect(!Self.files.isEmpty, "no stdlib tests found in \(Self.directory.path)")
        #expect(Self.files.contains("tickets_test.halo"))
    }

    @Test(arguments: files)
    func stdlibTestPasses(_ file: String) async throws {
        // The repository's stdlib, whichever binary HALO_BIN names; a private token cache.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("halo-stdlib-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let environment = [
            "HALO_PATH": HaloProcess.packageRoot.appendingPathComponent("stdlib").path,
            "XDG_CACHE_HOME": cache.path,
        ]
        let result = try await Self.runOffThePool(["--sandbox", "stdlib/tests/\(file)"], environment: environment)
        #expect(result.status == 0, """
            halo --sandbox stdlib/tests/\(file) exited \(result.status)
            stdout:
            \(result.stdout)
            stderr:
            \(result.stderr)
            """)
    }

    /// `HaloProcess.run` blocks until halo exits; a dedicated thread keeps the cooperative pool
    /// free for tests that serve a sandbox in-process.
    static func runOffThePool(_ arguments: [String], environment: [String: String]) async throws -> HaloProcess.Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result {
                    try HaloProcess.run(arguments, environment: environment, timeout: 300)
                })
            }
            thread.start()
        }
    }
}
