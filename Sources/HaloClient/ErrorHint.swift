/// A next step for the failures people hit most, appended to error messages.
enum ErrorHint {
    /// What the hint depends on, gathered where the error is raised.
    struct Context {
        init(status: Int, oauthError: String?, failure: TransportFailure?, isTokenRequest: Bool,
             isTenantLookup: Bool = false, attempts: Int, baseURL: String, permission: String? = nil) {
            self.status = status
            self.oauthError = oauthError
            self.failure = failure
            self.isTokenRequest = isTokenRequest
            self.isTenantLookup = isTenantLookup
            self.attempts = attempts
            self.baseURL = baseURL
            self.permission = permission
        }

        var status: Int
        var oauthError: String?
        var failure: TransportFailure?
        var isTokenRequest: Bool
        /// The `/api/instanceinfo` lookup made when no tenant was given.
        var isTenantLookup = false
        /// Attempts made for this request (for the 429 hint).
        var attempts: Int
        var baseURL: String
        /// The permission the request needs (`edit:tickets`), when the path says.
        var permission: String?
    }

    static func hint(_ context: Context) -> String? {
        if context.oauthError == "invalid_client" {
            return "check the client id and secret (HALO_CLIENT_ID, HALO_CLIENT_SECRET) and that the API application is active in Halo"
        }
        if let failure = context.failure {
            switch failure {
            case .cannotConnect, .timedOut:
                return "check the URL (\(context.baseURL)) and that Halo is reachable from here"
            case .connectionLost, .other, .replyTooLarge:
                return nil
            }
        }
        if context.isTenantLookup {
            return "the tenant could not be looked up at /api/instanceinfo; set it explicitly (HALO_TENANT)"
        }
        switch context.status {
        case 401 where context.isTokenRequest:
            return "check the client id and secret and that the API application is active in Halo"
        case 401:
            return "Halo refused the token even after signing in again; check the API application in Halo"
        case 403:
            guard let permission = context.permission else {
                return "the API application's permissions (scopes) or the agent's role do not allow this"
            }
            return "this needs the '\(permission)' permission: add it to the API application's permissions in Halo "
                + "(Configuration > Integrations > Halo API > the application > Permissions), and check that its agent's role allows it"
        case 404:
            return "unknown id or path"
        case 429:
            let tries = context.attempts == 1 ? "1 attempt" : "\(context.attempts) attempts"
            return "rate limit: Halo counts requests over a rolling 5-minute window; gave up after \(tries)"
        case 500 where context.isTokenRequest:
            return "check the tenant (HALO_TENANT); Halo answers 500 to an unknown tenant"
        default:
            return nil
        }
    }
}
