import Testing
@testable import HaloClient

/// `rate_limit = "700/300"`: what parses and what does not.
struct RateLimitTextTests {
    @Test func parsesRequestsPerSeconds() {
        #expect(RateLimit("700/300") == RateLimit(requests: 700, seconds: 300))
        #expect(RateLimit(" 120 / 10 ") == RateLimit(requests: 120, seconds: 10))
        #expect(RateLimit("5/0.5") == RateLimit(requests: 5, seconds: 0.5))
        #expect(RateLimit.halo.description == "700/300")
        #expect(RateLimit("5/0.5")?.description == "5/0.5")
    }

    @Test(arguments: ["", "700", "700/", "/300", "0/300", "700/0", "-1/10", "1.5/10", "a/b", "1/2/3", "10/inf"])
    func refusesAnythingElse(text: String) {
        #expect(RateLimit(text) == nil)
    }
}
