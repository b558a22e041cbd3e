import Foundation

/// Walks Halo's `pageinate=true&page_size=&page_no=` pages until `record_count` items are in hand.
/// Pure over a `fetchPage` closure so its stopping rules are tested without HTTP. It fails loudly
/// rather than return a subset: endpoints that ignore paging return page 1 forever, and a list that
/// shrinks mid-walk leaves holes.
struct PageWalker {
    var path: String
    var pageSize: Int
    var progress: ((_ have: Int, _ total: Int) -> Void)?

    /// The paging parameters for page `pageNo`, replacing any the caller gave.
    static func query(_ query: [(String, String)], pageSize: Int, pageNo: Int) -> [(String, String)] {
        let paging: Set<String> = ["pageinate", "page_size", "page_no"]
        return query.filter { !paging.contains($0.0.lowercased()) }
            + [("pageinate", "true"), ("page_size", String(pageSize)), ("page_no", String(pageNo))]
    }

    /// Page 1 and its `record_count`; a reply without one (a bare array) is the whole walk.
    private func firstPage<Item>(decode: (Data) throws -> Page<Item>, fetchPage: (Int) throws -> Data)
        throws -> (body: Data, page: Page<Item>, total: Int?) {
        let body = try fetchPage(1)
        let page = try decode(body)
        progress?(page.items.count, page.recordCount ?? page.items.count)
        return (body, page, page.recordCount)
    }

    private static func single<Item>(_ page: Page<Item>) -> WalkedPages<Item> {
        WalkedPages(recordCount: page.items.count, listKey: page.listKey, items: page.items, pages: 1)
    }

    func walk<Item>(decode: (Data) throws -> Page<Item>, fetchPage: (Int) throws -> Data) throws -> WalkedPages<Item> {
        var (body, first, total) = try firstPage(decode: decode, fetchPage: fetchPage)
        guard let total else { return Self.single(first) }
        var items = first.items
        let limit = total / max(pageSize, 1) + 2
        var pageNo = 1
        while items.count < total {
            pageNo += 1
            guard pageNo <= limit else {
                throw PageWalkError(path: path, reason: .tooManyPages(limit: limit), have: items.count, total: total)
            }
            let previous = body
            body = try fetchPage(pageNo)
            if body == previous {
                throw PageWalkError(path: path, reason: .repeatedPage(page: pageNo), have: items.count, total: total)
            }
            let page = try decode(body)
            if page.items.isEmpty {
                throw PageWalkError(path: path, reason: .emptyPage(page: pageNo), have: items.count, total: total)
            }
            items += page.items
            progress?(items.count, total)
        }
        return WalkedPages(recordCount: total, listKey: first.listKey, items: items, pages: pageNo)
    }

    /// As `walk`, but once the first page gives `record_count`, pages 2 to the last are fetched
    /// up to `width` at a time and assembled in page order. The checks are stricter than the serial
    /// walk's, since pages are no longer asked for one by one: every page must be full but the
    /// last, repeat no page before it, and carry the first page's `record_count`. A page whose
    /// request failed fails the walk with that page named; the first failure in page order wins.
    func walkConcurrently<Item>(width: Int, decode: (Data) throws -> Page<Item>,
                                fetchPage: @escaping @Sendable (Int) throws -> Data) throws -> WalkedPages<Item> {
        let (firstBody, first, total) = try firstPage(decode: decode, fetchPage: fetchPage)
        guard let total else { return Self.single(first) }
        var items = first.items
        guard items.count < total else {
            return WalkedPages(recordCount: total, listKey: first.listKey, items: items, pages: 1)
        }
        let size = max(pageSize, 1)
        guard items.count >= size else {
            throw PageWalkError(path: path, reason: .shortPage(page: 1, items: items.count, expected: size),
                                have: items.count, total: total)
        }
        let lastPage = (total + size - 1) / size
        let pool = PageFetchPool(pages: 2...lastPage, width: width, fetch: fetchPage)
        defer { pool.finish() }
        var previous = firstBody
        for pageNo in 2...lastPage {
            let failure = { (reason: PageWalkError.Reason) in
                PageWalkError(path: path, reason: reason, have: items.count, total: total)
            }
            let body: Data
            switch pool.take(pageNo) {
            case .success(let data)?: body = data
            case .failure(var error as HaloHTTPError)?:
                error.page = pageNo
                throw error
            case .failure(let error)?: throw error
            case nil: throw failure(.emptyPage(page: pageNo))
            }
            if body == previous { throw failure(.repeatedPage(page: pageNo)) }
            let page = try decode(body)
            if page.items.isEmpty { throw failure(.emptyPage(page: pageNo)) }
            if let count = page.recordCount, count != total { throw failure(.totalChanged(page: pageNo, to: count)) }
            let expected = min(size, total - items.count)
            if page.items.count < expected {
                throw failure(.shortPage(page: pageNo, items: page.items.count, expected: expected))
            }
            items += page.items
            progress?(items.count, total)
            previous = body
        }
        return WalkedPages(recordCount: total, listKey: first.listKey, items: items, pages: lastPage)
    }
}
