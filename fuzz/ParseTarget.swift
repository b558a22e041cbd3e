/// libFuzzer entry: arbitrary bytes through the lexer, parser and resolver, as `halo check` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func parseTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzPaths.check(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
