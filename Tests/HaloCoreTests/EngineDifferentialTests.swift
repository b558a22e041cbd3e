import Foundation
import Testing
@testable import HaloCore

/// The bytecode VM must do what the closure-tree interpreter it replaced did (issue 13): each
/// program here runs in-process, and the printed lines, the last value, the error (kind, message,
/// file:line:col, notes and call chain, the rendered diagnostic), the exit code and the asserts
/// must be identical to the tree's run, recorded in EngineReference/runs.json while both engines
/// existed (and checked equal to the VM's then). On a mismatch the failure shows the seed (or the
/// name) and the numbered program. The files of the repository go through the built binary in
/// Tests/HaloCLITests/EngineFileDifferentialTests.swift.
@Suite struct EngineDifferentialTests {
    /// 400 generated programs, in 8 slices that may run in parallel.
    static let slices = Array(0..<8)
    static let programsPerSlice = 50

    static func seeds(slice: Int) -> [UInt64] {
        (0..<programsPerSlice).map { UInt64(slice * programsPerSlice + $0) }
    }

    /// The seeds run in `halo test` mode.
    static let testModeSeeds = (UInt64(1000)..<1040).map { $0 }

    static func label(seed: UInt64) -> String {
        "generated program seed \(seed) (ProgramGenerator.program(seed: \(seed)))"
    }

    @Test(arguments: slices)
    func generatedProgramsRunAsRecorded(slice: Int) {
        let reports = EngineDifferential.onLargeStack {
            Self.seeds(slice: slice).compactMap { seed -> String? in
                EngineReference.mismatch(EngineReference.generated(seed: seed), label: Self.label(seed: seed))
            }
        }
        for report in reports.prefix(3) { Issue.record(Comment(rawValue: report)) }
        #expect(reports.count == 0, "\(reports.count) of \(Self.programsPerSlice) programs differ")
    }

    /// `halo test` mode: a failed assert is recorded and the run goes on.
    @Test func generatedProgramsRunAsRecordedInTestMode() {
        let reports = EngineDifferential.onLargeStack {
            Self.testModeSeeds.compactMap { (seed: UInt64) -> String? in
                EngineReference.mismatch(EngineReference.generatedInTestMode(seed: seed),
                                         label: Self.label(seed: seed) + " in test mode")
            }
        }
        for report in reports.prefix(3) { Issue.record(Comment(rawValue: report)) }
        #expect(reports.count == 0)
    }

    @Test(arguments: TrickyPrograms.all.map(\.name))
    func trickyProgramRunsAsRecorded(_ name: String) throws {
        let program = try #require(EngineReference.tricky(name))
        let report = EngineDifferential.onLargeStack {
            EngineReference.mismatch(program, label: "the tricky program '\(name)'")
        }
        #expect(report == nil, Comment(rawValue: report ?? ""))
    }

    // MARK: - The record

    /// With `HALO_RECORD_ENGINE_REFERENCE=1`, writes what the interpreter does with the whole
    /// corpus; otherwise checks that the record holds a run of every program and nothing else.
    @Test func recordOrCheckTheReference() throws {
        let corpus = EngineReference.corpus
        if EngineReference.recording {
            let runs = EngineDifferential.onLargeStack {
                corpus.map { ($0.key, EngineReference.run($0)) }
            }
            try EngineReference.write(Dictionary(uniqueKeysWithValues: runs))
            return
        }
        let recorded = Set(EngineReference.runs.keys), wanted = Set(corpus.map(\.key))
        #expect(wanted.count >= 440, "the corpus holds \(wanted.count) programs")
        #expect(wanted.subtracting(recorded).isEmpty, "not recorded: \(wanted.subtracting(recorded).sorted().prefix(5))")
        #expect(recorded.subtracting(wanted).isEmpty, "recorded but not in the corpus: \(recorded.subtracting(wanted).sorted().prefix(5))")
    }

    @Test func aRecordedRunThatDiffersIsReportedAgainstTheRecord() throws {
        let program = try #require(EngineReference.tricky(TrickyPrograms.all[0].name))
        var edited = program
        edited.source += "\nprint \"one more line\""
        let changed = edited
        let report = EngineDifferential.onLargeStack {
            EngineReference.mismatch(changed, label: "the changed program")
        }
        #expect(report?.contains("against the record") == true, "\(report ?? "nil")")
        #expect(report?.contains("output differs") == true && report?.contains("recorded:") == true, "\(report ?? "nil")")
    }

    // MARK: - The generator

    @Test func theSameSeedGivesTheSameProgram() {
        for seed: UInt64 in [0, 7, 123_456_789, .max] {
            #expect(ProgramGenerator.program(seed: seed) == ProgramGenerator.program(seed: seed))
        }
        #expect(ProgramGenerator.program(seed: 1) != ProgramGenerator.program(seed: 2))
    }

