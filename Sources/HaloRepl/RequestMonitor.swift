import Foundation
import HaloCore

/// Wraps the command's request performer: times each request for the summary line, learns the
/// connection's name for the prompt, and lets Ctrl-C abandon a request that is still waiting.
///
/// The request runs on a helper thread while the REPL's thread watches for Ctrl-C. An abandoned
/// request finishes in the background and its reply is dropped; the next request waits for it,
/// so the wrapped performer is never used by two threads at once.
public final class RequestMonitor: RequestPerformer {
    private let base: RequestPerformer
    private let defaultName: String
    private let idle = DispatchSemaphore(value: 1)
    /// The requests of the current entry.
    public private(set) var records: [RequestRecord] = []
    /// nil until `auth` (or a first request, which authenticates) succeeds.
    public private(set) var connectionName: String?

    /// `defaultName` is what a bare `auth` connects to (`sandbox`, or the tenant from the environment).
    public init(wrapping base: RequestPerformer, defaultName: String) {
        self.base = base
        self.defaultName = defaultName
    }

    public func startEntry() { records = [] }

    public func authenticate(_ options: Value?) throws {
        let base = self.base
        try interruptibly { try base.authenticate(options) }
        connectionName = ConnectionLabel.name(forAuth: options, default: defaultName)
    }

    public func perform(_ request: RequestSpec) throws -> RequestResult {
        let base = self.base
        let started = DispatchTime.now().uptimeNanoseconds
        let result = try interruptibly { try base.perform(request) }
        let elapsed = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        records.append(RequestRecord(method: request.method, path: request.path, status: result.status,
                                     body: result.body, milliseconds: elapsed))
        if connectionName == nil { connectionName = defaultName }
        return result
    }

    /// Holds the work and its outcome across threads; only one thread touches it at a time.
    private final class Work<T>: @unchecked Sendable {
        let body: () throws -> T
        var outcome: Result<T, Error>?
        init(_ body: @escaping () throws -> T) { self.body = body }
    }

    private func interruptibly<T>(_ body: @escaping () throws -> T) throws -> T {
        if Interrupt.take() { throw ScriptError.runtime("interrupted") }
        try waitOrInterrupt(idle, while: "an abandoned request finishes")
        let work = Work(body), done = DispatchSemaphore(value: 0), idle = self.idle
        let thread = Thread {
            work.outcome = Result { try work.body() }
            done.signal()
            idle.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
        try waitOrInterrupt(done, while: "the request runs")
        guard let outcome = work.outcome else { throw ScriptError.runtime("the request ended without a result") }
        return try outcome.get()
    }

    private func waitOrInterrupt(_ semaphore: DispatchSemaphore, while what: String) throws {
        while semaphore.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if Interrupt.take() { throw ScriptError.runtime("interrupted while \(what)") }
        }
    }
}
