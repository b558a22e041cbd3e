/// `256 MB`, `1.5 MB`, `512 KB`: sizes in error messages, in the units the CLI's flag takes (MB = 2^20 bytes).
enum ByteCount {
    static func text(_ bytes: Int) -> String {
        let megabytes = Double(bytes) / Double(1 << 20)
        if megabytes >= 1 { return number(megabytes) + " MB" }
        let kilobytes = Double(bytes) / 1024
        return kilobytes >= 1 ? number(kilobytes) + " KB" : "\(bytes) bytes"
    }

    /// Whole numbers without a decimal point, others with up to two decimals.
    static func number(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        let rounded = (value * 100).rounded() / 100
        return String(rounded)
    }
}
