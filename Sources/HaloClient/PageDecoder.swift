import Foundation

/// Turns one list reply into items. Supplied by the caller, which owns JSON parsing, so the client
/// never parses large bodies itself.
public protocol PageDecoder {
    associatedtype Item
    /// `{"record_count": N, "<listKey>": [...]}` → recordCount N; a bare array → recordCount nil.
    func decodePage(_ body: Data) throws -> Page<Item>
}

/// One decoded page of a list reply.
public struct Page<Item> {
    /// Halo's `record_count`: the total number of matches, not the page length. Nil for a bare array.
    public var recordCount: Int?
    /// The key that held the list (e.g. `clients`), nil for a bare array.
    public var listKey: String?
    public var items: [Item]

    public init(recordCount: Int?, listKey: String?, items: [Item]) {
        self.recordCount = recordCount
        self.listKey = listKey
        self.items = items
    }
}

/// Every page of a list, concatenated.
public struct WalkedPages<Item> {
    /// `record_count` from the first page, or the item count for a bare array.
    public var recordCount: Int
    public var listKey: String?
    public var items: [Item]
    /// Pages fetched.
    public var pages: Int

    public init(recordCount: Int, listKey: String?, items: [Item], pages: Int) {
        self.recordCount = recordCount
        self.listKey = listKey
        self.items = items
        self.pages = pages
    }
}

extension Page: Sendable where Item: Sendable {}
extension WalkedPages: Sendable where Item: Sendable {}
