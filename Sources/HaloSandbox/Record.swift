/// One stored record with its serialised bytes, made once per write so that list pages are
/// spliced from ready bytes instead of being serialised on every request.
struct Record: Sendable {
    let id: Int
    let object: JSONObject
    let json: [UInt8]

    init(_ object: JSONObject) {
        self.init(object, json: JSONWriter.bytes(.object(object)))
    }

    init(_ object: JSONObject, json: [UInt8]) {
        self.id = object["id"]?.intValue ?? 0
        self.object = object
        self.json = json
    }
}

extension Collection<Record> {
    /// Appends `[record,record,...]` from the ready bytes: the whole cost of serving a page.
    func appendJSONArray(to out: inout [UInt8]) {
        out.reserveCapacity(out.count + reduce(2) { $0 + $1.json.count + 1 })
        out.append(UInt8(ascii: "["))
        for (index, record) in enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: record.json)
        }
        out.append(UInt8(ascii: "]"))
    }
}
