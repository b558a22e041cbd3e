/// A page walk that would have returned a silent subset of the list.
public struct PageWalkError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// Page `page` had the same body as the one before: the endpoint ignores paging.
        case repeatedPage(page: Int)
        /// Page `page` was empty before `record_count` items arrived.
        case emptyPage(page: Int)
        /// More pages than `record_count / page_size + 2` were needed.
        case tooManyPages(limit: Int)
        /// Page `page` held `items` where `expected` were due (a concurrent walk checks each page).
        case shortPage(page: Int, items: Int, expected: Int)
        /// Page `page` said `record_count` is `to`: the list changed during the walk.
        case totalChanged(page: Int, to: Int)
    }

    public var path: String
    public var reason: Reason
    /// Items in hand when the walk stopped.
    public var have: Int
    /// `record_count` from the first page.
    public var total: Int

    public init(path: String, reason: Reason, have: Int, total: Int) {
        self.path = path
        self.reason = reason
        self.have = have
        self.total = total
    }

    public var description: String {
        let why: String
        switch reason {
        case .repeatedPage(let page):
            why = "page \(page) repeated page \(page - 1) (the endpoint ignores paging)"
        case .emptyPage(let page):
            why = "page \(page) was empty before record_count was reached"
        case .tooManyPages(let limit):
            why = "still short after \(limit) pages"
        case .shortPage(let page, let items, let expected):
            why = "page \(page) held \(items) items where \(expected) were due (the list changed during the walk)"
        case .totalChanged(let page, let count):
            why = "page \(page) gave record_count \(count) (the list changed during the walk)"
        }
        return "GET \(path): \(why); got \(have) of \(total); refusing to return a partial list"
    }
}
