public import Logging
public import NIOCore
internal import NIOPosix
internal import ServiceLifecycle
internal import SwitchyardMaildir
internal import SwitchyardServer
public import UnixSignals

/// The running gateway: a thread pool for the blocking file calls, the Maildir writer, the
/// delivery agent and the listener, under one ServiceGroup that shuts down gracefully on signals.
public final class Gateway: Sendable {
    public let configuration: GatewayConfiguration
    let logger: Logger
    let signals: [UnixSignal]
    let pool: NIOThreadPool
    let server: SMTPServer

    /// - Parameter signals: signals that start a graceful shutdown (tests pass none and cancel instead).
    public init(configuration: GatewayConfiguration, logger: Logger, signals: [UnixSignal] = [.sigterm, .sigint]) {
        self.configuration = configuration
        self.logger = logger
        self.signals = signals
        // Started by run(); until then deliveries would answer 451, but nothing is listening yet.
        self.pool = NIOThreadPool(numberOfThreads: configuration.maildir.fsyncThreads)
        let writer = MaildirWriter(
            configuration: .init(
                root: configuration.maildir.root, hostname: configuration.server.hostname,
                dedupeWindow: configuration.maildir.dedupeWindow, dedupeUntraced: configuration.maildir.dedupeUntraced
            ),
            threadPool: pool
        )
        let agent = MaildirDeliveryAgent(
            writer: writer, recipients: configuration.recipients, team: configuration.maildir.defaultTeam,
            logger: logger
        )
        self.server = SMTPServer(configuration: configuration.server, agent: agent, logger: logger)
    }

    /// The listeners' bound addresses once `run()` has bound them (port 0 gives a free port).
    public func boundAddresses() async throws -> [SocketAddress] {
        try await server.boundAddresses()
    }

    /// Serves until a graceful shutdown (signal) or cancellation, then waits for in-flight deliveries.
    /// Returns normally after a graceful shutdown, so the process exits 0. Call once.
    public func run() async throws {
        pool.start()
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: server)], gracefulShutdownSignals: signals, logger: logger
        )
        // The listener answers 421 once shutdown_grace is over; the margin lets it say so and close.
        let grace = configuration.server.timeouts.shutdownGrace + 5
        groupConfiguration.maximumGracefulShutdownDuration = Duration.milliseconds(Int64(grace * 1000))
        let group = ServiceGroup(configuration: groupConfiguration)
        logger.info(
            "switchyard starting",
            metadata: [
                "listeners": "\(configuration.server.listeners.map { "\($0.dialect.rawValue) \($0.address)" })",
                "maildir_root": "\(configuration.maildir.root)", "team": "\(configuration.maildir.defaultTeam)",
                "dedupe_window": "\(configuration.maildir.dedupeWindow)",
                "fsync_threads": "\(configuration.maildir.fsyncThreads)",
            ]
        )
        do {
            try await group.run()
        } catch {
            try? await pool.shutdownGracefully()
            throw error
        }
        // Deliveries already on the pool finish before it stops: nothing acknowledged is cut short.
        try await pool.shutdownGracefully()
        logger.info("switchyard stopped")
    }
}
