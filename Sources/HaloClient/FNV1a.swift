/// 64-bit FNV-1a: a stable, dependency-free hash for file names (Swift's `Hasher` is seeded per
/// process, and Foundation on Linux has no SHA). Not a security measure: the secret enters only as its SHA-256 digest.
enum FNV1a {
    static func hash64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// 16 lower-case hex digits.
    static func hex64(_ bytes: some Sequence<UInt8>) -> String {
        let text = String(hash64(bytes), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
