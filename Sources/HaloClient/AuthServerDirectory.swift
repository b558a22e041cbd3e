import Synchronization

/// Where each Halo URL issues tokens, once `/api/authinfo` has said so: hosted Halo issues them at
/// `{url}/auth`, a self-hosted instance may name a separate authorisation server. Kept for the
/// process, so every client of one URL asks at most once.
enum AuthServerDirectory {
    private static let known = Mutex<[String: String]>([:])

    static func authURL(for baseURL: String) -> String? {
        known.withLock { $0[baseURL] }
    }

    static func remember(_ authURL: String, for baseURL: String) {
        known.withLock { $0[baseURL] = authURL }
    }
}
