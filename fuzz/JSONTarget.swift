import Foundation
import HaloCore

/// libFuzzer entry: arbitrary bytes through the JSON parser; whatever it accepts must come back
/// the same through the writer (`FuzzPaths.jsonRoundTrip`), else a trap, which libFuzzer reports.
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if skipKnown, let value = try? JSON.parse(bytes), hasNonFinite(value) { return 0 }
    if let failure = FuzzPaths.jsonRoundTrip(bytes) {
        fatalError(failure)
    }
    return 0
}

/// HALO_FUZZ_SKIP_KNOWN=1 passes over numbers the parser reads as infinity (`1e400`): a known
/// crash class (fuzz/known-crashes/) that otherwise fills every run until it is fixed.
let skipKnown = ProcessInfo.processInfo.environment["HALO_FUZZ_SKIP_KNOWN"] == "1"

func hasNonFinite(_ value: Value) -> Bool {
    switch value {
    case .double(let d): !d.isFinite
    case .list(let items): items.contains(where: hasNonFinite)
    case .object(let o): o.values.contains(where: hasNonFinite)
    default: false
    }
}
