import Foundation
@testable import HaloCore

/// A thread-safe stand-in for a Halo connection whose requests take time, for the fan-out tests:
/// `get /wait/MS/ID` answers `{"id": ID}` after MS milliseconds, `get /fail/MS/ID` fails with a 404
/// after MS milliseconds, and `post /log BODY` answers BODY. It counts what overlapped.
final class SlowPerformer: RequestPerformer {
    struct Tally {
        var log: [String] = []
        var inFlight = 0
        var maxInFlight = 0
        var threads: Set<ObjectIdentifier> = []
    }

    let maxConcurrency: Int
    /// An NSLock (a pthread mutex) rather than a Mutex: ThreadSanitizer sees the order it makes,
    /// so a sanitized run of the fan-out tests reports only real races.
    private let lock = NSLock()
    private var tally = Tally()

    init(maxConcurrency: Int = 4) {
        self.maxConcurrency = maxConcurrency
    }

    /// Each request as `METHOD path [argument-json]`, in the order they were sent.
    var log: [String] { withTally { $0.log } }
    var maxInFlight: Int { withTally { $0.maxInFlight } }
    /// How many threads sent requests.
    var threadCount: Int { withTally { $0.threads.count } }

    private func withTally<T>(_ body: (inout Tally) -> T) -> T {
        lock.withLock { body(&tally) }
    }

    func authenticate(_ options: Value?) throws {}

    func perform(_ request: RequestSpec) throws -> RequestResult {
        let line = [request.method.rawValue, request.path, request.argument.map { JSON.write($0) }].compactMap { $0 }
        let thread = ObjectIdentifier(Thread.current)
        withTally {
            $0.log.append(line.joined(separator: " "))
            $0.inFlight += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
            $0.threads.insert(thread)
        }
        defer { withTally { $0.inFlight -= 1 } }
        let parts = request.path.split(separator: "/").map(String.init)
        if request.method == .post { return RequestResult(status: 201, body: request.argument ?? .null) }
        guard parts.count == 3, let milliseconds = Double(parts[1]), let id = Int(parts[2]) else {
            throw ScriptError.runtime("SlowPerformer does not know \(request.path)")
        }
        Thread.sleep(forTimeInterval: milliseconds / 1000)
        if parts[0] == "fail" {
            throw ScriptError(.runtime, "GET \(request.path): 404 Not Found", fields: HaloObject([("status", .int(404))]))
        }
        return RequestResult(status: 200, body: .object(HaloObject([("id", .int(id))])))
    }
}

/// A performer that keeps the default width of 1: one not written for several threads.
final class SingleThreadPerformer: RequestPerformer {
    var threads: Set<ObjectIdentifier> = []
    func authenticate(_ options: Value?) throws {}
    func perform(_ request: RequestSpec) throws -> RequestResult {
        threads.insert(ObjectIdentifier(Thread.current))
        return RequestResult(status: 200, body: .string(request.path))
    }
}
