import Testing
@testable import HaloConfig

/// The TOML subset: what parses, and every error with the line it names.
@Suite struct TomlSubsetTests {
    @Test func parsesTablesKeysAndValues() throws {
        let text = """
        # halo profiles
        default_profile = "acme"   # trailing comment

        [profiles.acme]
        url = "https://acme.halopsa.com"
        production = true
        retries = 1_000
        offset = -3
        command = 'pass show "halo/acme"'
        escaped = "tab\\there \\"quoted\\" \\u00e9\\U0001F600 back\\\\slash"
        """
        let tables = try TOMLSubset.parse(text)
        #expect(tables.map(\.path) == [[], ["profiles", "acme"]])
        #expect(tables[0].entries == [.init(key: "default_profile", value: .string("acme"), line: 2)])
        let values = Dictionary(uniqueKeysWithValues: tables[1].entries.map { ($0.key, $0.value) })
        #expect(values["url"] == .string("https://acme.halopsa.com"))
        #expect(values["production"] == .bool(true))
        #expect(values["retries"] == .integer(1000))
        #expect(values["offset"] == .integer(-3))
        #expect(values["command"] == .string(#"pass show "halo/acme""#))
        #expect(values["escaped"] == .string("tab\there \"quoted\" é😀 back\\slash"))
        #expect(tables[1].line == 4)
        #expect(tables[1].entries.first?.line == 5)
    }

    @Test func windowsLineEndingsAndSpacesInHeaders() throws {
        let tables = try TOMLSubset.parse("[ profiles . x ]\r\nurl=\"u\"\r\n")
        #expect(tables[1].path == ["profiles", "x"])
        #expect(tables[1].entries[0].value == .string("u"))
    }

    @Test(arguments: [
        ("a = 1\n\nb = \"x", 3, "unterminated string"),
        ("a = 'x", 1, "unterminated string"),
        ("a = \"\\q\"", 1, "invalid escape '\\q'"),
        ("a = \"\\u12\"", 1, "invalid \\u escape"),
        ("\n[profiles.a]\nurl = \"x\"\nurl = \"y\"", 4, "duplicate key 'url' (first set on line 3)"),
        ("[t]\n[t]", 2, "table [t] is already defined on line 1"),
        ("a \"x\"", 1, "expected '=' after key 'a'"),
        ("a = \"x\" b", 1, "unexpected text after the value of 'a'"),
        ("a = [1, 2]", 1, "arrays and inline tables are not supported"),
        ("a = {b = 1}", 1, "arrays and inline tables are not supported"),
        ("a = 1.5", 1, "unsupported value '1.5'"),
        ("a = yes", 1, "unsupported value 'yes'"),
        ("a =", 1, "missing value"),
        ("[[a]]", 1, "arrays of tables"),
        ("[a", 1, "expected ']'"),
        ("[a] x", 1, "unexpected text after the table name"),
        ("\"a\" = 1", 1, "quoted keys are not supported"),
        ("= 1", 1, "expected a key"),
        ("a = \"\"\"x\"\"\"", 1, "multi-line strings are not supported"),
    ])
    func errorsNameTheirLine(text: String, line: Int, message: String) {
        #expect {
            try TOMLSubset.parse(text)
        } throws: { error in
            guard let error = error as? TOMLSubset.ParseError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }
}
