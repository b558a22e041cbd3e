import HaloCore

extension InterpreterOptions {
    /// What every command that runs code gives the interpreter: the module search path, where
    /// requests go, where `print` writes, and the call depth that `onLargeStack` has room for.
    static func forCommand(performer: HaloConnection?,
                           output: @escaping (String) -> Void = Terminal.writeOutput) -> InterpreterOptions {
        var options = InterpreterOptions()
        options.findSearchPaths = { Installation.moduleSearchPaths }
        options.output = output
        options.performer = performer
        if let performer { options.secrets = performer.secrets }
        options.maxCallDepth = 10_000
        options.workerStackSize = largeStackSize
        return options
    }
}
