import Foundation
@testable import HaloCore

/// What the closure-tree engine did with every program of the differential corpus, recorded in
/// `EngineReference/runs.json` before that engine was removed (issue 13): the VM is held to it.
/// `HALO_RECORD_ENGINE_REFERENCE=1 swift test --filter recordOrCheckTheReference` writes it again
/// when the corpus or a behaviour changes on purpose; the diff of the record is that change, to
/// review as such.
enum EngineReference {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("EngineReference/runs.json")

    static var recording: Bool { ProcessInfo.processInfo.environment["HALO_RECORD_ENGINE_REFERENCE"] == "1" }

    /// One program of the corpus: its key in the record, its source, the file name it runs as, and
    /// whether it runs in `halo test` mode.
    struct Program: Sendable {
        var key: String
        var source: String
        var file: String
        var testMode = false
    }

    static func generated(seed: UInt64) -> Program {
        Program(key: "seed \(seed)", source: ProgramGenerator.program(seed: seed), file: "gen\(seed).halo")
    }

    static func generatedInTestMode(seed: UInt64) -> Program {
        Program(key: "test mode seed \(seed)", source: ProgramGenerator.program(seed: seed), file: "gen\(seed).halo",
                testMode: true)
    }

    static func tricky(_ name: String) -> Program? {
        TrickyPrograms.all.first { $0.name == name }.map { Program(key: "tricky \(name)", source: $0.source, file: "\(name).halo") }
    }

    /// Every program the record holds.
    static var corpus: [Program] {
        EngineDifferentialTests.slices.flatMap { EngineDifferentialTests.seeds(slice: $0) }.map(generated)
            + EngineDifferentialTests.testModeSeeds.map(generatedInTestMode)
            + TrickyPrograms.all.compactMap { tricky($0.name) }
    }

    static func run(_ program: Program) -> EngineRun {
        EngineDifferential.run(program.source, file: program.file, testMode: program.testMode)
    }

    /// The record, read once.
    static let runs: [String: EngineRun] = {
        guard let data = try? Data(contentsOf: file) else { return [:] }
        return (try? JSONDecoder().decode([String: EngineRun].self, from: data)) ?? [:]
    }()

    static func write(_ runs: [String: EngineRun]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(runs).write(to: file)
    }

    /// How `program`'s run differs from the record, as a failure report; nil when it matches. A
    /// program the record lacks is a difference too.
    static func mismatch(_ program: Program, label: String) -> String? {
        let actual = run(program)
        guard let recorded = runs[program.key] else {
            return "the record has no run of \(label): write it again (HALO_RECORD_ENGINE_REFERENCE=1)"
        }
        return EngineDifferential.report(EngineRun.differences(recorded, actual),
                                         source: program.source,
                                         label: "\(label) against the record")
    }
}
