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
/// Parsed seeds are cached per directory for the life of the process, keyed by the files' sizes
/// and modification times: tests start many servers and should parse 6 MB of tickets once.
/// The date-shifted copy is cached beside them for as long as its shift stays the same.
enum SeedLoader {
    private struct Cached: Sendable {
        let signature: [String]
        let data: SandboxData
        /// Found on the first shifted load (a pass over the ticket bytes): nil until then.
        var newestDate: Int?? = nil
        var shifted: (shift: DateShift, data: SandboxData)?
    }

    private static let cache = Locked<[String: Cached]>([:])

    /// The seeds, with their dates shifted (see `DateShift`) to `now` unless it is nil.
    static func load(directory: String, shiftingDatesTo now: Date?) throws -> SandboxData {
        let seeds = try load(directory: directory)
        guard let now else { return seeds }
        return cache.withLock { cache in
            guard var entry = cache[directory] else { return seeds }
            defer { cache[directory] = entry }
            if entry.newestDate == nil { entry.newestDate = .some(DateShift.newestDate(in: entry.data)) }
            guard let newest = entry.newestDate ?? nil else { return entry.data }
            let shift = DateShift(newest: newest, now: now)
            if let hit = entry.shifted, hit.shift == shift { return hit.data }
            let shifted = shift.apply(to: entry.data)
            entry.shifted = (shift, shifted)
            return shifted
        }
    }

    static func load(directory: String) throws -> SandboxData {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw SandboxError.seedsDirectoryMissing(directory) }
        let paths = ResourceKind.all.map { (directory as NSString).appendingPathComponent($0.seedFile + ".json") }
        let signature = paths.map(fileSignature)
        // Held while parsing on purpose: concurrent starts wait for one parse instead of repeating it.
        return try cache.withLock { cache in
            if let hit = cache[directory], hit.signature == signature { return hit.data }
            let tables = try zip(ResourceKind.all, paths).map { kind, path in
                ResourceTable(kind: kind, records: try readRecords(path: path))
            }
            let data = SandboxData(tables: tables)
            cache[directory] = Cached(signature: signature, data: data)
            return data
        }
    }

    private static func fileSignature(_ path: String) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "absent" }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)@\(modified)"
    }

    private static func readRecords(path: String) throws -> [Record] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let bytes = [UInt8](data)
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
