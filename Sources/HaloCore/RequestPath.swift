/// The path a request names. In a path written after `get`, `post` or `delete`, the literal text is
/// the script author's and every `<<value>>` is data: it is percent-encoded as (part of) one segment,
/// so a value such as `../client/3` or `1?count=1` can never change which resource is named.
enum RequestPath {
    /// One piece of a path template: literal text, or an interpolated value and where it was written.
    enum Piece {
        case text(String)
        case value(Value, SourceLocation)
    }

    /// Joins a template's pieces, encoding each value. A segment that holds a value must not come out
    /// empty, `.` or `..` (a server or proxy would drop or climb it), and a value must not be null.
    static func build(_ pieces: [Piece]) throws -> String {
        var segments: [String] = [""]
        var valueAt: [SourceLocation?] = [nil]
        var query: String?
        for piece in pieces {
            switch piece {
            case .text(let text):
                for character in text {
                    if query != nil { query!.append(character); continue }
                    switch character {
                    case "/": segments.append(""); valueAt.append(nil)
                    case "?": query = ""
                    default: segments[segments.count - 1].append(character)
                    }
                }
            case .value(let value, let loc):
                if case .null = value {
                    throw ScriptError(.runtime, "a request path cannot interpolate null (is the value missing?)", at: loc)
                }
                let encoded = percentEncoded(value.display)
                if query != nil { query!.append(encoded); continue }
                segments[segments.count - 1].append(encoded)
                if valueAt[valueAt.count - 1] == nil { valueAt[valueAt.count - 1] = loc }
            }
        }
        for (segment, loc) in zip(segments, valueAt) {
            guard let loc else { continue }
            if segment.isEmpty || segment == "." || segment == ".." {
                throw ScriptError(.runtime, "a request path cannot have the segment '\(segment)' from an interpolated value",
                                  at: loc, notes: ["hint: each <<value>> in a path is one segment's data; check the value"])
            }
        }
        let path = segments.joined(separator: "/")
        return query.map { path + "?" + $0 } ?? path
    }

    /// A path given whole by an expression (`get (p)`, `delete p`) is used as written, but it may not
    /// climb or stay (`.`, `..`, also percent-encoded) or carry a fragment, which would name another resource.
    static func checkWhole(_ path: String, at loc: SourceLocation) throws {
        let bare = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if path.contains("#") {
            throw ScriptError(.runtime, "a request path cannot contain '#': \(path)", at: loc,
                              notes: ["hint: write the path after get/post/delete with <<value>> parts; they are encoded"])
        }
        for segment in bare.split(separator: "/", omittingEmptySubsequences: false) {
            if Self.dotSegments.contains(segment.lowercased()) {
                throw ScriptError(.runtime, "a request path cannot have a '\(segment)' segment: \(path)", at: loc,
                                  notes: ["hint: write the path after get/post/delete with <<value>> parts; they are encoded"])
            }
        }
    }

    /// `.` and `..` as written or percent-encoded, as a server normalising the path would read them.
    private static let dotSegments: Set<String> = [".", "..", "%2e", "%2e%2e", ".%2e", "%2e."]

    /// RFC 3986's unreserved bytes stay; every other byte of the UTF-8 text becomes `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
