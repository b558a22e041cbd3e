import Foundation
import Testing
@testable import HaloClient

/// The on-disk token cache and how the client uses it: reuse until shortly before expiry,
/// replace a refused token, never store or name the secret.
@Suite struct TokenCacheTests {
    /// A fresh cache directory, removed by the caller.
    static func temporaryCache() -> FileTokenCache {
        FileTokenCache(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("halo-cache-\(UUID().uuidString)/halo").path)
    }

    /// The key the fixture's client uses: its credentials, the secret as a digest.
    static let key = TokenCacheKey(credentials: Fixture.credentials)

    static func mode(_ path: String) -> UInt32 {
        var info = stat()
        stat(path, &info)
        return UInt32(info.st_mode) & 0o777
    }

    @Test func savesWithPrivateModesAndLoadsBack() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        let token = CachedToken(value: "tok-abc", type: "Bearer", lifetime: 3600, receivedAt: Date(timeIntervalSince1970: 1_000))
        try cache.save(token, for: Self.key)
        #expect(Self.mode(cache.directory) == 0o700)
        #expect(Self.mode(cache.path(for: Self.key)) == 0o600)
        #expect(cache.load(Self.key) == token)
        var other = Self.key
        other.scope = "read:tickets"
        #expect(cache.load(other) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory) == [FileTokenCache.fileName(for: Self.key)])
    }

    @Test func aFileOthersCanReadIsIgnored() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        try cache.save(CachedToken(value: "t", type: "Bearer", lifetime: 60, receivedAt: Date()), for: Self.key)
        chmod(cache.path(for: Self.key), 0o644)
        #expect(cache.load(Self.key) == nil)
    }

    @Test func anExistingOpenDirectoryIsNarrowed() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: cache.directory, withIntermediateDirectories: true)
        chmod(cache.directory, 0o755)
        try cache.save(CachedToken(value: "t", type: "Bearer", lifetime: 60, receivedAt: Date()), for: Self.key)
        #expect(Self.mode(cache.directory) == 0o700)
    }

    @Test func fileNamesAreStableHashesOfTheKeyOnly() {
        let name = FileTokenCache.fileName(for: Self.key)
        #expect(name.hasPrefix("token-") && name.hasSuffix(".json") && name.count == "token-".count + 16 + ".json".count)
        #expect(name == FileTokenCache.fileName(for: Self.key))
        var lookedUp = Self.key
        lookedUp.tenant = nil
        var none = Self.key
        none.tenant = ""
        #expect(Set([name, FileTokenCache.fileName(for: lookedUp), FileTokenCache.fileName(for: none)]).count == 3)
        #expect(FNV1a.hex64(Array("a".utf8)) == "af63dc4c8601ec8c")   // the published FNV-1a 64 test vector
    }

    @Test func aRotatedSecretMissesTheCache() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        let server = try LoopbackServer { request, index in
            request.target.hasPrefix("/auth/token")
                ? .json(#"{"access_token":"rotation-token-\#(index)","expires_in":3600}"#) : .json("[]")
        }
        defer { server.stop() }
        func signIn(secret: String) throws {
            var options = HaloClientOptions()
            options.tokenCache = cache
            try HaloClient(credentials: HaloCredentials(url: server.url, tenant: "t", clientID: "c", clientSecret: secret),
                           options: options).authenticate()
        }
        try signIn(secret: "old-secret-value")
        try signIn(secret: "old-secret-value")
        #expect(server.requests.count == 1, "the same secret reuses the cached token")
        try signIn(secret: "rotated-secret-value")
        #expect(server.requests.count == 2, "a changed secret is tried against the server at once")
        #expect(server.requests.last?.body.contains(Data("rotated-secret-value".utf8)) == true)
        for name in try FileManager.default.contentsOfDirectory(atPath: cache.directory) {
            let text = try String(contentsOfFile: cache.directory + "/" + name, encoding: .utf8)
            #expect(!text.contains("secret-value"), "no secret on disk")
        }
    }

    @Test func aTemporaryFileLeftByAnInterruptedWriteIsReplaced() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        let token = CachedToken(value: "whole", type: "Bearer", lifetime: 60, receivedAt: Date(timeIntervalSince1970: 5))
        try cache.save(token, for: Self.key)
        // What a run killed between open and rename leaves: half a file under this process's temporary name.
        let leftover = cache.path(for: Self.key) + ".\(getpid()).tmp"
        try #"{"key":{"#.write(toFile: leftover, atomically: false, encoding: .utf8)
        try cache.save(token, for: Self.key)
        #expect(cache.load(Self.key) == token)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(Self.mode(cache.path(for: Self.key)) == 0o600)
    }

    @Test func clearRemovesOnlyTokenFiles() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        #expect(try cache.clear() == 0, "a missing directory is nothing to clear")
        var second = Self.key
        second.clientID = "client-2"
        for key in [Self.key, second] {
            try cache.save(CachedToken(value: "t", type: "Bearer", lifetime: 60, receivedAt: Date()), for: key)
        }
        try "keep".write(toFile: cache.directory + "/notes.txt", atomically: false, encoding: .utf8)
        #expect(try cache.clear() == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory) == ["notes.txt"])
    }

    @Test func defaultDirectoryFollowsXDG() {
        #expect(FileTokenCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/halo")
        #expect(FileTokenCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/halo")
    }

    // MARK: - The client with a cache

    @Test func aSecondClientReusesTheCachedTokenWithoutSigningIn() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        let transport = ScriptedTransport()
        let (first, _, _) = try Fixture.client(transport) { $0.tokenCache = cache }
        _ = try first.send(.get, path: "/api/client")
        let (second, _, _) = try Fixture.client(transport) { $0.tokenCache = cache }
        try second.authenticate()
        _ = try second.send(.get, path: "/api/client")
        #expect(transport.tokensIssued == 1)
        #expect(transport.requests.last?.header("Authorization") == "Bearer tok-1")
        let onDisk = try String(contentsOfFile: cache.path(for: Self.key), encoding: .utf8)
        #expect(!onDisk.contains(Fixture.secret), "the secret is never written to the cache")
        #expect(!FileTokenCache.fileName(for: Self.key).contains(Fixture.secret))
    }

    @Test func aTokenNearExpiryIsNotReused() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        let received = Date(timeIntervalSince1970: 1_000_000)
        try cache.save(CachedToken(value: "old", type: "Bearer", lifetime: 3600, receivedAt: received), for: Self.key)
        let transport = ScriptedTransport()
        let (client, _, _) = try Fixture.client(transport) { $0.tokenCache = cache }
        client.now = { received.addingTimeInterval(3539) }
        try client.authenticate()
        #expect(transport.tokensIssued == 0, "59 minutes in, a 1-hour token is still good")

        let (late, _, _) = try Fixture.client(transport) { $0.tokenCache = cache }
        late.now = { received.addingTimeInterval(3540) }   // inside the same 60 s margin the client renews at
        try late.authenticate()
        #expect(transport.tokensIssued == 1)
        #expect(cache.load(Self.key)?.value == "tok-1", "the new token replaced the old one")
    }

    @Test func aRefusedCachedTokenIsReplaced() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        try cache.save(CachedToken(value: "revoked", type: "Bearer", lifetime: 3600, receivedAt: Date()), for: Self.key)
        let transport = ScriptedTransport { request in
            request.header("Authorization") == "Bearer revoked" ? .success(.json("", status: 401)) : .success(.json("{}"))
        }
        let (client, _, _) = try Fixture.client(transport) { $0.tokenCache = cache }
        _ = try client.send(.get, path: "/api/client")
        #expect(transport.tokensIssued == 1)
        #expect(transport.apiRequests.map { $0.header("Authorization") } == ["Bearer revoked", "Bearer tok-1"])
        #expect(cache.load(Self.key)?.value == "tok-1")
    }

    @Test func authenticateWithoutReuseAlwaysAsksHalo() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(atPath: (cache.directory as NSString).deletingLastPathComponent) }
        try cache.save(CachedToken(value: "cached", type: "Bearer", lifetime: 3600, receivedAt: Date()), for: Self.key)
        let transport = ScriptedTransport()
        let (client, _, _) = try Fixture.client(transport) { $0.tokenCache = cache }
        try client.authenticate(reuseCachedToken: false)
        #expect(transport.tokensIssued == 1)
        #expect(cache.load(Self.key)?.value == "tok-1")
    }
}
