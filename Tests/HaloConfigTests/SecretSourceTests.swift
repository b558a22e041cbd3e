import Testing
@testable import HaloConfig

/// Where secrets come from, and that failures never show them.
@Suite struct SecretSourceTests {
    @Test func fromTheEnvironment() throws {
        let source = SecretSource.environment("ACME_SECRET")
        #expect(try source.resolve(profile: "acme", environment: ["ACME_SECRET": "abc"]) == "abc")
        #expect(throws: ConfigError("profile 'acme': environment variable ACME_SECRET (its secret_env) is not set")) {
            try source.resolve(profile: "acme", environment: ["ACME_SECRET": ""])
        }
    }

    @Test func fromACommandTrimmed() throws {
        let source = SecretSource.command("printf '  from-command\\n\\n'")
        #expect(try source.resolve(profile: "p", environment: [:]) == "from-command")
    }

    @Test func aFailingCommandDoesNotShowItsOutput() {
        let source = SecretSource.command("echo leaked-stdout; echo leaked-stderr >&2; exit 3")
        #expect {
            try source.resolve(profile: "p", environment: [:])
        } throws: { error in
            let message = (error as? ConfigError)?.message ?? ""
            return message.contains("profile 'p': secret_command exited with status 3")
                && !message.contains("leaked")
        }
    }

    @Test func aCommandThatPrintsNothingIsAnError() {
        #expect {
            try SecretSource.command("true").resolve(profile: "p", environment: [:])
        } throws: { error in
            (error as? ConfigError)?.message == "profile 'p': secret_command printed nothing; it should print the client secret"
        }
    }

    @Test func theCommandCannotReadStdin() throws {
        // stdin is /dev/null: `cat` ends at once and prints nothing.
        #expect(throws: ConfigError.self) { try SecretSource.command("cat").resolve(profile: "p", environment: [:]) }
    }

    @Test func descriptionsNeverShowAnInlineSecret() {
        let inline = SecretSource.inline("very-secret-1")
        #expect(inline.description == "client_secret in the config file")
        var dumped = ""
        dump(Profile(name: "p", url: "u", clientID: "c", secret: inline), to: &dumped)
        #expect(!dumped.contains("very-secret-1"))
        #expect("\(inline)" == inline.description)
        #expect(SecretSource.environment("X").description == "env $X")
        #expect(SecretSource.command("pass show a").description == "command: pass show a")
        #expect(SecretSource.command("printf 'a\\n'\tb\n").description == #"command: printf 'a\n'\tb\n"#)
    }
}
