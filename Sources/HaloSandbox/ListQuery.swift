import Foundation

/// The list parameters Halo understands, read from a query string. Parameters a resource does
/// not know are ignored, as Halo ignores them (a typo'd filter returns the whole table).
struct ListQuery {
    let filters: [(field: String, value: Int)]
    let search: String?
    let searchFields: [String]
    /// Resources with an `inactive` flag hide those records unless `includeinactive=true`.
    let hideInactive: Bool
    /// Set with `open_only` or `closed_only` on resources that have a notion of closed.
    let closedRule: ClosedRule?
    let openOnly: Bool
    let closedOnly: Bool
    let flags: [FlagFilter]
    /// One bound on a date field, from the query. Dates compare as text: ISO 8601 sorts as time does.
    typealias DateLimit = (field: String, lower: Bool, value: String)
    let dateBounds: [DateLimit]
    let order: String?
    let descending: Bool
    /// nil without `pageinate=true`.
    let page: (size: Int, number: Int)?
    /// `count=N` without paging: the first N matches.
    let cap: Int?

    init(_ query: QueryParameters, for kind: ResourceKind) {
        filters = kind.filterFields.compactMap { field in query.int(field).map { (field, $0) } }
        search = query["search"].map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        searchFields = kind.searchFields
        hideInactive = kind.hasInactiveFlag && !query.flag("includeinactive")
        closedRule = kind.closedWhen
        openOnly = closedRule != nil && query.flag("open_only")
        closedOnly = closedRule != nil && query.flag("closed_only")
        flags = kind.flagFilters.filter { query.flag($0.parameter) }
        dateBounds = Self.dateBounds(query, for: kind)
        order = query["order"].map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        descending = query.flag("orderdesc")
        // Clamped so that a silly page_no cannot overflow the offset arithmetic.
        let bounded = { (value: Int?, fallback: Int) in min(1_000_000, max(1, value ?? fallback)) }
        page = query.flag("pageinate") ? (bounded(query.int("page_size"), 50), bounded(query.int("page_no"), 1)) : nil
        cap = query.int("count").map { max(0, $0) }
    }

    /// The reply body: `{"record_count": <all matches>, "<key>": [<this page>]}`, or for the
    /// resources Halo answers with a bare array (key nil), every match (filtered, searched,
    /// ordered and capped by `count`, but not paged).
    func listBody(of table: ResourceTable, key: String?) -> [UInt8] {
        let matches = sorted(needsScan ? table.records.filter(matches) : table.records)
        let window: ArraySlice<Record>
        // A bare array carries no record_count to page by: Halo's clients read it as the whole list.
        if let page, key != nil {
            let start = min(matches.count, (page.number - 1) * page.size)
            window = matches[start..<min(matches.count, start + page.size)]
        } else {
            window = matches.prefix(cap ?? matches.count)
        }
        guard let key else {
            var out: [UInt8] = []
            window.appendJSONArray(to: &out)
            return out
        }
        var out = Array(#"{"record_count":\#(matches.count),"#.utf8)
        JSONWriter.writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        window.appendJSONArray(to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The common unfiltered page must not pay for a pass over all records.
    private var needsScan: Bool {
        !filters.isEmpty || search != nil || openOnly || closedOnly || hideInactive || !flags.isEmpty
            || !dateBounds.isEmpty
    }

    private func matches(_ record: Record) -> Bool {
        let object = record.object
        for filter in filters where object[filter.field]?.intValue != filter.value { return false }
        if hideInactive, object["inactive"]?.boolValue == true { return false }
        if let closedRule, openOnly || closedOnly {
            let closed = closedRule.isClosed(object)
            if openOnly && closed || closedOnly && !closed { return false }
        }
        for flag in flags where object[flag.field]?.boolValue != flag.value { return false }
        for bound in dateBounds {
            guard let text = object[bound.field]?.stringValue else { return false }
            if bound.lower ? text < bound.value : text.prefix(bound.value.count) > bound.value { return false }
        }
        if let search, !searchFields.contains(where: { object[$0]?.stringValue?.lowercased().contains(search) == true }) {
            return false
        }
        return true
    }

    /// `datesearch=<field>&startdate=..&enddate=..` (Halo's ticket parameters; the field defaults to
    /// the resource's main date) plus the resource's own date parameters.
    private static func dateBounds(_ query: QueryParameters, for kind: ResourceKind) -> [DateLimit] {
        var bounds: [DateLimit] = []
        if let field = query["datesearch"].map({ $0.lowercased() }).flatMap({ $0.isEmpty ? nil : $0 }) ?? kind.dateField {
            for (parameter, lower) in [("startdate", true), ("enddate", false)] {
                if let value = query[parameter], !value.isEmpty { bounds.append((field, lower, value)) }
            }
        }
        for bound in kind.dateBounds {
            if let value = query[bound.parameter], !value.isEmpty { bounds.append((bound.field, bound.lower, value)) }
        }
        return bounds
    }

    /// Records are stored by id, so only an explicit order needs a sort (stable, ties by id).
    private func sorted(_ records: [Record]) -> [Record] {
        guard let order else { return descending ? records.reversed() : records }
        return records.sorted { left, right in
            let comparison = JSONValue.compare(left.object[order], right.object[order])
            if comparison == .orderedSame { return descending ? left.id > right.id : left.id < right.id }
            return descending ? comparison == .orderedDescending : comparison == .orderedAscending
        }
    }
}

extension JSONValue {
    /// Numbers by value, strings case-insensitively, missing values last.
    static func compare(_ left: JSONValue?, _ right: JSONValue?) -> ComparisonResult {
        switch (left, right) {
        case (nil, nil), (.null?, .null?): return .orderedSame
        case (nil, _), (.null?, _): return .orderedDescending
        case (_, nil), (_, .null?): return .orderedAscending
        case (.string(let a)?, .string(let b)?): return a.caseInsensitiveCompare(b)
        case (.bool(let a)?, .bool(let b)?): return a == b ? .orderedSame : (a ? .orderedDescending : .orderedAscending)
        default:
            let a = left?.numberValue ?? 0, b = right?.numberValue ?? 0
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        }
    }

    private var numberValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }
}
