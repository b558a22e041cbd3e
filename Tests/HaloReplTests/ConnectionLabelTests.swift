import Testing
@testable import HaloRepl

/// The prompt's connection name comes from the URL's host, never from a `user:password@` before it.
struct ConnectionLabelTests {
    @Test(arguments: [
        ("https://acme.halopsa.com", "acme"),
        ("https://ops:s3cret@acme.halopsa.com/api", "acme"),
        ("https://ops@contoso.haloitsm.com:8443", "contoso"),
    ])
    func labelIsTheHostsFirstLabel(url: String, label: String) {
        #expect(ConnectionLabel.host(of: url) == label)
    }
}
