import Testing
@testable import HaloClient
import HaloURLSession

/// The real transports, so each wire test runs over both.
enum Wire: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case curl, urlSession

    var testDescription: String { rawValue }

    func transport(timeout: Double, userAgent: String = "halo/0.1") throws -> any HTTPTransport {
        switch self {
        case .curl: return try CurlTransport(timeout: timeout, userAgent: userAgent)
        case .urlSession: return URLSessionTransport(timeout: timeout, userAgent: userAgent)
        }
    }
}
