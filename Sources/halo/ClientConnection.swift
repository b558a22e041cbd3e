import HaloClient
#if os(macOS)
import HaloURLSession
#endif

extension HaloClient {
    /// The client every command uses: libcurl, or URLSession where this build offers it
    /// (macOS; on Linux FoundationNetworking would load libcurl at every start, see `URLSessionTransport`).
    static func connect(credentials: HaloCredentials, options: HaloClientOptions) throws -> HaloClient {
        try HaloClient(credentials: credentials, options: options,
                       transport: DefaultTransport.make(options: options, urlSession: urlSessionTransport))
    }
}

#if os(macOS)
private let urlSessionTransport: (@Sendable (HaloClientOptions) -> any HTTPTransport)? = { URLSessionTransport(options: $0) }
#else
private let urlSessionTransport: (@Sendable (HaloClientOptions) -> any HTTPTransport)? = nil
#endif
