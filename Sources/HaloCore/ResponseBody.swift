import Foundation

extension JSON {
    /// The note on errors about input that is JSON but past halo's limits (nesting, number range).
    public static let beyondLimitsNote = "the text is JSON, but past what halo accepts (docs/LANGUAGE.md, Limits)"

    /// A response body as a value: JSON when it parses, else its text (an HTML error page, a plain
    /// message), and null when empty. JSON past halo's limits is an error rather than text: the
    /// script would otherwise get a string where it expects the records.
    public static func responseBody(_ body: Data) throws -> Value {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .null }
        do {
            return try parse(body)
        } catch let error as ScriptError where error.notes.contains(beyondLimitsNote) {
            throw error
        } catch {
            return .string(String(decoding: body, as: UTF8.self))
        }
    }
}
