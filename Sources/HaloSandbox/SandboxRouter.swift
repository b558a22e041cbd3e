/// Turns a request into a reply, Halo-style, against the world behind the lock. Free of
/// Hummingbird so the HTTP adapter stays thin.
struct SandboxRouter: Sendable {
    let options: SandboxOptions
    let seeds: SandboxData
    let state: Locked<SandboxWorld>
    /// Which paths this port serves: a separate authorisation server serves only `/auth/token`.
    enum Role: Sendable { case all, api, auth }
    var role = Role.all
    /// The authorisation server's `/auth` URL when it has a port of its own.
    var authURL: String? = nil

    func handle(_ call: SandboxCall) -> Reply {
        if call.path.segments.first == "_sandbox" { return control(call) }
        let now = ContinuousClock.now
        return state.withLock { world in
            world.count(call)
            if let fault = world.takeFault(for: call) { return fault.reply }
            switch call.path.segments.first {
            case "auth" where call.path.segments == ["auth", "token"] && role != .api: return token(call, world: &world, now: now)
            case "api" where role != .auth: return api(call, world: &world, now: now)
            default: return noRoute(call)
            }
        }
    }

    private func api(_ call: SandboxCall, world: inout SandboxWorld, now: ContinuousClock.Instant) -> Reply {
        let route = Array(call.path.segments.dropFirst())
        switch (call.method, route) {
        case ("GET", ["instanceinfo"]): return instanceInfo(call)
        case ("GET", ["authinfo"]): return .json(200, ["auth_url": .string(authURL ?? baseURL(call) + "/auth"),
                                                      "tenant_id": .string(options.tenant)])
        default: break
        }
        let verdict = world.tokens.check(authorization: call.authorization, now: now)
        guard case .valid(let permissions) = verdict else {
            let challenge = verdict == .expired ? #"Bearer error="invalid_token", error_description="The token expired""#
                                                : "Bearer"
            return .message(401, "Authorization has been denied for this request.").adding(.wwwAuthenticate, challenge)
        }
        if let wait = world.limiter.admit(at: now) {
            world.stats.rateLimited += 1
            let limit = world.limiter.limit ?? 0
            let reply = Reply.json(429, ["error": .string(
                "Rate Limit Reached - \(limit) Requests per rolling \(world.limiter.windowDescription) window")])
            return options.sendRetryAfter ? reply.adding(.retryAfter, String(wait)) : reply
        }
        guard let name = route.first, let kind = ResourceKind.byPath[name], route.count <= 2 else { return noRoute(call) }
        let id = route.count == 2 ? recordID(route[1], kind: kind) : nil
        let needed = Permission.required(method: call.method, kind: kind)
        guard Permission.allows(permissions, needed) else {
            world.stats.forbidden += 1
            return .message(403, "The API application does not have the '\(needed)' permission required for \(call.method) /api/\(name).")
        }
        switch (call.method, route.count) {
        case ("GET", 1): return list(kind, call, world: world)
        case ("GET", 2): return single(kind, id: id, world: world)
        case ("POST", 1): return write(kind, call, world: &world)
        case ("DELETE", 2): return delete(kind, id: id, world: &world)
        default: return .message(405, "The requested resource does not support http method '\(call.method)'.")
        }
    }

    /// `/api/agent/me` is the agent the token acts as: the first one in the sandbox.
    private func recordID(_ segment: String, kind: ResourceKind) -> Int? {
        segment == "me" && kind.path == ResourceKind.agents.path ? 1 : Int(segment)
    }

    private func instanceInfo(_ call: SandboxCall) -> Reply {
        .json(200, ["tenant_id": .string(options.tenant), "name": .string("Halo Sandbox"),
                    "version": .string("2.236.133"), "product": .string("HaloPSA"),
                    "api_url": .string(baseURL(call) + "/api"), "auth_url": .string(authURL ?? baseURL(call) + "/auth"),
                    "is_sandbox": .bool(true)])
    }

    private func baseURL(_ call: SandboxCall) -> String {
        "http://" + (call.host ?? "\(options.host):\(options.port)")
    }

    private func noRoute(_ call: SandboxCall) -> Reply {
        .message(404, "No HTTP resource was found that matches the request URI '\(call.path.normalized)'.")
    }

    // MARK: - Control endpoints (not Halo's; for tests)

    private func control(_ call: SandboxCall) -> Reply {
        guard call.fromLoopback else { return .message(403, "Sandbox control endpoints answer loopback clients only.") }
        switch (call.method, Array(call.path.segments.dropFirst())) {
        case ("GET", ["stats"]):
            return .json(200, state.withLock { $0.stats.json })
        case ("POST", ["faults"]):
            let value = try? JSONReader.parse(call.body)
            let objects: [JSONObject]
            switch value {
            case .object(let object)?: objects = [object]
            case .array(let elements)?: objects = elements.compactMap(\.objectValue)
            default: objects = []
            }
            let faults = objects.compactMap(SandboxFault.init(json:)).filter { $0.count > 0 }
            guard !faults.isEmpty, faults.count == objects.count else {
                return .message(400, #"Expected {"method","path","status","count","retry_after","body","delay"} with a status from 100 to 599 and a delay of 0 or more seconds"#)
            }
            state.withLock { $0.faults.append(contentsOf: faults) }
            return .json(201, ["queued": .int(faults.count)])
        case ("DELETE", ["faults"]):
            state.withLock { $0.faults.removeAll() }
            return .empty(200)
        case ("POST", ["reset"]):
            reset()
            return .json(200, ["reset": .bool(true)])
        default:
            return .message(404, "Unknown sandbox control endpoint '\(call.path.normalized)'.")
        }
    }

    /// Back to the seeds (re-read if the files changed since start), with no stats, faults or
    /// rate-limit history. Issued tokens stay valid so a client can carry on.
    func reset() {
        let data = (try? SeedLoader.load(directory: options.seedsDirectory, shiftingDatesTo: options.dateShiftNow)) ?? seeds
        state.withLock { $0 = SandboxWorld(data: data, options: options, keepingTokensOf: $0) }
    }
}
