import Foundation

/// GET (list and single), POST (create/update from an array) and DELETE on /api/<resource>.
extension SandboxRouter {
    func list(_ kind: ResourceKind, _ call: SandboxCall, world: SandboxWorld) -> Reply {
        .json(200, ListQuery(call.query, for: kind).listBody(of: world.data[kind], key: kind.listKey))
    }

    func single(_ kind: ResourceKind, id: Int?, world: SandboxWorld) -> Reply {
        guard let id, let record = world.data[kind].record(id: id) else { return notFound(kind, id) }
        return .json(200, record.json)
    }

    /// The whole batch is applied or none of it: elements are saved into a copy of the data.
    func write(_ kind: ResourceKind, _ call: SandboxCall, world: inout SandboxWorld) -> Reply {
        let value: JSONValue
        do {
            value = try JSONReader.parse(call.body)
        } catch {
            return .message(400, "Request body is not valid JSON: \(error)")
        }
        guard case .array(let elements) = value else { return .message(400, "Request body must be a JSON array") }
        let objects = elements.compactMap(\.objectValue)
        guard !objects.isEmpty, objects.count == elements.count else {
            return .message(400, "Request body must be a JSON array of objects")
        }
        let writer = RecordWriter(now: Date.now.formatted(.iso8601))
        var working = world.data
        var saved: [Record] = []
        for object in objects {
            do {
                saved.append(try writer.save(object, kind: kind, in: &working))
            } catch {
                return .message(400, error.message)
            }
        }
        world.data = working
        world.stats.writes += 1
        return .json(201, saved.count == 1 ? saved[0].json : Self.jsonArray(saved))
    }

    func delete(_ kind: ResourceKind, id: Int?, world: inout SandboxWorld) -> Reply {
        guard let id, world.data[kind].remove(id: id) else { return notFound(kind, id) }
        world.stats.writes += 1
        return .empty(200)
    }

    private func notFound(_ kind: ResourceKind, _ id: Int?) -> Reply {
        .message(404, "\(kind.noun) \(id.map(String.init) ?? "") not found.")
    }

    private static func jsonArray(_ records: [Record]) -> [UInt8] {
        var out: [UInt8] = []
        records.appendJSONArray(to: &out)
        return out
    }
}
