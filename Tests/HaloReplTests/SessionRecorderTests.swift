import HaloCore
import Testing
@testable import HaloRepl

@Test func savedRunbookKeepsStatementsPrintsValuesAndReferencesSecrets() {
    var recorder = SessionRecorder(builtins: Builtins.all().map(\.name))
    recorder.record(#"auth {url: "https://acme.halopsa.com", client_id: "abc", client_secret: "s3cr3t"}"#)
    recorder.record("get /api/client")
    recorder.record("names = response^clients^name")
    recorder.record("response^clients^0")
    recorder.record("table(response^clients)")
    recorder.record("write_file(\"x.txt\", \"y\")")
    recorder.record("  ")
    #expect(recorder.runbook(sandbox: true) == """
    #!/usr/bin/env halo
    # Saved from a halo REPL session. Run it with: halo --sandbox FILE
    auth {url: "https://acme.halopsa.com", client_id: "abc", client_secret_env: "HALO_CLIENT_SECRET"}
    get /api/client
    names = response^clients^name
    print response^clients^0
    print table(response^clients)
    write_file("x.txt", "y")

    """)
}