    /// The corpus is worth comparing only if it reaches the grammar the issue names and its
    /// programs get somewhere: most parse, many run to the end, many raise and catch errors.
    @Test func generatedCorpusCoversTheGrammarAndRunsFar() {
        let seeds = (0..<UInt64(120))
        let sources = seeds.map { ProgramGenerator.program(seed: $0) }
        let corpus = sources.joined(separator: "\n")
        for construct in ["while ", "for ", "break", "continue", "try {", "} catch", "fn(", "return ", "+=", "-=",
                          "^-1", "^(", "fail ", "assert ", "if ", "} else {", "<<", " for q", "pmap(", "map(",
                          "filter(", "get /api", "post /api", "-> ", "9223372036854775807", "/ 0", "range("] {
            #expect(corpus.contains(construct), "no generated program has \(construct)")
        }
        let runs = EngineDifferential.onLargeStack {
            zip(seeds, sources).map { EngineDifferential.run($1, file: "gen\($0).halo") }
        }
        let syntax = runs.filter { $0.exitCode == 2 }
        let clean = runs.filter { $0.exitCode == 0 }
        let runtime = runs.filter { $0.exitCode == 1 }
        let budget = runs.filter { $0.error?.contains("step budget") == true }
        let caught = runs.filter { $0.output.contains { $0.hasPrefix("caught") } }
        let depth = runs.filter { $0.output.joined().contains("too many nested calls") || $0.error?.contains("too many nested calls") == true }
        let lines = runs.map(\.output.count).reduce(0, +)
        // A syntax error is a generator bug: nothing would run.
        #expect(syntax.isEmpty, "syntax errors: \(syntax.prefix(3).compactMap(\.error))")
        #expect(budget.isEmpty, "every generated loop is bounded, yet \(budget.count) programs spent the budget")
        #expect(clean.count >= runs.count / 8, "only \(clean.count) of \(runs.count) programs ran to the end")
        #expect(runtime.count >= runs.count / 5, "only \(runtime.count) of \(runs.count) programs ended in an error")
        #expect(caught.count >= runs.count / 4, "only \(caught.count) programs caught an error")
        #expect(depth.count >= 5, "only \(depth.count) programs recursed too deep")
        #expect(lines >= runs.count * 8, "the programs printed only \(lines) lines")
    }

    // MARK: - The comparison itself can fail

    static let baseline = EngineRun(output: ["1", "two"], value: "int(3)", error: nil, exitCode: 0, assertionsPassed: 1)

    @Test func identicalRunsShowNoDifference() {
        #expect(EngineRun.differences(Self.baseline, Self.baseline).isEmpty)
        #expect(EngineDifferential.report([], source: "print 1", label: "x") == nil)
    }

    @Test func aDifferentPrintedLineIsReportedWithBothLines() {
        var vm = Self.baseline
        vm.output[1] = "2"
        let found = EngineRun.differences(Self.baseline, vm)
        #expect(found.count == 1)
        #expect(found.first?.contains("output differs from line 2") == true)
        #expect(found.first?.contains("recorded: two") == true && found.first?.contains("vm:       2") == true)
    }

    @Test func aMissingLineAValueAnExitCodeAndAssertsAreEachReported() {
        var vm = Self.baseline
        vm.output.removeLast()
        vm.value = "double(3.0)"
        vm.exitCode = 1
        vm.assertionsPassed = 0
        vm.assertions = ["t.halo:1:1 x: held"]
        #expect(EngineRun.differences(Self.baseline, vm).count == 5)
    }

    /// Real runs: the same error at another column, or with another call chain, is a difference.
    @Test func aDifferentErrorPositionOrCallChainIsReported() {
        let runs = EngineDifferential.onLargeStack {
            [EngineDifferential.run("x = 1\nprint x / 0", file: "a.halo"),
             EngineDifferential.run("x = 1\nprint x  / 0", file: "a.halo"),
             EngineDifferential.run("fn f() { return 1 / 0 }\nf()", file: "b.halo"),
             EngineDifferential.run("fn f() { return 1 / 0 }\nfn g() { return f() }\ng()", file: "b.halo")]
        }
        let column = EngineRun.differences(runs[0], runs[1])
        #expect(column.count == 1 && column.first?.hasPrefix("error differs") == true, "\(column)")
        #expect(runs[0].error?.contains("a.halo:2:") == true)
        let chain = EngineRun.differences(runs[2], runs[3])
        #expect(chain.first?.hasPrefix("error differs") == true)
        #expect(runs[3].error?.contains("in g() called at") == true)
    }

    @Test func aMismatchReportNamesTheSeedAndShowsTheNumberedProgram() {
        var vm = Self.baseline
        vm.error = "runtime at x.halo:1:1: boom"
        let report = EngineDifferential.report(EngineRun.differences(Self.baseline, vm),
                                               source: "print 1\nprint 2", label: Self.label(seed: 42))
        #expect(report?.contains("seed 42") == true)
        #expect(report?.contains("  2 | print 2") == true)
        #expect(report?.contains("error differs") == true)
    }
}
