import Foundation
import Testing
@testable import HaloClient

struct ErrorBodyTests {
    func parse(_ text: String) -> ErrorBody { ErrorBody(Data(text.utf8)) }

    @Test func oauthShape() {
        let body = parse(#"{"error":"invalid_client","error_description":"Client authentication failed"}"#)
        #expect(body == ErrorBody(message: "invalid_client: Client authentication failed", oauthError: "invalid_client"))
        #expect(parse(#"{"error":"Rate Limit Reached - 300 Requests per rolling 5 minute window"}"#).message
                == "Rate Limit Reached - 300 Requests per rolling 5 minute window")
    }

    @Test func dotNetExceptionShape() {
        #expect(parse(#"{"ClassName":"System.Exception","Message":"Object reference not set"}"#).message
                == "Object reference not set (System.Exception)")
        #expect(parse(#"{"Message":"An error has occurred."}"#).message == "An error has occurred.")
    }

    @Test func resultCodeShape() {
        #expect(parse(#"{"resultCode":3,"errorMessage":"Name must be unique"}"#).message == "Name must be unique (resultCode 3)")
    }

    @Test func plainTextIsTrimmedAndCut() {
        #expect(parse("  Summary is required\n").message == "Summary is required")
        let long = parse(String(repeating: "x ", count: 400)).message ?? ""
        #expect(long.count == ErrorBody.maxPlainLength + 1 && long.hasSuffix("…"))
        #expect(parse("").message == nil)
        // JSON without a known key is shown as text.
        #expect(parse(#"{"odd":1}"#).message == #"{"odd":1}"#)
    }

    func hint(status: Int, oauth: String? = nil, failure: TransportFailure? = nil, token: Bool = false) -> String? {
        ErrorHint.hint(.init(status: status, oauthError: oauth, failure: failure, isTokenRequest: token,
                             attempts: 5, baseURL: "https://acme.halopsa.com"))
    }

    @Test func hintsForKnownCases() {
        #expect(hint(status: 401, oauth: "invalid_client", token: true)?.contains("API application is active") == true)
        #expect(hint(status: 403)?.contains("agent's role") == true)
        #expect(hint(status: 500, token: true)?.contains("tenant") == true)
        #expect(hint(status: 500) == nil)
        #expect(hint(status: 404) == "unknown id or path")
        #expect(hint(status: 429)?.contains("rolling 5-minute window; gave up after 5 attempts") == true)
        #expect(hint(status: 0, failure: .cannotConnect("refused"))?.contains("https://acme.halopsa.com") == true)
        #expect(hint(status: 0, failure: .timedOut)?.contains("check the URL") == true)
        #expect(hint(status: 400) == nil)
    }

    @Test func messageNamesMethodPathStatusAndHaloText() {
        let error = HaloHTTPError(method: .post, path: "/api/tickets", status: 400, haloMessage: "Summary is required")
        #expect(error.message == "POST /api/tickets: 400 Bad Request: Summary is required")
        #expect("\(error)" == error.message)
    }

    @Test func messageForAWriteThatMayHaveApplied() {
        let error = HaloHTTPError(method: .post, path: "/api/tickets", status: 0, transportFailure: .timedOut,
                                  hint: "check the URL", writeMayHaveApplied: true)
        #expect(error.message == "POST /api/tickets: no reply (timed out); the write may or may not have happened: check in Halo before running it again (check the URL)")
    }
}
