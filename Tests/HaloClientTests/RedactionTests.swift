import Foundation
import Testing
@testable import HaloClient

struct RedactionTests {
    @Test func knownSecretsAreMaskedAnywhere() {
        let redactor = Redactor(secrets: ["hunter2-secret", "tok-abcdef"])
        #expect(redactor.redact("a hunter2-secret b tok-abcdef") == "a *** b ***")
    }

    @Test func valuesAfterSecretKeysAreMaskedEvenWhenUnknown() {
        let redactor = Redactor()
        #expect(redactor.redact("grant_type=client_credentials&client_secret=zzz&scope=all")
                == "grant_type=client_credentials&client_secret=***&scope=all")
        #expect(redactor.redact(#"{"access_token": "eyJabc", "token_type":"Bearer"}"#)
                == #"{"access_token": "***", "token_type":"Bearer"}"#)
        #expect(redactor.redact("Authorization: Bearer eyJabc.def") == "Authorization: Bearer ***")
        #expect(redactor.redact("no access_token in the token reply") == "no access_token in the token reply")
    }

    @Test func shortSecretsAreNotSearchedFor() {
        #expect(Redactor(secrets: ["a"]).redact("a cat") == "a cat")
    }

    @Test func credentialsNeverShowTheSecret() {
        let text = "\(Fixture.credentials) \(String(reflecting: Fixture.credentials))"
        var dumped = ""
        dump(Fixture.credentials, to: &dumped)
        #expect(!text.contains(Fixture.secret) && !dumped.contains(Fixture.secret))
        #expect(text.contains("clientSecret: ***"))
    }

    /// Drives the client through successes and every kind of failure and scans everything it says.
    @Test func secretAndTokenNeverAppearInErrorsOrTrace() throws {
        let echo = "client_secret=\(Fixture.secret) token tok-1 Bearer tok-1"
        let transport = ScriptedTransport { request in
            switch request.url.path {
            case "/api/ok": return .success(.json("{}"))
            case "/api/echo": return .success(.json(#"{"Message":"\#(echo)"}"#, status: 400))
            case "/api/plain": return .success(.json(echo, status: 500))
            case "/api/busy": return .success(.json("{}", status: 503))
            default: return .failure(.timedOut)
            }
        }
        let (client, trace, _) = try Fixture.client(transport)
        _ = try client.send(.get, path: "/api/ok")
        var said: [String] = ["\(Fixture.credentials)"]
        for (method, path) in [(HTTPMethod.post, "/api/echo"), (.get, "/api/plain"), (.get, "/api/busy"), (.post, "/api/gone")] {
            do {
                _ = try client.send(method, path: path, body: Data("[]".utf8))
            } catch let error as HaloHTTPError {
                said += [error.message, String(decoding: error.body, as: UTF8.self), String(reflecting: error)]
            }
        }
        said += trace.lines
        #expect(said.count > 10)
        for text in said {
            #expect(!text.contains(Fixture.secret), "secret leaked: \(text)")
            #expect(!text.contains("tok-1"), "token leaked: \(text)")
        }
    }

    @Test func badClientErrorDoesNotLeakTheSecret() throws {
        let transport = ScriptedTransport()
        transport.routesTokens = true
        transport.route = { _ in .success(.json(#"{"error":"invalid_client","error_description":"bad secret \#(Fixture.secret)"}"#, status: 401)) }
        let (client, trace, _) = try Fixture.client(transport)
        let error = #expect(throws: HaloHTTPError.self) { try client.authenticate() }
        #expect(error?.message == "POST /auth/token: 401 Unauthorized: invalid_client: bad secret *** (check the client id and secret (HALO_CLIENT_ID, HALO_CLIENT_SECRET) and that the API application is active in Halo)")
        #expect(trace.lines.count == 1)
        #expect(trace.lines.first?.hasPrefix("POST https://acme.halopsa.com/auth/token?tenant=acme 401 ") == true)
        #expect(!trace.lines.joined().contains(Fixture.secret))
    }
}
