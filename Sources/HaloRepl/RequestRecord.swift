import HaloCore

/// One request the session made, for the summary line: `200 OK · 37 clients · 84 ms`.
public struct RequestRecord {
    public var method: RequestMethod
    public var path: String
    public var status: Int
    public var body: Value
    public var milliseconds: Int

    /// `37 clients`, `37 of 120 tickets`, `5 items`, or nil when the body holds no list.
    var countText: String? {
        switch body {
        case .list(let items): return "\(items.count) item\(items.count == 1 ? "" : "s")"
        case .object(let o):
            guard let (key, list) = o.pairs.first(where: { if case .list = $0.1 { true } else { false } }),
                  case .list(let items) = list else { return nil }
            if case .int(let total)? = o["record_count"], total > items.count {
                return "\(items.count) of \(total) \(key)"
            }
            return "\(items.count) \(items.count == 1 ? Self.singular(key) : key)"
        default: return nil
        }
    }

    /// `clients` → `client`, `priorities` → `priority`, `statuses` → `status`, for "1 client".
    static func singular(_ key: String) -> String {
        if key.hasSuffix("ies"), key.count > 3 { return String(key.dropLast(3)) + "y" }
        if ["uses", "sses", "xes", "ches", "shes"].contains(where: key.hasSuffix) { return String(key.dropLast(2)) }
        if key.hasSuffix("s"), !key.hasSuffix("ss"), !key.hasSuffix("us"), key.count > 1 { return String(key.dropLast()) }
        return key
    }

    func summary(statusText: (Int) -> String, style: TextStyle) -> String {
        let statusPart = status == 0 ? style.dim("dry run")
            : (200..<300).contains(status) ? style.good("\(status) \(statusText(status))")
            : style.bad("\(status) \(statusText(status))")
        return ([statusPart] + [countText, "\(milliseconds) ms"].compactMap { $0 }.map(style.dim))
            .joined(separator: style.dim(" · "))
    }
}
