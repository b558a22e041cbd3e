import HaloCore
import Testing
@testable import HaloRepl

/// A session after `get /api/client`: `response` holds the reply, `c` one client, `f` a function.
private func session() throws -> CompletionState {
    let response = try JSON.parse(#"""
    {"record_count": 2, "clients": [{"id": 1, "name": "Acme", "toplevel_id": 1, "main email": "a@x"},
                                    {"id": 2, "name": "Globex", "website": "g.com"}]}
    """#)
    let f = Value.function(BuiltinFunction("f", arity: 0...0) { _, _ in .null })
    return CompletionState(variables: [("response", response), ("status", .int(200)), ("clients_seen", .int(0)), ("f", f)],
                           builtins: ["len", "lower", "table"])
}

private func texts(_ line: String) throws -> [String] {
    Completer.complete(line, state: try session()).map(\.text)
}

@Test func completesKeysOfLiveValues() throws {
    #expect(try texts("response^cl") == ["clients"])
    #expect(try texts("x = response^") == ["record_count", "clients"])
    #expect(try texts("response^clients^0^") == ["id", "name", "toplevel_id", "\"main email\""])
    #expect(try texts("response^clients^-1^") == ["id", "name", "website"])
    #expect(try texts("print len(response^clients^0^na") == ["name"])
    // A name after a list maps over its elements, so every element's keys are offered.
    #expect(try texts("response^clients^w") == ["website"])
    #expect(try texts("\"<<response^clients^0^i") == ["id"])
    #expect(try texts("status^") == [])
    #expect(try texts("nothing^") == [])
}

@Test func keyCompletionsAppendNothingSoTheChainCanGoOn() throws {
    #expect(Completer.complete("response^cl", state: try session()) == [Completion("clients")])
}

@Test func completesNamesKeywordsAndBuiltins() throws {
    let state = try session()
    #expect(Completer.complete("le", state: state) == [Completion("len", suffix: "(")])
    #expect(Completer.complete("x = f", state: state) == [Completion("f", suffix: "("), Completion("fail", suffix: " "),
                                                           Completion("false", suffix: " "), Completion("fn", suffix: " "),
                                                           Completion("for", suffix: " ")])
    #expect(try texts("print res") == ["response"])
    #expect(try texts("ret") == ["return"])
    #expect(try texts("cl") == ["clients_seen"])
}

@Test func completesEndpointPathsAfterARequestKeyword() throws {
    #expect(try texts("get /api/cl") == ["/api/client", "/api/clientcontract"])
    #expect(try texts("get all /api/tick") == ["/api/tickets", "/api/tickettype"])
    #expect(try texts("delete /api/sit") == ["/api/site"])
    #expect(try texts("x = 4 /api") == [])
}

@Test func completesMetaCommands() throws {
    #expect(Completer.complete(":sa", state: try session()) == [Completion("save", suffix: " ")])
}
