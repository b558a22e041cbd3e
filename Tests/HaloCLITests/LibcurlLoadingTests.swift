import Foundation
import Testing

extension EndToEnd {
    /// libcurl is opened at the first request, not at start: a run that makes none never maps it,
    /// and a machine without it runs scripts and learns what is missing only when a request needs it.
    @Suite struct LibcurlLoadingTests {
        /// The shared objects this process has mapped, as the language reads them.
        static let mappedLibraries = #"print contains(read_file("/proc/self/maps"), "libcurl")"#

        @Test func aRunThatMakesNoRequestNeverMapsLibcurl() async throws {
            let result = try await runHaloOffThePool(["-e", Self.mappedLibraries], timeout: 30)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "false\n")
        }

        @Test func theFirstRequestMapsLibcurl() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("auth\n" + Self.mappedLibraries)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "true\n")
            }
        }

        @Test func aMissingLibcurlIsReportedAtTheFirstRequestWithItsRemedy() async throws {
            try await withSandbox { sandbox in
                var environment = sandbox.environment
                environment["HALO_LIBCURL"] = "/nonexistent/libcurl.so.4"
                let result = try await sandbox.run("print 1\nauth\nprint 2", environment: environment)
                #expect(result.status != 0)
                #expect(result.stdout == "1\n", "the script ran up to the request")
                #expect(result.stderr.contains("libcurl could not be loaded: /nonexistent/libcurl.so.4"), "\(result.stderr)")
                #expect(result.stderr.contains("apt-get install libcurl4"), "\(result.stderr)")
                #expect(sandbox.stats().total == 0, "nothing reached the server")
            }
        }
    }
}
