import Foundation
import Testing
@testable import HaloClient

struct PageWalkerTests {
    /// Serves `total` numbered items in pages of `pageSize` as `{"record_count":..,"items":[..]}`.
    static func pages(total: Int, pageSize: Int, recordCount: Int? = nil) -> (Int) -> Data {
        { pageNo in
            let start = (pageNo - 1) * pageSize
            let items = start < total ? Array(start..<min(start + pageSize, total)) : []
            let list = items.map(String.init).joined(separator: ",")
            return Data(#"{"record_count":\#(recordCount ?? total),"items":[\#(list)]}"#.utf8)
        }
    }

    func walk(pageSize: Int, fetch: (Int) throws -> Data, progress: ((Int, Int) -> Void)? = nil) throws -> WalkedPages<Int> {
        try PageWalker(path: "/api/client", pageSize: pageSize, progress: progress)
            .walk(decode: TestDecoder().decodePage, fetchPage: fetch)
    }

    @Test func exactMultipleOfPageSize() throws {
        var fetched: [Int] = []
        var reports: [String] = []
        let result = try walk(pageSize: 10, fetch: { fetched.append($0); return Self.pages(total: 30, pageSize: 10)($0) },
                              progress: { reports.append("\($0)/\($1)") })
        #expect(result.items == Array(0..<30))
        #expect(result.pages == 3 && fetched == [1, 2, 3])
        #expect(result.recordCount == 30 && result.listKey == "items")
        #expect(reports == ["10/30", "20/30", "30/30"])
    }

    @Test func shortLastPage() throws {
        let result = try walk(pageSize: 10, fetch: Self.pages(total: 25, pageSize: 10))
        #expect(result.items == Array(0..<25) && result.pages == 3)
    }

    @Test func emptyList() throws {
        let result = try walk(pageSize: 10, fetch: Self.pages(total: 0, pageSize: 10))
        #expect(result.items.isEmpty && result.pages == 1 && result.recordCount == 0)
    }

    @Test func repeatedPageFails() {
        let pageOne = Self.pages(total: 25, pageSize: 10)(1)
        let error = #expect(throws: PageWalkError.self) { try walk(pageSize: 10, fetch: { _ in pageOne }) }
        #expect(error?.reason == .repeatedPage(page: 2))
        #expect(error?.description.contains("got 10 of 25") == true)
    }

    @Test func earlyEmptyPageFails() {
        // record_count says 25 but only 12 exist.
        let error = #expect(throws: PageWalkError.self) {
            try walk(pageSize: 10, fetch: Self.pages(total: 12, pageSize: 10, recordCount: 25))
        }
        #expect(error?.reason == .emptyPage(page: 3))
        #expect(error?.description.contains("got 12 of 25") == true)
    }

    @Test func walkLongerThanRecordCountAllowsFails() {
        // Pages of one item each while page_size says 10: 30 items would need 30 pages, the limit is 5.
        let error = #expect(throws: PageWalkError.self) {
            try walk(pageSize: 10, fetch: { pageNo in Data(#"{"record_count":30,"items":[\#(pageNo)]}"#.utf8) })
        }
        #expect(error?.reason == .tooManyPages(limit: 5))
        #expect(error?.description.contains("got 5 of 30") == true)
    }

    @Test func bareArrayIsASinglePage() throws {
        var fetched: [Int] = []
        let result = try walk(pageSize: 2, fetch: { fetched.append($0); return Data("[1,2,3]".utf8) })
        #expect(result.items == [1, 2, 3] && result.recordCount == 3 && result.listKey == nil)
        #expect(fetched == [1])
    }

    @Test func pagingParametersReplaceTheCallers() {
        let query = PageWalker.query([("search", "a"), ("page_no", "7"), ("PageInate", "false"), ("page_size", "5")],
                                     pageSize: 50, pageNo: 2)
        #expect(query.map { "\($0.0)=\($0.1)" } == ["search=a", "pageinate=true", "page_size=50", "page_no=2"])
    }
}
