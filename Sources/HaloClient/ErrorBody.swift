import Foundation

/// Halo's own words from an error reply. Halo answers errors in several shapes (OAuth, .NET
/// exception, resultCode, bare text); they are tried in the order HaloAPI's `New-HaloError` uses.
struct ErrorBody: Equatable {
    /// The human text, or nil for an empty body.
    var message: String?
    /// The OAuth `error` code (e.g. `invalid_client`), used to pick a hint.
    var oauthError: String?

    /// Plain-text bodies (HTML error pages, stack traces) are cut to this many characters.
    static let maxPlainLength = 300

    init(message: String?, oauthError: String? = nil) {
        self.message = message
        self.oauthError = oauthError
    }

    init(_ body: Data) {
        if let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
           let parsed = Self.fromJSON(object) {
            self = parsed
            return
        }
        let text = String(decoding: body, as: UTF8.self)
        self.init(message: Self.plain(text))
    }

    private static func fromJSON(_ object: [String: Any]) -> ErrorBody? {
        func text(_ key: String) -> String? {
            guard let value = object[key] else { return nil }
            let string = (value as? String) ?? "\(value)"
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty || value is NSNull ? nil : trimmed
        }
        let oauth = text("error")
        if let description = text("error_description") {
            // Keep the OAuth code: it is what Halo's docs and forums name (`invalid_client`).
            return ErrorBody(message: oauth.map { "\($0): \(description)" } ?? description, oauthError: oauth)
        }
        if let oauth { return ErrorBody(message: oauth, oauthError: oauth) }
        if let message = text("Message") ?? text("message") {
            if let className = text("ClassName") { return ErrorBody(message: "\(message) (\(className))") }
            return ErrorBody(message: message)
        }
        if let className = text("ClassName") { return ErrorBody(message: className) }
        if let errorMessage = text("errorMessage") {
            let code = text("resultCode").map { " (resultCode \($0))" } ?? ""
            return ErrorBody(message: errorMessage + code)
        }
        return nil
    }

    /// Trimmed, whitespace runs collapsed, cut to `maxPlainLength` with an ellipsis.
    static func plain(_ text: String) -> String? {
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !collapsed.isEmpty else { return nil }
        guard collapsed.count > maxPlainLength else { return collapsed }
        return String(collapsed.prefix(maxPlainLength)) + "…"
    }
}
