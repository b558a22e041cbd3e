import HaloCore
import Foundation
import Testing
@testable import HaloRepl

private func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("halo-history-\(UUID().uuidString)/state/halo/history").path
}

@Test func historyMasksSecretLiterals() {
    #expect(SecretMasker.masked(#"auth {url: "https://acme.halopsa.com", client_id: "abc", client_secret: "s3cr3t!"}"#)
            == #"auth {url: "https://acme.halopsa.com", client_id: "abc", client_secret: "***"}"#)
    #expect(SecretMasker.masked(#"token = 'eyJhbGciOi.xyz'"#) == #"token = '***'"#)
    #expect(SecretMasker.masked(#"h = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.abc"}"#) == #"h = {"Authorization": "Bearer ***"}"#)
    #expect(SecretMasker.masked(#"if token == "x" { }"#) == #"if token == "x" { }"#)
    #expect(SecretMasker.masked(#"get /api/client {search: "Acme"}"#) == #"get /api/client {search: "Acme"}"#)
}

@Test func historyIsKeptMaskedPrivateAndBounded() throws {
    let path = temporaryPath()
    let store = HistoryStore(path: path, limit: 8)
    store.append("get /api/client")
    store.append("auth {client_id: \"id\", client_secret: \"hunter2\"}")
    store.append("if x {\n  print 1\n}")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(!text.contains("hunter2"))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(HistoryStore(path: path).load() == ["get /api/client", "auth {client_id: \"id\", client_secret: \"***\"}",
                                                 "if x {\n  print 1\n}"])
    for i in 0..<20 { store.append("x = \(i)") }
    let kept = HistoryStore(path: path, limit: 8).load()
    #expect(kept.count == 8)
    #expect(kept.last == "x = 19")
    #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count <= 10)
}

@Test func historyPathFollowsXDGStateHome() {
    #expect(HistoryStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/halo/history")
    #expect(HistoryStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/halo/history")
    #expect(HistoryStore.defaultPath(environment: [:]) == nil)
}
