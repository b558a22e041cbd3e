/// The built-in function library, one file per theme; documented in docs/BUILTINS.md.
public enum Builtins {
    /// Every built-in, freshly made (the interpreter makes its global scope from these once).
    public static func all() -> [BuiltinFunction] {
        core + text + lists + objects + higherOrder + math + data + system + tables
    }
}
