/// What a runbook needs and does, read from its text without running it: the description in its
/// leading comment block, its params, the requests it makes (also through imported modules),
/// and so whether it writes. `halo describe` prints it; `--json` names its output variables.
public struct RunbookOutline {
    public struct Param {
        public let name: String
        /// The default as written in the runbook, or nil when the param is required.
        public let defaultSource: String?
    }

    public struct Request: Hashable {
        public let method: String
        public let path: String
        public let all: Bool
        /// The module it is made in, when not the runbook itself.
        public let module: String?
    }

    public var description: [String] = []
    public var params: [Param] = []
    public var requests: [Request] = []
    public var imports: [String] = []
    /// Names bound by `->` at the top level: the runbook's output variables.
    public var outputVariables: [String] = []

    public var writes: Bool { requests.contains { $0.method != "GET" } }

    public init(source: String, file: String, searchPaths: [String] = []) throws {
        let statements = try Parser.parse(source, file: file)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        description = Self.leadingComment(lines)
        for statement in statements {
            if case .param(let b, let d) = statement {
                params.append(Param(name: b.name, defaultSource: d.map { _ in Self.defaultText(lines[b.location.line - 1]) }))
            }
        }
        var collector = RequestCollector()
        collector.visit(statements, topLevel: true)
        requests = collector.requests.map {
            Request(method: $0.method, path: Self.pathAsWritten($0.location, lines) ?? $0.path, all: $0.all, module: nil)
        }
        outputVariables = collector.topLevelOutputs
        imports = collector.imports
        // Requests made by imported modules count too: a runbook that calls create_ticket() writes.
        let loader = ModuleLoader(searchPaths: searchPaths, sources: SourceStore(), builtins: [:])
        var seen = Set<String>()
        var pending = collector.imports.map { ($0, file) }
        while let (path, importer) = pending.popLast() {
            guard let located = loader.locateModule(path, from: importer), seen.insert(located).inserted,
                  let data = try? String(contentsOfFile: located, encoding: .utf8),
                  let parsed = try? Parser.parse(data, file: located) else { continue }
            var inner = RequestCollector()
            inner.visit(parsed, topLevel: true)
            let moduleLines = data.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            requests += inner.requests.map {
                Request(method: $0.method, path: Self.pathAsWritten($0.location, moduleLines) ?? $0.path, all: $0.all, module: path)
            }
            pending += inner.imports.map { ($0, located) }
        }
    }

    /// A bare request path exactly as written (`/api/tickets/<<id>>`), read from the source line.
    private static func pathAsWritten(_ loc: SourceLocation, _ lines: [String]) -> String? {
        guard loc.line >= 1, loc.line <= lines.count else { return nil }
        let rest = lines[loc.line - 1].dropFirst(max(0, loc.column - 1))
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let target = words.dropFirst().first(where: { $0 != "all" }), target.hasPrefix("/") else { return nil }
        return String(target.prefix { $0 != "{" && $0 != ")" && $0 != "," })
    }

    /// The `#` lines at the top (after a `#!` line), blank-line separated paragraphs kept.
    private static func leadingComment(_ lines: [String]) -> [String] {
        var result: [String] = []
        for (i, line) in lines.enumerated() {
            let trimmed = line.trimmingLeadingSpaces
            if i == 0, trimmed.hasPrefix("#!") { continue }
            guard trimmed.hasPrefix("#") else { break }
            var text = Substring(trimmed.dropFirst())
            if text.first == " " { text = text.dropFirst() }
            result.append(String(text))
        }
        return result
    }

    /// `param days = 90  # comment` → `90`.
    private static func defaultText(_ line: String) -> String {
        guard let eq = line.firstIndex(of: "=") else { return "" }
        var text = String(line[line.index(after: eq)...])
        if let hash = text.firstIndex(of: "#"), !text[..<hash].contains("\"") { text = String(text[..<hash]) }
        return text.trimmingLeadingSpaces.trimmingTrailingSpaces
    }
}

/// Walks statements and expressions for requests, imports and top-level output variables.
private struct RequestCollector {
    var requests: [(method: String, path: String, all: Bool, location: SourceLocation)] = []
    var imports: [String] = []
    var topLevelOutputs: [String] = []

    mutating func visit(_ statements: [Stmt], topLevel: Bool) {
        for statement in statements { visit(statement, topLevel: topLevel) }
    }

    mutating func visit(_ statement: Stmt, topLevel: Bool) {
        switch statement {
        case .expression(let e, _), .assign(_, let e), .compound(_, _, let e, _), .fail(let e, _), .assignChild(_, _, let e, _):
            visit(e, topLevel: topLevel)
        case .ifElse(let c, let then, let otherwise):
            visit(c, topLevel: topLevel)
            visit(then, topLevel: topLevel)
            visit(otherwise ?? [], topLevel: topLevel)
        case .forIn(_, _, let iterable, let body, _):
            visit(iterable, topLevel: topLevel)
            visit(body, topLevel: topLevel)
        case .whileLoop(let c, let body):
            visit(c, topLevel: topLevel)
            visit(body, topLevel: topLevel)
        case .function(_, let decl): visit(decl.body, topLevel: false)
        case .returnValue(let e, _): if let e { visit(e, topLevel: topLevel) }
        case .print(let es): es.forEach { visit($0, topLevel: topLevel) }
        case .assert(let c, let m, _, _):
            visit(c, topLevel: topLevel)
            if let m { visit(m, topLevel: topLevel) }
        case .tryCatch(let body, _, let handler):
            visit(body, topLevel: topLevel)
            visit(handler, topLevel: topLevel)
        case .importModule(let decl): imports.append(decl.path)
        case .param(_, let d): if let d { visit(d, topLevel: topLevel) }
        case .auth(let e, _, _): if let e { visit(e, topLevel: topLevel) }
        case .breakLoop, .continueLoop: break
        }
    }

    mutating func visit(_ expr: Expr, topLevel: Bool) {
        switch expr {
        case .request(let r):
            requests.append((r.method.rawValue, Self.pathText(r.target), r.all, r.location))
            if topLevel { topLevelOutputs += r.outputs.map(\.binding.name) }
            visit(r.target, topLevel: topLevel)
            if let a = r.argument { visit(a, topLevel: topLevel) }
        case .function(let decl): visit(decl.body, topLevel: false)
        case .string(let parts): for case .expr(let e) in parts { visit(e, topLevel: topLevel) }
        case .list(let es): es.forEach { visit($0, topLevel: topLevel) }
        case .object(let entries): entries.forEach { visit($0.value, topLevel: topLevel) }
        case .comprehension(let e, _, let i, let c):
            visit(e, topLevel: topLevel)
            visit(i, topLevel: topLevel)
            if let c { visit(c, topLevel: topLevel) }
        case .child(let b, _, _), .unary(_, let b, _): visit(b, topLevel: topLevel)
        case .binary(_, let a, let b, _), .and(let a, let b), .or(let a, let b), .coalesce(let a, let b):
            visit(a, topLevel: topLevel)
            visit(b, topLevel: topLevel)
        case .call(let f, let args, _):
            visit(f, topLevel: topLevel)
            args.forEach { visit($0, topLevel: topLevel) }
        case .literal, .name, .local, .outer, .builtin: break
        }
    }

    /// A request target as the runbook wrote it: `/api/tickets/<<id>>`, or `<expression>`.
    static func pathText(_ target: Expr) -> String {
        switch target {
        case .literal(.string(let s)): return s
        case .string(let parts):
            return parts.map { part in
                if case .text(let t) = part { return t }
                return "<<…>>"
            }.joined()
        default: return "<expression>"
        }
    }
}

private extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
