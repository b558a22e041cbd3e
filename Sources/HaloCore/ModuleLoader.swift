import Foundation

/// Finds, parses and resolves imported modules, once each, and detects import cycles.
///
/// `import "./lib/x"` is relative to the importing file; `import "halo/tickets"` is looked up in the
/// search paths (HALO_PATH, then the stdlib next to the binary), with `.halo` added.
public final class ModuleLoader {
    /// Found when first needed: looking for the stdlib walks directories and resolves links, which
    /// a run that imports nothing need not pay (`InterpreterOptions.findSearchPaths`).
    public lazy var searchPaths: [String] = findSearchPaths()
    private let findSearchPaths: () -> [String]
    let sources: SourceStore
    let builtins: [String: BuiltinFunction]
    private var modules: [String: Module] = [:]
    private var loading: [String] = []

    init(searchPaths: @autoclosure @escaping () -> [String], sources: SourceStore, builtins: [String: BuiltinFunction]) {
        self.findSearchPaths = searchPaths
        self.sources = sources
        self.builtins = builtins
    }

    /// Resolves the main program with its own path on the loading stack, so an import cycle that
    /// comes back to it is reported from the main file. The path is made absolute and standard only
    /// when an import first needs it (`resolveMainPath`): that cost 0.5 M instructions, a fifth of
    /// the run of a program that imports nothing.
    func asMain<T>(_ file: String, _ body: () throws -> T) throws -> T {
        guard !file.hasPrefix("<"), file != "-e" else { return try body() }
        loading.append(Self.mainPlaceholder)
        let outer = mainFile
        mainFile = file
        defer {
            loading.removeLast()
            mainFile = outer
        }
        return try body()
    }

    /// Stands in `loading` for the main file until `resolveMainPath` replaces it.
    private static let mainPlaceholder = "\u{0}main"
    private var mainFile: String?

    /// The main file's entry of `loading` as a standard path; empty, matching no module, when the
    /// file does not exist (code from `-e` or standard input).
    private func resolveMainPath() {
        guard let index = loading.lastIndex(of: Self.mainPlaceholder), let file = mainFile else { return }
        loading[index] = FileManager.default.fileExists(atPath: file) ? URL(fileURLWithPath: file).standardizedFileURL.path : ""
    }

    func load(_ importPath: String, from importer: String, at location: SourceLocation) throws -> Module {
        resolveMainPath()
        guard let path = locate(importPath, from: importer) else {
            let searched = importPath.hasPrefix(".") ? "next to \(importer)"
                : searchPaths.isEmpty ? "nowhere: no module search path is set (HALO_PATH)"
                : "in \(searchPaths.joined(separator: ", "))"
            throw ScriptError(.syntax, "cannot find module '\(importPath)' (looked \(searched))", at: location)
        }
        if let index = loading.firstIndex(of: path) {
            let cycle = (loading[index...] + [path]).map(Self.displayName).joined(separator: " -> ")
            throw ScriptError(.syntax, "import cycle: \(cycle)", at: location)
        }
        if let module = modules[path] { return module }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptError(.syntax, "cannot read module '\(path)'", at: location)
        }
        let file = Self.displayName(path)
        let source = try SourceText.decode(data, file: file)
        sources.add(source, file: file)
        loading.append(path)
        defer { loading.removeLast() }
        let scope = Scope(parent: nil)
        let resolver = Resolver(scope: scope, builtins: builtins, loader: self, file: path)
        let statements = try resolver.resolveTopLevel(try Parser.parse(source, file: file))
        let module = Module(path: path, scope: scope, statements: statements)
        modules[path] = module
        return module
    }

    /// Where `import "path"` written in `importer` finds its file, without loading it.
    func locateModule(_ importPath: String, from importer: String) -> String? {
        locate(importPath, from: importer)
    }

    private func locate(_ importPath: String, from importer: String) -> String? {
        let name = importPath.hasSuffix(".halo") ? importPath : importPath + ".halo"
        let candidates: [String]
        if name.hasPrefix("/") {
            candidates = [name]
        } else if name.hasPrefix("./") || name.hasPrefix("../") {
            let base = importer.hasPrefix("<") ? FileManager.default.currentDirectoryPath
                : (importer as NSString).deletingLastPathComponent
            candidates = [(base.isEmpty ? "." : base) + "/" + name]
        } else {
            candidates = searchPaths.map { $0 + "/" + name }
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate) {
            return URL(fileURLWithPath: candidate).standardizedFileURL.path
        }
        return nil
    }

    /// Paths in messages are shown relative to the working directory when they are under it.
    static func displayName(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
