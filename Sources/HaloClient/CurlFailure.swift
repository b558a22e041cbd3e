import CCurl

/// Sorts libcurl's result codes by whether the request may have reached the server, the
/// distinction `TransportFailure` exists for.
enum CurlFailure {
    static func failure(_ code: CURLcode, detail: String) -> TransportFailure {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
             // A failed TLS handshake comes before any request byte.
             CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_UNSUPPORTED_PROTOCOL:
            return .cannotConnect(detail)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return .connectionLost(detail)
        default:
            return .other(detail)
        }
    }
}
