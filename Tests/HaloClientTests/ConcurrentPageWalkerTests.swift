import Foundation
import Testing
@testable import HaloClient

/// The concurrent walk's rules over a closure (no HTTP): order, and loud failure on a page that is
/// short, empty, repeated or whose record_count moved.
struct ConcurrentPageWalkerTests {
    func walk(pageSize: Int = 10, width: Int = 4,
              fetch: @escaping @Sendable (Int) throws -> Data) throws -> WalkedPages<Int> {
        try PageWalker(path: "/api/client", pageSize: pageSize)
            .walkConcurrently(width: width, decode: TestDecoder().decodePage, fetchPage: fetch)
    }

    static func page(_ items: Range<Int>, recordCount: Int) -> Data {
        Data(#"{"record_count":\#(recordCount),"items":[\#(items.map(String.init).joined(separator: ","))]}"#.utf8)
    }

    @Test func assemblesPagesInOrderWhateverOrderTheyArrive() throws {
        let result = try walk { pageNo in
            Thread.sleep(forTimeInterval: Double((pageNo * 7) % 5) / 1000)
            return Self.page((pageNo - 1) * 10..<min(pageNo * 10, 95), recordCount: 95)
        }
        #expect(result.items == Array(0..<95) && result.pages == 10 && result.recordCount == 95)
    }

    @Test func onePageListsNeedNoThreads() throws {
        let result = try walk { _ in Self.page(0..<7, recordCount: 7) }
        #expect(result.items == Array(0..<7) && result.pages == 1)
    }

    @Test func aShortMiddlePageFails() {
        let error = #expect(throws: PageWalkError.self) {
            try walk { pageNo in
                pageNo == 3 ? Self.page(20..<29, recordCount: 50) : Self.page((pageNo - 1) * 10..<pageNo * 10, recordCount: 50)
            }
        }
        #expect(error?.reason == .shortPage(page: 3, items: 9, expected: 10))
        #expect(error?.description.contains("got 20 of 50") == true)
    }

    @Test func aRepeatedPageFails() {
        let error = #expect(throws: PageWalkError.self) { try walk { _ in Self.page(0..<10, recordCount: 30) } }
        #expect(error?.reason == .repeatedPage(page: 2))
    }

    @Test func anEmptyPageFails() {
        let error = #expect(throws: PageWalkError.self) {
            try walk { pageNo in pageNo == 1 ? Self.page(0..<10, recordCount: 30) : Self.page(0..<0, recordCount: 30) }
        }
        #expect(error?.reason == .emptyPage(page: 2))
    }

    @Test func aFirstPageShorterThanThePageSizeFails() {
        let error = #expect(throws: PageWalkError.self) { try walk { _ in Self.page(0..<3, recordCount: 30) } }
        #expect(error?.reason == .shortPage(page: 1, items: 3, expected: 10))
    }

    @Test func theFirstFailureInPageOrderIsReported() {
        let error = #expect(throws: HaloHTTPError.self) {
            try walk(width: 8) { pageNo in
                if pageNo == 4 || pageNo == 7 {
                    // Page 7 fails first in time; page 4 is reported, as it comes first.
                    Thread.sleep(forTimeInterval: pageNo == 4 ? 0.05 : 0)
                    throw HaloHTTPError(method: .get, path: "/api/client", status: 500)
                }
                return Self.page((pageNo - 1) * 10..<pageNo * 10, recordCount: 100)
            }
        }
        #expect(error?.page == 4)
        #expect(error?.message.hasPrefix("GET /api/client (page 4): 500") == true)
    }
}
