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
        guard form["client_id"] == options.clientID, form["client_secret"] == options.clientSecret else {
            return .json(401, ["error": .string("invalid_client"),
                               "error_description": .string("The client_id or client_secret is not valid.")])
        }
        let token = world.tokens.issue(lifetime: options.tokenLifetime, now: now)
        world.stats.tokensIssued += 1
        let scope = form["scope"].flatMap { $0.isEmpty ? nil : $0 } ?? "all"
        return .json(200, ["access_token": .string(token), "token_type": .string("Bearer"),
                           "expires_in": .int(options.tokenLifetime), "scope": .string(scope)])
    }
}
