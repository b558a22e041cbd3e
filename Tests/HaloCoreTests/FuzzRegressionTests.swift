import Foundation
import HaloCore
import Testing

/// The inputs the fuzz targets crashed on, saved in FuzzRegressions/ as TARGET-what.ext, replayed
/// through the same code path (FuzzPaths.swift): each must now end in success or a ScriptError.
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions")

    static var inputs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted()
    }

    @Test(arguments: inputs)
    func replay(_ name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let target = name.prefix { $0 != "-" }
        data.withUnsafeBytes { bytes in
            switch target {
            case "parse": expectClean(FuzzPaths.check(bytes), name)
            case "run": expectClean(FuzzPaths.run(bytes), name)
            case "json":
                let failure = FuzzPaths.jsonRoundTrip(bytes)
                #expect(failure == nil, "\(name): \(failure ?? "")")
            default: Issue.record("\(name): the name must start with parse-, run- or json-")
            }
        }
    }

    private func expectClean(_ outcome: FuzzPaths.Outcome, _ name: String) {
        guard let outcome else { return }
        #expect(outcome is ScriptError, "\(name): \(outcome)")
    }
}
