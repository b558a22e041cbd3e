import Foundation

public enum SandboxError: Error, CustomStringConvertible {
    case seedsDirectoryMissing(String)
    case badSeedFile(path: String, reason: String)
    case failedToStart(String)

    public var description: String {
        switch self {
        case .seedsDirectoryMissing(let path): return "seeds directory not found: \(path)"
        case .badSeedFile(let path, let reason): return "bad seed file \(path): \(reason)"
        case .failedToStart(let reason): return "sandbox failed to start: \(reason)"
        }
    }
}

/// Reads seeds/<resource>.json (one JSON array per resource; a missing file is an empty table).
/// Parsed seeds are cached for the life of the process, keyed by directory and date shift and
/// checked against the files' sizes and modification times: tests start many servers and should
/// parse 6 MB of tickets once. Dates are shifted in the file's bytes before parsing (see
/// `DateShift`), which costs one pass over the bytes instead of rebuilding every record.
enum SeedLoader {
    private struct Cached: Sendable {
        let signature: [String]
        let data: SandboxData
    }

    private struct State: Sendable {
        /// By "<directory>|<shift seconds>", or "<directory>|as written" for unshifted seeds.
        var parsed: [String: Cached] = [:]
        /// The newest ticket date of each directory, for the signature it was read at.
        var newest: [String: (signature: [String], seconds: Int?)] = [:]
    }

    private static let state = Locked(State())

    /// The seeds as written (`now` nil), or with their dates shifted so that the newest ticket date
    /// is a day old at `now`.
    static func load(directory: String, shiftingDatesTo now: Date? = nil) throws -> SandboxData {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw SandboxError.seedsDirectoryMissing(directory) }
        let paths = ResourceKind.all.map { (directory as NSString).appendingPathComponent($0.seedFile + ".json") }
        let signature = paths.map(fileSignature)
        // Held while parsing on purpose: concurrent starts wait for one parse instead of repeating it.
        return try state.withLock { state in
            // Each file is read once per load, whether for the newest date, the parse or both.
            var files: [String: [UInt8]?] = [:]
            func bytes(_ path: String) -> [UInt8]? {
                if let read = files[path] { return read }
                let read = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
                files[path] = read
                return read
            }
            var shift: DateShift?
            if let now {
                if state.newest[directory]?.signature != signature {
                    // The tickets' newest date; the newest anywhere only when the tickets have none.
                    let tickets = paths[ResourceKind.all.firstIndex { $0.path == ResourceKind.tickets.path }!]
                    let newest = bytes(tickets).flatMap(DateShift.newestDate)
                        ?? paths.compactMap { bytes($0).flatMap(DateShift.newestDate) }.max()
                    state.newest[directory] = (signature, newest)
                }
                shift = state.newest[directory]?.seconds.map { DateShift(newest: $0, now: now) }
            }
            let key = directory + "|" + (shift.map { String($0.seconds) } ?? "as written")
            if let hit = state.parsed[key], hit.signature == signature { return hit.data }
            let tables = try zip(ResourceKind.all, paths).map { kind, path in
                guard var file = bytes(path) else { return ResourceTable(kind: kind, records: []) }
                shift?.apply(to: &file)
                return ResourceTable(kind: kind, records: try readRecords(file, path: path))
            }
            let data = SandboxData(tables: tables)
            // One shifted copy per directory is enough: a new minute's shift replaces the last one.
            for other in state.parsed.keys where other.hasPrefix(directory + "|") && other != key
                && !other.hasSuffix("|as written") {
                state.parsed[other] = nil
            }
            state.parsed[key] = Cached(signature: signature, data: data)
            return data
        }
    }

    private static func fileSignature(_ path: String) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "absent" }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)@\(modified)"
    }

    private static func readRecords(_ bytes: [UInt8], path: String) throws -> [Record] {
        let elements: [(value: JSONValue, range: Range<Int>)]
        do {
            elements = try JSONReader.parseArrayElements(bytes)
        } catch {
            throw SandboxError.badSeedFile(path: path, reason: "\(error)")
        }
        return try elements.map { element in
            guard let object = element.value.objectValue, (object["id"]?.intValue ?? 0) > 0 else {
                throw SandboxError.badSeedFile(path: path, reason: "every element must be an object with a positive id")
            }
            return Record(object, json: Array(bytes[element.range]))
        }
    }
}
