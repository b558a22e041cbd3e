import CEditLine
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line editing through libedit's readline-compatible API: emacs keys, Up/Down, Ctrl-R, TAB.
/// libedit's state is process-global, so there is one editor, used from the REPL's thread only.
/// libedit is opened when the first editor is made (CEditLine.h says why).
public final class LineEditor: LineReader {
    /// Why there is no line editing: libedit could not be opened.
    public struct Unavailable: Error {
        public let reason: String
    }

    /// C callbacks cannot capture context, so the completer lives in a static that the
    /// `@convention(c)` trampolines read; libedit calls them synchronously from `readline()`.
    nonisolated(unsafe) private static var completer: ((String) -> [Completion])?
    nonisolated(unsafe) private static var pending: [String] = []
    /// The break characters must outlive every readline call: made once, never freed.
    nonisolated(unsafe) private static let wordBreaks = strdup(Completer.wordBreaks)
    /// Set by SIGWINCH; the key reader then lets libedit learn the new width and redraw the line.
    private static let resized = Atomic<Bool>(false)

    /// `complete` gets the line up to the cursor and returns what may replace its last word.
    public init(history: [String], complete: @escaping (String) -> [Completion]) throws(Unavailable) {
        if let failure = cedit_load() { throw Unavailable(reason: String(cString: failure)) }
        // libedit shows non-ASCII text only in a UTF-8 locale; Swift programs start in the C locale.
        if setlocale(LC_CTYPE, "").map({ String(cString: $0).uppercased().contains("UTF") }) != true {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        cedit_set_readline_name(strdup("halo"))
        // Before using_history(), which initialises libedit and reads these once.
        cedit_set_catch_signals(0)
        cedit_set_getc(Self.readKey)
        cedit_using_history()
        cedit_stifle_history(Int32(HistoryStore.defaultLimit))
        for entry in history { _ = cedit_add_history(entry) }
        Self.completer = complete
        cedit_set_word_breaks(Self.wordBreaks)
        cedit_set_attempted_completion(Self.attemptedCompletion)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in LineEditor.resized.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &action, nil)
    }

    public func readLine(prompt: String) -> LineInput {
        _ = Interrupt.take()
        guard let cLine = cedit_readline(prompt) else {
            Self.echo("\n")   // libedit leaves the cursor after the prompt on Ctrl-D
            return .end
        }
        defer { free(cLine) }
        if Interrupt.take() { return .interrupted }
        return .line(String(cString: cLine))
    }

    private static func echo(_ text: StaticString) {
        _ = write(STDOUT_FILENO, text.utf8Start, text.utf8CodeUnitCount)
    }

    public func addHistory(_ entry: String) {
        _ = cedit_add_history(entry)
    }

    /// libedit's own SIGINT handling leaves the terminal half cooked, so keys are read here. A read
    /// that Ctrl-C interrupts shows `^C` and hands libedit a newline, so `readline()` returns in its
    /// normal way and `readLine` drops the line on seeing the flag. libedit takes each result as
    /// one character, so UTF-8 is decoded here too.
    private static let readKey: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
        guard let lead = nextByte() else { return endOfKeys() }
        let extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
        var scalar = extra == 0 ? UInt32(lead) : UInt32(lead) & (0x3F >> UInt32(extra))
        for _ in 0..<extra {
            guard let next = nextByte() else { return endOfKeys() }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        return Int32(bitPattern: scalar)
    }

    /// One byte of input; nil at end of input or after Ctrl-C. Waits in short polls, because the
    /// signal may land just before a blocking read would start, and then nothing would wake it.
    private static func nextByte() -> UInt8? {
        var b: UInt8 = 0
        var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while true {
            if Interrupt.requested.load(ordering: .relaxed) { return nil }
            if resized.exchange(false, ordering: .relaxed) {
                cedit_resize_terminal()
                cedit_forced_update_display()
            }
            let polled = poll(&ready, 1, 100)
            if polled == 0 || (polled < 0 && errno == EINTR) { continue }
            let n = read(STDIN_FILENO, &b, 1)
            if n == 1 { return b }
            guard n < 0, errno == EINTR else { return nil }
        }
    }

    /// A newline after Ctrl-C (readline returns, `readLine` drops the line), else end of input.
    private static func endOfKeys() -> Int32 {
        guard Interrupt.requested.load(ordering: .relaxed) else { return -1 }
        echo("^C")
        return 10
    }

    // char **(*)(const char *text, int start, int end)
    private static let attemptedCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
        cedit_completion_over()   // never fall back to file names
        let line = cedit_line_buffer().map { String(cString: $0) } ?? ""
        let cursor = Int(cedit_point())
        let upToCursor = String(decoding: Array(line.utf8).prefix(max(0, cursor)), as: UTF8.self)
        let candidates = LineEditor.completer?(upToCursor) ?? []
        LineEditor.pending = candidates.map(\.text)
        guard let first = candidates.first else { return nil }
        // Appended only after a unique match: "(" after a function, " " after a keyword, nothing after a key.
        cedit_set_append_character(candidates.count == 1 ? Int32(first.suffix.utf8.first ?? 0) : 0)
        return cedit_completion_matches(text, LineEditor.generator)
    }

    // char *(*)(const char *text, int state): called with state 0, 1, 2, ... until NULL;
    // libedit frees the strings, so they are strdup'ed.
    private static let generator: @convention(c) (UnsafePointer<CChar>?, Int32)
        -> UnsafeMutablePointer<CChar>? = { _, state in
        let i = Int(state)
        guard i < LineEditor.pending.count else { return nil }
        return strdup(LineEditor.pending[i])
    }
}
