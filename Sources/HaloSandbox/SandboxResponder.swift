import Hummingbird

/// The Hummingbird adapter: one responder for every path, because Halo matches paths
/// case-insensitively and Hummingbird's router does not.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    /// Locked only because the API port learns the authorisation server's URL after it starts.
    let router: Locked<SandboxRouter>
    private static let maxBody = 64 << 20

    func respond(to request: Request, context: Context) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maxBody)
        let call = SandboxCall(
            method: request.method.rawValue.uppercased(),
            path: RequestPath(request.uri.path),
            query: QueryParameters(request.uri.query),
            authorization: request.headers[.authorization],
            host: request.head.authority,
            fromLoopback: context.fromLoopback,
            body: Array(body.readableBytesView))
        let router = self.router.withLock { $0 }
        let reply = router.handle(call)
        // Outside the state lock and asleep, not blocking a thread: a delayed reply holds up no
        // other request. The control endpoints are not Halo's and answer at once.
        let network = call.path.segments.first == "_sandbox" ? 0 : router.options.replyDelay()
        if reply.delay + network > 0 { try await Task.sleep(for: .seconds(reply.delay + network)) }
        var headers = HTTPFields()
        for (name, value) in reply.headers {
            switch name {
            case .contentType: headers[.contentType] = value
            case .retryAfter: headers[.retryAfter] = value
            case .wwwAuthenticate: headers[.wwwAuthenticate] = value
            }
        }
        return Response(status: .init(code: reply.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}

/// Remembers whether the peer is on this machine: the /_sandbox control endpoints answer no
/// one else, even when the sandbox is bound to a public address.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let fromLoopback: Bool

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let peer = source.channel.remoteAddress?.ipAddress ?? ""
        fromLoopback = peer.hasPrefix("127.") || peer == "::1" || peer.hasPrefix("::ffff:127.")
    }
}
