extension Value {
    /// The text `print`, `str` and string interpolation use: a string as it is, anything else as
    /// compact JSON (so `print [1, "a"]` shows `[1,"a"]` and a null shows `null`).
    public var display: String {
        switch self {
        case .string(let s): return s
        // The same decimal digits JSON writes, without setting up a writer and its buffer
        // (`str(i)` cost ~900 instructions that way, ~150 this way).
        case .int(let i): return String(i)
        default: return JSON.write(self)
        }
    }
}
