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

    func walk<Item>(decode: (Data) throws -> Page<Item>, fetchPage: (Int) throws -> Data) throws -> WalkedPages<Item> {
        var body = try fetchPage(1)
        let first = try decode(body)
        guard let total = first.recordCount else {
            progress?(first.items.count, first.items.count)
            return WalkedPages(recordCount: first.items.count, listKey: first.listKey, items: first.items, pages: 1)
        }
        var items = first.items
        progress?(items.count, total)
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
}
