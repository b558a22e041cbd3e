import Foundation

/// JSON text, files and CSV. Paths are relative to the running script (`BuiltinContext.resolvePath`).
extension Builtins {
    static var data: [BuiltinFunction] {
        [
            .define("json", 1...2) { _, args in .string(try JSON.encode(args[0], pretty: args[1].isTruthy)) },
            .define("parse_json", 1...1) { _, args in try JSON.parse(try args.string(0)) },
            .define("read_file", 1...1) { context, args in
                .string(try readText(args, context.resolvePath(try args.string(0))))
            },
            .define("write_file", 2...2) { context, args in
                try writeText(args, context.resolvePath(try args.string(0)), context.secrets.masked(args[1].display))
                return .null
            },
            .define("read_csv", 1...1) { context, args in try readCSV(args, context) },
            .define("write_csv", 2...3) { context, args in
                let rows = try args.list(1)
                let columns = args.optional(2) == nil ? csvColumns(rows) : try args.list(2).map(\.display)
                var lines = [CSV.line(columns)]
                for (i, row) in rows.enumerated() {
                    guard case .object(let o) = row else {
                        throw args.error("expects a list of objects, got \(row.typeName) at index \(i)")
                    }
                    lines.append(CSV.line(columns.map { csvField(o[$0] ?? .null) }))
                }
                try writeText(args, context.resolvePath(try args.string(0)), context.secrets.masked(lines.joined(separator: "\n") + "\n"))
                return .null
            },
        ]
    }

    /// Objects keyed by the header row; every value is a string (convert with `num`/`int`).
    private static func readCSV(_ args: BuiltinArguments, _ context: BuiltinContext) throws -> Value {
        let path = try args.string(0)
        let records: [[String]]
        do {
            records = try CSV.parse(try readText(args, context.resolvePath(path)))
        } catch let error as CSV.SyntaxError {
            throw args.error("cannot read \(path) line \(error.line): \(error.message)")
        }
        guard let header = records.first else { return .list([]) }
        return .list(try records.dropFirst().enumerated().map { offset, record in
            guard record.count <= header.count else {
                throw args.error("\(path) row \(offset + 2) has \(record.count) fields, the header has \(header.count)")
            }
            var object = HaloObject()
            for (i, name) in header.enumerated() { object[name] = .string(i < record.count ? record[i] : "") }
            return .object(object)
        })
    }

    /// The keys of all rows, in first-seen order.
    private static func csvColumns(_ rows: [Value]) -> [String] {
        var seen = Set<String>(), columns: [String] = []
        for case .object(let o) in rows {
            for key in o.keys where seen.insert(key).inserted { columns.append(key) }
        }
        return columns
    }

    /// A cell's text: null is empty, strings as they are, anything else as compact JSON.
    private static func csvField(_ value: Value) -> String {
        value.isNull ? "" : value.display
    }

    static func readText(_ args: BuiltinArguments, _ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw args.error("cannot read \(path): no such file")
        }
        guard !isDirectory.boolValue else { throw args.error("cannot read \(path): it is a directory") }
        do throws(FileText.Failure) {
            return try FileText.read(atPath: path)
        } catch .unreadable {
            throw args.error("cannot read \(path): permission denied or unreadable")
        } catch .tooLarge(let bytes) {
            throw args.error("cannot read \(path): its \(bytes) bytes are over the 1 GiB limit of a string")
        }
    }

    static func writeText(_ args: BuiltinArguments, _ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw args.error("cannot write \(path): no such directory \(folder)")
        }
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw args.error("cannot write \(path): permission denied or not writable")
        }
    }
}
