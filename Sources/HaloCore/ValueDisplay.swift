extension Value {
    /// The text `print`, `str` and string interpolation use: a string as it is, anything else as
    /// compact JSON (so `print [1, "a"]` shows `[1,"a"]` and a null shows `null`).
    public var display: String {
        if case .string(let s) = self { return s }
        return JSON.write(self)
    }
}
