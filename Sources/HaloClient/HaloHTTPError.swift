import Foundation

/// A request that did not get a 2xx reply, with what Halo said and what to do about it.
/// The message reads like `POST /api/tickets: 400 Bad Request: Summary is required`.
public struct HaloHTTPError: Error, CustomStringConvertible, Sendable {
    public var method: HTTPMethod
    /// The path as requested, without the base URL or query.
    public var path: String
    /// HTTP status, or 0 when no reply arrived.
    public var status: Int
    /// Halo's own text from the body (secrets redacted), when there was any.
    public var haloMessage: String?
    /// Why there was no reply (timeout, refused connection), when `status == 0`.
    public var transportFailure: TransportFailure?
    /// A next step for well-known failures.
    public var hint: String?
    /// The raw reply body (secrets redacted), for callers that want to show or parse it.
    public var body: Data
    /// A POST or DELETE timed out, dropped or got a 5xx: Halo may have applied it.
    public var writeMayHaveApplied: Bool
    /// The limit that cut the request short and the setting behind it, like `120 s (--timeout)`
    /// or `256 MB (--max-response-mb)`, when a limit did.
    public var limit: String?
    /// The status was 2xx but the body held only an error (see `ErrorInSuccessReply`).
    public var errorInSuccessReply: Bool
    /// The page of a concurrent `getAll` walk this request fetched, named in the message (several
    /// pages are in flight at once, so the path alone does not say which failed).
    public var page: Int?

    public init(method: HTTPMethod, path: String, status: Int, haloMessage: String? = nil,
                transportFailure: TransportFailure? = nil, hint: String? = nil, body: Data = Data(),
                writeMayHaveApplied: Bool = false, limit: String? = nil, errorInSuccessReply: Bool = false) {
        self.method = method
        self.path = path
        self.status = status
        self.haloMessage = haloMessage
        self.transportFailure = transportFailure
        self.hint = hint
        self.body = body
        self.writeMayHaveApplied = writeMayHaveApplied
        self.limit = limit
        self.errorInSuccessReply = errorInSuccessReply
    }

    public var message: String {
        var text = "\(method.rawValue) \(path)\(page.map { " (page \($0))" } ?? ""): "
        switch (transportFailure, limit) {
        case (.timedOut?, let limit?):
            text += "no reply within \(limit)"
        case (.replyTooLarge?, let limit?):
            text += "reply larger than \(limit)"
        case _ where status == 0:
            text += "no reply (\(transportFailure?.description ?? "no reply"))"
        default:
            text += "\(status) \(HTTPStatusText.text(status))"
            if errorInSuccessReply { text += " with an error in the reply" }
            if let haloMessage { text += ": \(haloMessage)" }
        }
        if writeMayHaveApplied {
            text += "; the write may or may not have happened: check in Halo before running it again"
        }
        if let hint { text += " (\(hint))" }
        return text
    }

    public var description: String { message }
}
