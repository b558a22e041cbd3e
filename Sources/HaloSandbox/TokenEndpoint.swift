import Foundation

/// `POST /auth/token?tenant=T`: the OAuth client-credentials grant, with Halo's failure shapes.
extension SandboxRouter {
    func token(_ call: SandboxCall, world: inout SandboxWorld, now: ContinuousClock.Instant) -> Reply {
        guard call.method == "POST" else {
            return .message(405, "The requested resource does not support http method '\(call.method)'.")
        }
        // Hosted Halo answers an unknown tenant with an unhandled .NET exception, not an OAuth error.
        if let tenant = call.query["tenant"], !tenant.isEmpty, tenant.lowercased() != options.tenant.lowercased() {
            return .json(500, ["ClassName": .string("System.Exception"),
                               "Message": .string("Tenant '\(tenant)' could not be resolved."),
                               "Data": .null, "InnerException": .null, "HResult": .int(-2146233088)])
        }
        let form = QueryParameters(String(decoding: call.body, as: UTF8.self))
        guard form["grant_type"] == "client_credentials" else {
            return .json(400, ["error": .string("unsupported_grant_type")])
        }
        guard let application = options.applications.first(where: {
            form["client_id"] == $0.clientID && form["client_secret"] == $0.clientSecret
        }) else {
            return .json(401, ["error": .string("invalid_client"),
                               "error_description": .string("The client_id or client_secret is not valid.")])
        }
        let requested = (form["scope"] ?? "").split(separator: " ").map(String.init)
        if let unknown = requested.first(where: { !Permission.isKnown($0) }) {
            return .json(400, ["error": .string("invalid_scope"),
                               "error_description": .string("The scope '\(unknown)' is not valid.")])
        }
        let permissions = Permission.granted(requested: requested, application: application.permissions)
        let token = world.tokens.issue(lifetime: options.tokenLifetime, permissions: permissions, now: now)
        world.stats.tokensIssued += 1
        let scope = permissions.map { $0.sorted().joined(separator: " ") } ?? (requested.isEmpty ? "all" : requested.joined(separator: " "))
        return .json(200, ["access_token": .string(token), "token_type": .string("Bearer"),
                           "expires_in": .int(options.tokenLifetime), "scope": .string(scope)])
    }
}
