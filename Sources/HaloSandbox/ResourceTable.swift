/// The records of one resource, kept sorted by id: new ids only grow, so creates append and
/// lookups are binary searches.
struct ResourceTable: Sendable {
    let kind: ResourceKind
    private(set) var records: [Record]
    private(set) var nextID: Int

    init(kind: ResourceKind, records: [Record]) {
        self.kind = kind
        self.records = records.sorted { $0.id < $1.id }
        self.nextID = (self.records.last?.id ?? 0) + 1
    }

    func record(id: Int) -> Record? {
        index(of: id).map { records[$0] }
    }

    /// Replaces the record with the same id, or appends it (and advances the id counter).
    mutating func save(_ record: Record) {
        if let index = index(of: record.id) {
            records[index] = record
        } else {
            let position = records.partitioningIndex(for: record.id)
            records.insert(record, at: position)
            nextID = max(nextID, record.id + 1)
        }
    }

    mutating func takeNextID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    mutating func remove(id: Int) -> Bool {
        guard let index = index(of: id) else { return false }
        records.remove(at: index)
        return true
    }

    private func index(of id: Int) -> Int? {
        let position = records.partitioningIndex(for: id)
        return position < records.count && records[position].id == id ? position : nil
    }
}

private extension [Record] {
    /// First position whose id is not below `id`.
    func partitioningIndex(for id: Int) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
