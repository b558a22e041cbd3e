import Foundation
import Testing
@testable import HaloCore

/// docs/BUILTINS.md must have a `### name(` heading for every built-in, and none for a missing one.
@Test func everyBuiltinIsDocumented() throws {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/BUILTINS.md").standardized
    let text = try String(contentsOf: docs, encoding: .utf8)
    let documented = Set(text.matches(of: /(?:^### |\/ )([a-z_]+)\(/.anchorsMatchLineEndings()).map { String($0.1) })
    let names = Set(Builtins.all().map(\.name))
    #expect(names.subtracting(documented).sorted() == [])
    #expect(documented.subtracting(names).sorted() == [])
}
