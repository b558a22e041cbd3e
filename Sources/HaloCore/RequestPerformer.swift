/// The small interface through which `auth`, `get`, `post` and `delete` leave the language.
/// The core parses and evaluates requests; whoever embeds it (the `halo` command) decides what a
/// request means, so the core never imports an HTTP client.
public protocol RequestPerformer: AnyObject {
    /// `auth` (options nil) or `auth {...}` / `auth profile "NAME"` (options as given).
    func authenticate(_ options: Value?) throws
    /// Performs one request; throws `ScriptError` (with `status` and `body` fields) on a non-2xx reply.
    func perform(_ request: RequestSpec) throws -> RequestResult
    /// How many threads may be inside `perform` and `authenticate` at once: `pmap` runs up to this
    /// many items together. The default, 1, is for performers that are not thread-safe; a fan-out
    /// then runs its items one after another on the calling thread.
    var maxConcurrency: Int { get }
}

extension RequestPerformer {
    public var maxConcurrency: Int { 1 }
}

public enum RequestMethod: String, Sendable {
    case get = "GET", post = "POST", delete = "DELETE"
}

public struct RequestSpec {
    public var method: RequestMethod
    /// `get all`: walk every page.
    public var all: Bool
    public var path: String
    /// Query parameters (get, delete) or the body (post); nil when none was written.
    public var argument: Value?

    public init(method: RequestMethod, all: Bool, path: String, argument: Value?) {
        self.method = method
        self.all = all
        self.path = path
        self.argument = argument
    }
}

public struct RequestResult {
    public var status: Int
    public var body: Value
    public init(status: Int, body: Value) {
        self.status = status
        self.body = body
    }
}
