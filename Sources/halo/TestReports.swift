import Foundation

/// The machine-readable reports of `halo test`: JUnit XML (for CI systems) and TAP.
enum TestReports {
    /// One `<testsuite>` per file and one `<testcase>` per assert; a file with no asserts is one
    /// test case that passes when the file runs to the end.
    static func junit(_ results: [TestFileResult]) -> String {
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let tests = results.reduce(0) { $0 + max(1, $1.asserts.count) }
        let failures = results.reduce(0) { $0 + $1.failedAsserts }
        let errors = results.filter { $0.error != nil }.count
        let time = results.reduce(0) { $0 + $1.seconds }
        out.append("<testsuites name=\"halo test\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(format(time))\">")
        for r in results {
            out.append("  <testsuite name=\"\(xml(r.file))\" tests=\"\(max(1, r.asserts.count))\" failures=\"\(r.failedAsserts)\" errors=\"\(r.error == nil ? 0 : 1)\" time=\"\(format(r.seconds))\">")
            if r.asserts.isEmpty {
                out.append("    <testcase classname=\"\(xml(r.file))\" name=\"runs to the end\" time=\"\(format(r.seconds))\">")
            }
            for a in r.asserts {
                let name = "line \(a.line): \(a.source)"
                if let failure = a.failure {
                    out.append("    <testcase classname=\"\(xml(r.file))\" name=\"\(xml(name))\">")
                    out.append("      <failure message=\"\(xml(firstLine(failure)))\">\(xml(failure))</failure>")
                    out.append("    </testcase>")
                } else {
                    out.append("    <testcase classname=\"\(xml(r.file))\" name=\"\(xml(name))\"/>")
                }
            }
            if let error = r.error {
                if !r.asserts.isEmpty { out.append("    <testcase classname=\"\(xml(r.file))\" name=\"runs to the end\">") }
                out.append("      <error message=\"\(xml(firstLine(error)))\">\(xml(error))</error>")
                out.append("    </testcase>")
            } else if r.asserts.isEmpty {
                out.append("    </testcase>")
            }
            if !r.output.isEmpty {
                out.append("    <system-out>\(xml(r.output.joined(separator: "\n")))</system-out>")
            }
            out.append("  </testsuite>")
        }
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }

    /// TAP 13: one line per assert (or per file without asserts), diagnostics as `#` comments.
    static func tap(_ results: [TestFileResult]) -> String {
        var lines: [String] = []
        var n = 0
        func add(_ ok: Bool, _ name: String, _ detail: String?) {
            n += 1
            lines.append("\(ok ? "ok" : "not ok") \(n) - \(name)")
            if let detail { lines += detail.split(separator: "\n").map { "  # " + $0 } }
        }
        for r in results {
            for a in r.asserts { add(a.failure == nil, "\(r.file):\(a.line) \(a.source)", a.failure) }
            if r.asserts.isEmpty || r.error != nil { add(r.error == nil, "\(r.file) runs to the end", r.error) }
        }
        return (["TAP version 13", "1..\(n)"] + lines).joined(separator: "\n") + "\n"
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "")
    }

    private static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\u{1B}": continue
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
