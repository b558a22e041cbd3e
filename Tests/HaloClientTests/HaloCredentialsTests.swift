import Testing
@testable import HaloClient

struct HaloCredentialsTests {
    @Test func fromEnvironment() throws {
        let credentials = try HaloCredentials.fromEnvironment([
            "HALO_URL": "https://acme.halopsa.com", "HALO_TENANT": "acme",
            "HALO_CLIENT_ID": "id", "HALO_CLIENT_SECRET": "secret", "HALO_SCOPE": "read:tickets",
        ])
        #expect(credentials.url == "https://acme.halopsa.com" && credentials.tenant == "acme")
        #expect(credentials.clientID == "id" && credentials.clientSecret == "secret" && credentials.scope == "read:tickets")
    }

    @Test func optionalVariablesDefault() throws {
        let credentials = try HaloCredentials.fromEnvironment([
            "HALO_URL": "https://h", "HALO_CLIENT_ID": "id", "HALO_CLIENT_SECRET": "secret", "HALO_SCOPE": "",
        ])
        #expect(credentials.tenant == nil && credentials.scope == "all")
        let onPremises = try HaloCredentials.fromEnvironment([
            "HALO_URL": "https://h", "HALO_CLIENT_ID": "id", "HALO_CLIENT_SECRET": "s", "HALO_TENANT": "",
        ])
        #expect(onPremises.tenant == "")
    }

    @Test func missingVariablesAreNamed() {
        let error = #expect(throws: HaloClientError.self) {
            try HaloCredentials.fromEnvironment(["HALO_CLIENT_ID": "id", "HALO_CLIENT_SECRET": ""])
        }
        #expect(error == .missingEnvironment(["HALO_URL", "HALO_CLIENT_SECRET"]))
        #expect(error?.description == "missing environment variables HALO_URL, HALO_CLIENT_SECRET")
    }
}
