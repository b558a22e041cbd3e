import Testing
@testable import HaloCore

@Suite struct RequestSyntaxTests {
    @Test func getWithQueryAndOutputVariable() throws {
        let halo = RecordingPerformer()
        let out = try run("get /api/client {search: \"Acme\"} -> clients = response^clients\nprint clients^name", performer: halo)
        #expect(halo.log == [#"GET /api/client {"search":"Acme"}"#])
        #expect(out == [#"["Acme","Beta"]"#])
    }

    @Test func arrowOnTheNextLinesContinuesTheRequest() throws {
        let halo = RecordingPerformer()
        let source = """
            get /api/client
              -> clients = response^clients
              # a comment between clauses
              -> total   = response^record_count
            print total, len(clients)
            """
        #expect(try run(source, performer: halo) == ["2 2"])
        #expect(halo.log == ["GET /api/client"])
    }

    @Test func outputVariableMayUseOperatorsAfterResponse() throws {
        let out = try run("get /api/client -> n = response^record_count + 1 -> first = response^clients^0^name ?? \"none\"\nprint n, first",
                          performer: RecordingPerformer())
        #expect(out == ["3 Acme"])
    }

    @Test func outputVariableNotStartingWithResponseIsASyntaxError() {
        let error = runError("get /api/client\n  -> clients = clients^x", performer: RecordingPerformer())
        #expect(error?.kind == .syntax)
        #expect(located(error) == "2:16: an output variable's value must start with 'response', as in Halo: -> clients = response^...")
    }

    @Test func getAllAsksForEveryPage() throws {
        let halo = RecordingPerformer()
        _ = try run("clients = [{id: 7}]\nget all /api/tickets {client_id: clients^0^id}", performer: halo)
        #expect(halo.log == [#"GET all /api/tickets {"client_id":7}"#])
    }

    @Test func postAnObjectWithInterpolation() throws {
        let halo = RecordingPerformer()
        _ = try run("host = \"FS01\"\npost /api/tickets {summary: \"Disk full on <<host>>\", client_id: 12}", performer: halo)
        #expect(halo.log == [#"POST /api/tickets {"summary":"Disk full on FS01","client_id":12}"#])
    }

    @Test func postAList() throws {
        let halo = RecordingPerformer()
        _ = try run("post /api/tickets [{summary: \"a\"}, {summary: \"b\"}]", performer: halo)
        #expect(halo.log == [#"POST /api/tickets [{"summary":"a"},{"summary":"b"}]"#])
    }

    @Test func postBodyMaySpanLines() throws {
        let halo = RecordingPerformer()
        _ = try run("post /api/tickets {\n  summary: \"a\",\n  client_id: 1,\n}", performer: halo)
        #expect(halo.log == [#"POST /api/tickets {"summary":"a","client_id":1}"#])
    }

    @Test func deleteWithAnInterpolatedPath() throws {
        let halo = RecordingPerformer()
        _ = try run("id = 42\ndelete /api/tickets/<<id>>", performer: halo)
        #expect(halo.log == ["DELETE /api/tickets/42"])
    }

    @Test func aRequestIsAnExpressionWhoseValueIsTheBody() throws {
        let halo = RecordingPerformer(body: jsonValue(#"{"id": 42, "summary": "Printer"}"#))
        #expect(try run("id = 42\nt = get /api/tickets/<<id>>\nprint t^summary", performer: halo) == ["Printer"])
        #expect(halo.log == ["GET /api/tickets/42"])
    }

    @Test func aRequestInParenthesesCanBeReadWithCaret() throws {
        #expect(try run("print (get /api/client)^clients^1^name", performer: RecordingPerformer()) == ["Beta"])
    }

    @Test func responseAndStatusAreSetAfterARequest() throws {
        let halo = RecordingPerformer(body: jsonValue(#"{"id": 9}"#), status: 201)
        #expect(try run("post /api/tickets {summary: \"x\"}\nprint response, status", performer: halo) == [#"{"id":9} 201"#])
    }

    @Test func responseBeforeAnyRequestIsAnUnknownName() {
        #expect(errorAt("print response") == "1:7: unknown name 'response'")
    }

    @Test func targetMayBeAnyExpression() throws {
        let halo = RecordingPerformer()
        _ = try run("p = \"/api/x\"\nget p\nid = 3\nget \"/api/y/\" + str(id) {a: 1}", performer: halo)
        #expect(halo.log == ["GET /api/x", #"GET /api/y/3 {"a":1}"#])
    }

    @Test func targetMustBeAString() {
        #expect(errorAt("get 42") == "1:1: requests are not available here: run the script with halo, which connects them to Halo")
        #expect(located(runError("get 42", performer: RecordingPerformer())) == "1:1: a request path must be a string, got number")
    }

    @Test func deleteMayTakeAQuery() throws {
        let halo = RecordingPerformer()
        _ = try run("delete /api/tickets/1 {reason: \"dup\"}", performer: halo)
        #expect(halo.log == [#"DELETE /api/tickets/1 {"reason":"dup"}"#])
    }

    @Test func pathKeepsAQueryString() throws {
        let halo = RecordingPerformer()
        _ = try run("get /api/client?search=Acme&count=5", performer: halo)
        #expect(halo.log == ["GET /api/client?search=Acme&count=5"])
    }

    @Test func slashAfterANameStillDivides() throws {
        #expect(try run("n = 6\nprint n /2", performer: RecordingPerformer()) == ["3"])
    }

    @Test func requestsInsideAFunctionSetItsOwnResponse() throws {
        let source = """
            fn second_name() {
              get /api/in_fn -> c = response^clients^1^name
              return c
            }
            print second_name()
            """
        let halo = RecordingPerformer()
        #expect(try run(source, performer: halo) == ["Beta"])
        #expect(halo.log == ["GET /api/in_fn"])
    }

    @Test func authWithoutOptions() throws {
        let halo = RecordingPerformer()
        _ = try run("auth", performer: halo)
        #expect(halo.authentications.count == 1)
        #expect(halo.authentications.first == .some(nil))
    }

    @Test func authWithAnObject() throws {
        let halo = RecordingPerformer()
        _ = try run("id = \"abc\"\nauth {url: \"https://acme.halopsa.com\", tenant: \"acme\", client_id: id, client_secret: env(\"NO_SUCH_HALO_VAR\")}",
                    performer: halo)
        #expect(halo.authentications == [jsonValue(#"{"url":"https://acme.halopsa.com","tenant":"acme","client_id":"abc","client_secret":null}"#)])
    }

    @Test func authProfileNamesAProfile() throws {
        let halo = RecordingPerformer()
        _ = try run("auth profile \"work\"", performer: halo)
        #expect(halo.authentications == [jsonValue(#"{"profile":"work"}"#)])
    }

    @Test func requestsWithoutAPerformerAreAnError() {
        let error = runError("get /api/client")
        #expect(error?.kind == .runtime)
        #expect(located(error) == "1:1: requests are not available here: run the script with halo, which connects them to Halo")
    }

    @Test func performerErrorsArePlacedAtTheRequestAndCanBeCaught() throws {
        final class Failing: RequestPerformer {
            func authenticate(_ options: Value?) throws {}
            func perform(_ request: RequestSpec) throws -> RequestResult {
                throw ScriptError(.runtime, "404 Not Found", fields: HaloObject([("status", .int(404))]))
            }
        }
        #expect(located(runError("x = 1\nget /api/nope", performer: Failing())) == "2:1: 404 Not Found")
        #expect(try run("try { get /api/nope } catch e { print e^status, e^message }", performer: Failing()) == ["404 404 Not Found"])
    }
}
