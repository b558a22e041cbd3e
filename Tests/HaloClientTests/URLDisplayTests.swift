import Testing
@testable import HaloClient

/// A password in a Halo URL never reaches output.
struct URLDisplayTests {
    @Test(arguments: [
        ("https://ops:s3cret@acme.halopsa.com", "https://ops:***@acme.halopsa.com"),
        ("https://ops:s3cret@acme.halopsa.com:8443/api?x=1", "https://ops:***@acme.halopsa.com:8443/api?x=1"),
        ("https://ops:p%40ss@acme.halopsa.com/", "https://ops:***@acme.halopsa.com/"),
        ("https://ops@acme.halopsa.com", "https://ops@acme.halopsa.com"),
        ("https://acme.halopsa.com/a@b", "https://acme.halopsa.com/a@b"),
        ("https://acme.halopsa.com", "https://acme.halopsa.com"),
    ])
    func masksOnlyThePassword(url: String, shown: String) {
        #expect(URLDisplay.masked(url) == shown)
    }

    @Test func insecureURLErrorMasksThePassword() {
        let error = HaloClientError.insecureURL("http://ops:s3cret@halo.example.com")
        #expect(!error.description.contains("s3cret"))
        #expect(error.description.contains("http://ops:***@halo.example.com"))
    }

    @Test func connectionErrorAndTraceMaskThePassword() throws {
        let server = try LoopbackServer { _, _ in .drop }
        server.stop()
        let trace = LineCollector()
        var options = HaloClientOptions()
        options.maxAttempts = 1
        options.trace = { trace.append($0) }
        let url = server.url.replacingOccurrences(of: "http://", with: "http://ops:pw@")
        let client = try HaloClient(credentials: HaloCredentials(url: url, tenant: "t", clientID: "c", clientSecret: "url-secret"),
                                    options: options)
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.get, path: "/api/x") }
        let shown = (error?.message ?? "") + trace.lines.joined(separator: "\n") + client.displayURL
        #expect(!shown.contains("ops:pw@"), "\(shown)")
        #expect(shown.contains("ops:***@"))
    }
}
