/// Every resource table of one sandbox. A value type: a write batch works on a copy and is
/// committed only if every element succeeds, and reset is an assignment from the seeds.
struct SandboxData: Sendable {
    private var tables: [String: ResourceTable]

    init(tables: [ResourceTable]) {
        self.tables = Dictionary(uniqueKeysWithValues: tables.map { ($0.kind.path, $0) })
        for kind in ResourceKind.all where self.tables[kind.path] == nil {
            self.tables[kind.path] = ResourceTable(kind: kind, records: [])
        }
    }

    subscript(kind: ResourceKind) -> ResourceTable {
        get { tables[kind.path]! }
        set { tables[kind.path] = newValue }
    }

    var recordCount: Int { tables.values.reduce(0) { $0 + $1.records.count } }
}
