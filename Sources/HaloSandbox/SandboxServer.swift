import Dispatch
import Hummingbird
import Logging
import ServiceLifecycle

/// A Halo-compatible server on loopback, seeded from JSON files, for trying runbooks and
/// for tests. Data lives in memory until the server stops.
public final class SandboxServer: Sendable {
    public let port: Int
    public let options: SandboxOptions
    /// How long reading (or fetching from the process cache) and date-shifting the seeds took at start, in seconds.
    public let seedLoadSeconds: Double
    private let router: SandboxRouter
    private let task: Task<Void, any Error>
    private let group: ServiceGroup

    public var url: String { "http://\(options.host):\(port)" }
    /// Where tokens are issued: `url + "/auth"`, or the separate authorisation server (`authPort`).
    public let authURL: String

    private init(port: Int, authURL: String?, options: SandboxOptions, seedLoadSeconds: Double, router: SandboxRouter,
                 task: Task<Void, any Error>, group: ServiceGroup) {
        self.port = port
        self.authURL = authURL ?? "http://\(options.host):\(port)/auth"
        self.options = options
        self.seedLoadSeconds = seedLoadSeconds
        self.router = router
        self.task = task
        self.group = group
    }

    /// Loads the seeds and returns once the server (and its authorisation server, with `authPort`) listens.
    public static func start(_ options: SandboxOptions) async throws -> SandboxServer {
        let clock = ContinuousClock()
        let loadStart = clock.now
        let seeds = try SeedLoader.load(directory: options.seedsDirectory, shiftingDatesTo: options.dateShiftNow)
        let loadTime = clock.now - loadStart
        let state = Locked(SandboxWorld(data: seeds, options: options))
        var router = SandboxRouter(options: options, seeds: seeds, state: state)

        // Hummingbird logs at info on start and at error when cancelled; the sandbox must be silent.
        var logger = Logger(label: "halo-sandbox")
        logger.logLevel = .critical
        var listeners: [Listener] = []
        if let authPort = options.authPort {
            listeners.append(Listener(SandboxRouter(options: options, seeds: seeds, state: state, role: .auth),
                                      host: options.host, port: authPort, logger: logger))
            router.role = .api
        }
        let api = Listener(router, host: options.host, port: options.port, logger: logger)
        listeners.insert(api, at: 0)
        // A service group lets stop() shut the server down gracefully: cancelling its task while a
        // connection is being accepted trips a NIO assertion (NIOAsyncWriter deinited unfinished).
        let all = listeners
        let group = ServiceGroup(configuration: .init(services: all.map(\.app), gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            defer { all.forEach { $0.finish() } }  // a failed bind must not leave start() waiting
            try await group.run()
        }
        var ports: [Int] = []
        for listener in all {
            guard let port = await listener.port(), port > 0 else {
                task.cancel()
                if case .failure(let error) = await task.result { throw error }
                throw SandboxError.failedToStart("could not listen on \(options.host):\(options.port)")
            }
            ports.append(port)
        }
        let authURL = ports.count > 1 ? "http://\(options.host):\(ports[1])/auth" : nil
        // The API port learns where tokens come from once that port is known.
        if let authURL { router.authURL = authURL; api.router.withLock { $0 = router } }
        return SandboxServer(port: ports[0], authURL: authURL, options: options, seedLoadSeconds: loadTime.seconds,
                             router: router, task: task, group: group)
    }

    /// One listening port: the Hummingbird application and the port it got.
    private struct Listener: Sendable {
        let app: Application<SandboxResponder>
        let router: Locked<SandboxRouter>
        private let ports: AsyncStream<Int>
        private let continuation: AsyncStream<Int>.Continuation

        init(_ router: SandboxRouter, host: String, port: Int, logger: Logger) {
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let shared = Locked(router)
            self.router = shared
            self.ports = ports
            self.continuation = continuation
            app = Application(
                responder: SandboxResponder(router: shared),
                configuration: .init(address: .hostname(host, port: port)),
                onServerRunning: { channel in
                    continuation.yield(channel.localAddress?.port ?? 0)
                    continuation.finish()
                },
                logger: logger)
        }

        func port() async -> Int? {
            var iterator = ports.makeAsyncIterator()
            return await iterator.next()
        }

        func finish() { continuation.finish() }
    }

    /// For synchronous callers (the interpreter): starts the server on a background task and
    /// blocks until it listens. Do not call from an async context; use `start` there.
    public static func startBlocking(_ options: SandboxOptions) throws -> SandboxServer {
        let outcome = Locked<Result<SandboxServer, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let result = await Result { try await start(options) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Stops accepting connections and shuts the server down gracefully in the background, silently.
    public func stop() {
        let group = self.group
        Task { await group.triggerGracefulShutdown() }
    }

    /// Like `stop`, but returns only once the listening socket is closed.
    public func shutdown() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }

    public func stats() -> SandboxStats {
        router.state.withLock { $0.stats }
    }

    public func injectFault(_ fault: SandboxFault) {
        guard fault.count > 0 else { return }
        router.state.withLock { $0.faults.append(fault) }
    }

    /// Back to the seed data, with no stats, faults or rate-limit history (tokens stay valid).
    public func reset() {
        router.reset()
    }
}

private extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
