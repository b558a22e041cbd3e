import Foundation

/// Halo answers some failures with a 2xx status and the error in the body (research notes, c and
/// f: "errors sometimes HTTP 200"). Only shapes that cannot be data are taken for errors: a JSON
/// object, small, whose every key is one of Halo's error keys (the OAuth pair, the .NET exception
/// pair, `resultCode`/`errorMessage`, `message`) with a string value (or a number for
/// `resultCode`), at least one of them non-empty text. Any other key, any list or nested object,
/// means a record or a page and the reply is left alone; so is every array.
enum ErrorInSuccessReply {
    static let errorKeys: Set<String> = ["error", "error_description", "message", "Message", "ClassName",
                                         "errorMessage", "resultCode"]
    /// The keys whose text says what went wrong; one of them must hold some.
    static let textKeys = ["error", "error_description", "message", "Message", "errorMessage"]
    /// An error object is a few hundred bytes; larger bodies are never parsed for this.
    static let maxLength = 16 << 10

    /// What Halo said, when `body` is an error in disguise; nil for anything that may be data.
    static func detect(_ body: Data) -> ErrorBody? {
        guard body.count <= maxLength,
              body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{"),
              let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              !object.isEmpty,
              object.allSatisfy({ key, value in
                  errorKeys.contains(key) && (value is String || (key == "resultCode" && value is NSNumber))
              }),
              textKeys.contains(where: { ((object[$0] as? String) ?? "").contains { !$0.isWhitespace } })
        else { return nil }
        return ErrorBody(body)
    }
}
