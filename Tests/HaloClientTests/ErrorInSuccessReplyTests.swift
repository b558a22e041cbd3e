import Foundation
import Testing
@testable import HaloClient

/// Which 2xx bodies are Halo errors in disguise, and how the client reports them.
struct ErrorInSuccessReplyTests {
    @Test(arguments: [
        #"{"error":"Rate Limit Reached"}"#,
        #"{"error":"invalid_client","error_description":"bad secret"}"#,
        #"{"ClassName":"System.NullReferenceException","Message":"Object reference not set"}"#,
        #"{"Message":"An error has occurred."}"#,
        #"{"message":"Something went wrong"}"#,
        #"{"resultCode":3,"errorMessage":"Not allowed"}"#,
    ])
    func errorShapesAreDetected(body: String) {
        #expect(ErrorInSuccessReply.detect(Data(body.utf8)) != nil)
    }

    @Test(arguments: [
        #"{"id":3,"name":"Acme","message":"hello"}"#,       // a record that happens to have a message
        #"{"record_count":0,"tickets":[]}"#,                 // a page
        #"[{"error":"x"}]"#,                                 // arrays are data
        #"{"error":""}"#,                                    // no text
        #"{"error":{"code":1}}"#,                            // nested: not one of the known shapes
        #"{"message":null}"#,
        #"{}"#,
        "plain text",
    ])
    func dataIsLeftAlone(body: String) {
        #expect(ErrorInSuccessReply.detect(Data(body.utf8)) == nil)
    }

    @Test func theClientThrowsWithStatusAndBody() throws {
        let server = try LoopbackServer { request, _ in
            request.target.hasPrefix("/auth/token") ? .json(#"{"access_token":"t200","expires_in":3600}"#)
                                                    : .json(#"{"error":"Report SQL failed"}"#)
        }
        defer { server.stop() }
        let client = try HaloClient(credentials: HaloCredentials(url: server.url, tenant: "t", clientID: "c", clientSecret: "s200-secret"))
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.get, path: "/api/report") }
        #expect(error?.status == 200)
        #expect(error?.errorInSuccessReply == true)
        #expect(error?.message == "GET /api/report: 200 OK with an error in the reply: Report SQL failed")
        #expect(String(decoding: error?.body ?? Data(), as: UTF8.self) == #"{"error":"Report SQL failed"}"#)
        #expect(server.requests.count == 2, "not retried")
    }
}
