import Foundation
import Testing
@testable import HaloClient

struct EncodingTests {
    @Test func queryValuesAreFullyEncoded() {
        #expect(URLEncoding.component("a+b & c=d") == "a%2Bb%20%26%20c%3Dd")
        #expect(URLEncoding.component("Zürich ☃") == "Z%C3%BCrich%20%E2%98%83")
        #expect(URLEncoding.component("safe-._~AZ09") == "safe-._~AZ09")
        #expect(URLEncoding.component("50%/?#") == "50%25%2F%3F%23")
    }

    @Test func formBody() {
        let form = URLEncoding.form([("grant_type", "client_credentials"), ("client_secret", "p+ss&w=rd"), ("scope", "read:tickets edit:tickets")])
        #expect(form == "grant_type=client_credentials&client_secret=p%2Bss%26w%3Drd&scope=read%3Atickets%20edit%3Atickets")
    }

    @Test func joinToleratesSlashes() throws {
        #expect(try URLEncoding.join(base: "https://h.example/", path: "api/client").absoluteString == "https://h.example/api/client")
        #expect(try URLEncoding.join(base: "https://h.example", path: "/api/client").absoluteString == "https://h.example/api/client")
        #expect(try URLEncoding.join(base: "https://h.example/halo//", path: "/api/x").absoluteString == "https://h.example/halo/api/x")
    }

    @Test func joinAppendsEncodedQuery() throws {
        let url = try URLEncoding.join(base: "http://127.0.0.1:4711", path: "/api/client?toplevel_id=2",
                                       query: [("search", "Acme & Sons"), ("count", "5")])
        #expect(url.absoluteString == "http://127.0.0.1:4711/api/client?toplevel_id=2&search=Acme%20%26%20Sons&count=5")
        #expect(try URLEncoding.join(base: "https://h", path: "/api/a b").absoluteString == "https://h/api/a%20b")
    }

    @Test(arguments: ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"])
    func loopbackHosts(host: String) {
        #expect(URLSecurity.isLoopback(host))
    }

    @Test(arguments: ["128.0.0.1", "10.0.0.1", "127.0.0", "127.0.0.1.evil.com", "localhost.evil.com", "::2", "example.com"])
    func nonLoopbackHosts(host: String) {
        #expect(!URLSecurity.isLoopback(host))
    }

    @Test func plainHTTPOnlyToLoopback() throws {
        try URLSecurity.check("https://acme.halopsa.com")
        try URLSecurity.check("http://127.0.0.1:4711/")
        try URLSecurity.check("http://localhost:8080")
        try URLSecurity.check("http://[::1]:8080")
        #expect(throws: HaloClientError.insecureURL("http://acme.halopsa.com")) { try URLSecurity.check("http://acme.halopsa.com") }
        #expect(throws: HaloClientError.invalidURL("ftp://x")) { try URLSecurity.check("ftp://x") }
        #expect(throws: HaloClientError.invalidURL("acme.halopsa.com")) { try URLSecurity.check("acme.halopsa.com") }
        let insecure = HaloCredentials(url: "http://10.1.1.1", clientID: "c", clientSecret: "s")
        let error = #expect(throws: HaloClientError.self) { try HaloClient(credentials: insecure) }
        #expect(error?.description.contains("use https://") == true)
    }
}
