/// Caps on the size of one string or one list. Past them a script gets a clean error naming the
/// size, checked before allocating: otherwise doubling a string 40 times asks the allocator for a
/// terabyte and the process aborts (docs/LANGUAGE.md, "Limits").
public enum SizeLimits {
    /// 1 GiB of UTF-8.
    public static let maximumStringBytes = 1 << 30
    /// 100 million elements (about 1.6 GB of values).
    public static let maximumListCount = 100_000_000

    /// Throws unless a string of `bytes` UTF-8 bytes is within the cap.
    @inline(__always)
    public static func checkString(bytes: Int) throws {
        if bytes > maximumStringBytes { throw stringTooLong(bytes) }
    }

    /// Throws unless a list of `count` elements is within the cap.
    @inline(__always)
    public static func checkList(count: Int) throws {
        if count > maximumListCount { throw listTooLong(count) }
    }

    /// The errors are made out of line so that the checks stay a compare in their callers.
    @inline(never)
    private static func stringTooLong(_ bytes: Int) -> ScriptError {
        ScriptError.runtime("a string of \(bytes) bytes is over the 1 GiB limit")
    }

    @inline(never)
    private static func listTooLong(_ count: Int) -> ScriptError {
        ScriptError.runtime("a list of \(count) elements is over the limit of \(maximumListCount)")
    }
}
