/// libFuzzer entry: arbitrary bytes parsed and, when they make a program, run with a step budget
/// and nothing reaching outside the process (see `FuzzPaths.run`).
@_cdecl("LLVMFuzzerTestOneInput")
public func runTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzPaths.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
