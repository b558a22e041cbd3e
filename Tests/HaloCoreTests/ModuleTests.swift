import Foundation
import Testing
@testable import HaloCore

@Suite struct ModuleTests {
    static let library = [
        "lib/x.halo": "print \"loading x\"\ngreeting = \"hi\"\nfn shout(s) { return upper(s) + \"!\" }\n",
        "lib/y.halo": "import \"./x\"\nprint \"y sees <<greeting>>\"\n",
    ]

    @Test func relativeImportIsFoundNextToTheImportingFile() throws {
        let files = try TemporaryFiles(Self.library)
        #expect(try run("import \"./lib/x\"\nprint greeting", file: files.path("main.halo")) == ["loading x", "hi"])
    }

    @Test func importedFunctionsAreVisible() throws {
        let files = try TemporaryFiles(Self.library)
        #expect(try run("import \"./lib/x\"\nprint shout(\"hey\")", file: files.path("main.halo")) == ["loading x", "HEY!"])
    }

    @Test func aModuleImportingAModuleIsRelativeToItself() throws {
        let files = try TemporaryFiles(Self.library)
        #expect(try run("import \"./lib/y\"", file: files.path("main.halo")) == ["loading x", "y sees hi"])
    }

    @Test func aModuleRunsOnceHoweverOftenItIsImported() throws {
        let files = try TemporaryFiles(Self.library)
        let source = "import \"./lib/x\"\nimport \"./lib/y\"\nimport \"./lib/x\"\nprint greeting"
        #expect(try run(source, file: files.path("main.halo")) == ["loading x", "y sees hi", "hi"])
    }

    @Test func importWithTheHaloExtensionWorksToo() throws {
        let files = try TemporaryFiles(Self.library)
        #expect(try run("import \"./lib/x.halo\"\nprint greeting", file: files.path("main.halo")) == ["loading x", "hi"])
    }

    @Test func importFromASearchPath() throws {
        let files = try TemporaryFiles(["sp/halo/util.halo": "answer = 42\n"])
        #expect(try run("import \"halo/util\"\nprint answer", searchPaths: [files.path("sp")]) == ["42"])
    }

    @Test func earlierSearchPathsWin() throws {
        let files = try TemporaryFiles(["first/m.halo": "which = 1\n", "second/m.halo": "which = 2\n"])
        #expect(try run("import \"m\"\nprint which", searchPaths: [files.path("first"), files.path("second")]) == ["1"])
        #expect(try run("import \"m\"\nprint which", searchPaths: [files.path("nowhere"), files.path("second")]) == ["2"])
    }

    @Test func moduleFunctionsSeeTheirOwnGlobals() throws {
        let files = try TemporaryFiles(["m.halo": "base = 10\nfn plus_base(x) { return x + base }\n"])
        #expect(try run("import \"./m\"\nprint plus_base(1)", file: files.path("main.halo")) == ["11"])
    }

    @Test func missingModuleIsAnError() throws {
        let files = try TemporaryFiles([:])
        let main = files.path("main.halo")
        let error = runError("import \"./missing\"", file: main)
        #expect(error?.kind == .syntax)
        #expect(located(error) == "1:1: cannot find module './missing' (looked next to \(main))")
    }

    @Test func missingSearchPathModuleNamesThePathsSearched() {
        #expect(errorAt("import \"nope/none\"")?.hasPrefix("1:1: cannot find module 'nope/none'") == true)
        #expect(located(runError("import \"nope/none\"", searchPaths: ["/no/such/dir"]))
            == "1:1: cannot find module 'nope/none' (looked in /no/such/dir)")
    }

    @Test func importCycleIsAnErrorNamingTheCycle() throws {
        let files = try TemporaryFiles(["a.halo": "import \"./b\"\n", "b.halo": "import \"./c\"\n", "c.halo": "import \"./a\"\n"])
        let error = runError("import \"./a\"", file: files.path("main.halo"))
        #expect(error?.kind == .syntax)
        let (a, b, c) = (files.path("a.halo"), files.path("b.halo"), files.path("c.halo"))
        #expect(error?.message == "import cycle: \(a) -> \(b) -> \(c) -> \(a)")
        #expect(error?.location?.file.hasSuffix("c.halo") == true)
    }

    @Test func importCycleThroughTheMainFileIsAnError() throws {
        let files = try TemporaryFiles(["a.halo": "import \"./b\"\n", "b.halo": "import \"./a\"\n"])
        let error = runError("import \"./b\"", file: files.path("a.halo"))
        #expect(error?.message.hasPrefix("import cycle: ") == true)
        #expect(error?.message.contains("b.halo -> ") == true)
    }

    @Test func syntaxErrorInAModuleIsReportedInThatModule() throws {
        let files = try TemporaryFiles(["bad.halo": "x = 1 +\n"])
        let error = runError("import \"./bad\"", file: files.path("main.halo"))
        #expect(error?.kind == .syntax)
        #expect(error?.location?.file.hasSuffix("bad.halo") == true)
        #expect(error?.message == "expected an expression, found end of input")
    }

    @Test func unknownNameAfterAnImportSuggestsAnImportedName() throws {
        let files = try TemporaryFiles(Self.library)
        #expect(located(runError("import \"./lib/x\"\nprint greting", file: files.path("main.halo")))
            == "2:7: unknown name 'greting'; did you mean 'greeting'?")
    }

    @Test func theShippedTicketsModuleLoads() throws {
        let stdlib = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("stdlib").path
        #expect(try run("import \"halo/tickets\"\nprint type(open_tickets), closed_status_id", searchPaths: [stdlib])
            == ["function 9"])
    }
}
