import Foundation
import Testing
@testable import HaloClient

struct TokenManagerTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func renewalMargin() {
        #expect(TokenManager.renewalMargin(lifetime: 3600) == 60)
        #expect(TokenManager.renewalMargin(lifetime: 300) == 30)
        #expect(abs(TokenManager.renewalMargin(lifetime: 2) - 0.2) < 1e-9)
    }

    @Test func renewsShortlyBeforeExpiry() throws {
        var tokens = TokenManager()
        #expect(tokens.needsToken(now: start))
        try tokens.store(reply: Data(#"{"access_token":"abc","token_type":"bearer","expires_in":3600}"#.utf8), receivedAt: start)
        #expect(tokens.current?.authorization == "Bearer abc")
        #expect(!tokens.needsToken(now: start.addingTimeInterval(3539)))
        #expect(tokens.needsToken(now: start.addingTimeInterval(3540)))
    }

    @Test func twoSecondTokenIsUsedThenRenewed() throws {
        var tokens = TokenManager()
        try tokens.store(reply: Data(#"{"access_token":"abc","expires_in":"2"}"#.utf8), receivedAt: start)
        #expect(!tokens.needsToken(now: start.addingTimeInterval(1.7)))
        #expect(tokens.needsToken(now: start.addingTimeInterval(1.8)))
        tokens.invalidate()
        #expect(tokens.needsToken(now: start))
    }

    @Test func replyWithoutTokenIsRejected() {
        var tokens = TokenManager()
        #expect(throws: HaloClientError.self) { try tokens.store(reply: Data(#"{"token_type":"Bearer"}"#.utf8), receivedAt: start) }
        #expect(throws: HaloClientError.self) { try tokens.store(reply: Data("<html>".utf8), receivedAt: start) }
    }

    @Test func missingLifetimeAssumesAnHour() throws {
        var tokens = TokenManager()
        let token = try tokens.store(reply: Data(#"{"access_token":"abc"}"#.utf8), receivedAt: start)
        #expect(token.lifetime == 3600 && token.type == "Bearer")
    }
}
