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

    private init(port: Int, options: SandboxOptions, seedLoadSeconds: Double, router: SandboxRouter,
                 task: Task<Void, any Error>, group: ServiceGroup) {
        self.port = port
        self.options = options
        self.seedLoadSeconds = seedLoadSeconds
        self.router = router
        self.task = task
        self.group = group
    }

    /// Loads the seeds and returns once the server is listening.
    public static func start(_ options: SandboxOptions) async throws -> SandboxServer {
        let clock = ContinuousClock()
        let loadStart = clock.now
        let seeds = try SeedLoader.load(directory: options.seedsDirectory, shiftingDatesTo: options.dateShiftNow)
        let loadTime = clock.now - loadStart
        let router = SandboxRouter(options: options, seeds: seeds,
                                   state: Locked(SandboxWorld(data: seeds, options: options)))

        // Hummingbird logs at info on start and at error when cancelled; the sandbox must be silent.
        var logger = Logger(label: "halo-sandbox")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: SandboxResponder(router: router),
            configuration: .init(address: .hostname(options.host, port: options.port)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        // A service group lets stop() shut the server down gracefully: cancelling its task while a
        // connection is being accepted trips a NIO assertion (NIOAsyncWriter deinited unfinished).
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            defer { portContinuation.finish() }  // a failed bind must not leave start() waiting
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            if case .failure(let error) = await task.result { throw error }
            throw SandboxError.failedToStart("could not listen on \(options.host):\(options.port)")
        }
        return SandboxServer(port: port, options: options, seedLoadSeconds: loadTime.seconds, router: router,
                             task: task, group: group)
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
