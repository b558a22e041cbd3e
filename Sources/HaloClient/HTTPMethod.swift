/// The verbs Halo's API uses: create and update are both POST.
public enum HTTPMethod: String, Sendable {
    case get = "GET", post = "POST", delete = "DELETE"

    /// Safe to resend after a timeout or a 5xx: only reads. A POST without an id creates a
    /// record, so resending one that may have landed would create a duplicate.
    var isIdempotent: Bool { self == .get }
}
