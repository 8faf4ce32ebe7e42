public import Logging
public import NIOCore
import NIOPosix
import NIOSSL
public import ServiceLifecycle
public import SwitchyardSMTP
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The LMTP/SMTP listener, run as a ServiceLifecycle service.
///
/// Contract used by the gateway (do not change the signatures without changing SwitchyardGateway):
/// `init(configuration:agent:logger:)` and `run()`, which binds every configured listener, serves
/// until graceful shutdown, then stops accepting, lets in-flight transactions finish for up to
/// `timeouts.shutdownGrace` seconds, answers 421 4.4.2 to the rest and returns.
public final class SMTPServer: Service, Sendable {
    let configuration: ServerConfiguration
    let agent: any DeliveryAgent
    let logger: Logger
    private let sessions = SessionRegistry()
    private let ids = QueueIDGenerator()
    private let binding = Mutex<BindingState>(.pending([]))

    private enum BindingState {
        case pending([CheckedContinuation<[SocketAddress], any Error>])
        case bound([SocketAddress])
        case failed(any Error)
    }

    public init(configuration: ServerConfiguration, agent: any DeliveryAgent, logger: Logger) {
        self.configuration = configuration
        self.agent = agent
        self.logger = logger
    }

    /// The addresses actually bound, in listener order, once `run()` has bound them (useful with
    /// port 0). Throws if binding failed.
    public func boundAddresses() async throws -> [SocketAddress] {
        try await withCheckedThrowingContinuation { continuation in
            binding.withLock { state in
                switch state {
                case .pending(var waiters):
                    waiters.append(continuation)
                    state = .pending(waiters)
                case .bound(let addresses): continuation.resume(returning: addresses)
                case .failed(let error): continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Sessions currently open.
    public var openSessionCount: Int { sessions.count }

    public func run() async throws {
        let channels: [any Channel]
        do {
            let tlsContext = try makeTLSContext()
            channels = try await bindAll(tlsContext: tlsContext)
        } catch {
            settleBinding(.failed(error))
            throw error
        }
        settleBinding(.bound(channels.compactMap(\.localAddress)))
        let bound = zip(configuration.listeners, channels).map { listener, channel in
            "\(listener.dialect) \(channel.localAddress.map { "\($0)" } ?? "\(listener.address)")"
        }
        logger.info("listening", metadata: ["listeners": "\(bound.joined(separator: ", "))"])

        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                for channel in channels { try? await channel.closeFuture.get() }
            } onCancel: {
                for channel in channels { channel.close(promise: nil) }
            }
        } onGracefulShutdown: {
            for channel in channels { channel.close(promise: nil) }
        }
        for case .unix(let path) in configuration.listeners.map(\.address) { unlink(path) }
        await drainSessions()
        logger.info("listener stopped")
    }

    private func settleBinding(_ outcome: BindingState) {
        let waiters = binding.withLock { state -> [CheckedContinuation<[SocketAddress], any Error>] in
            guard case .pending(let waiters) = state else { return [] }
            state = outcome
            return waiters
        }
        for waiter in waiters {
            switch outcome {
            case .bound(let addresses): waiter.resume(returning: addresses)
            case .failed(let error): waiter.resume(throwing: error)
            case .pending: break
            }
        }
    }

    /// Stop-accepting has happened; give open sessions the grace period, then close the rest.
    private func drainSessions() async {
        guard sessions.count > 0 else { return }
        logger.info("draining sessions", metadata: ["open": "\(sessions.count)"])
        sessions.broadcast(.drain)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int64(configuration.timeouts.shutdownGrace * 1000)))
        while sessions.count > 0, clock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard sessions.count > 0 else { return }
        logger.info("shutdown grace over, closing sessions", metadata: ["open": "\(sessions.count)"])
        sessions.broadcast(.forceClose)
        let hardDeadline = clock.now.advanced(by: .seconds(2))
        while sessions.count > 0, clock.now < hardDeadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
        for channel in sessions.openChannels { try? await channel.close() }
    }

    private func makeTLSContext() throws -> NIOSSLContext? {
        guard let files = configuration.tls else { return nil }
        let chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath).map {
            NIOSSLCertificateSource.certificate($0)
        }
        let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        // TLS 1.0/1.1 are deprecated (RFC 8996); every MTA that speaks STARTTLS today has 1.2.
        tls.minimumTLSVersion = .tlsv12
        return try NIOSSLContext(configuration: tls)
    }

    private func bindAll(tlsContext: NIOSSLContext?) async throws -> [any Channel] {
        var channels: [any Channel] = []
        do {
            for listener in configuration.listeners {
                channels.append(try await bind(listener, tlsContext: tlsContext))
            }
        } catch {
            for channel in channels { try? await channel.close() }
            throw error
        }
        return channels
    }

    private func bind(_ listener: ServerConfiguration.Listener, tlsContext: NIOSSLContext?) async throws -> any Channel
    {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try self.initializeSession(channel, listener: listener, tlsContext: tlsContext)
                }
            }
        switch listener.address {
        case .tcp(let host, let port):
            return try await bootstrap.childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: host, port: port).get()
        case .unix(let path):
            return try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
        }
    }

    private func initializeSession(
        _ channel: any Channel, listener: ServerConfiguration.Listener, tlsContext: NIOSSLContext?
    ) throws {
        let limits = configuration.limits
        guard sessions.register(channel, limit: limits.maxConnections) else {
            logger.warning("too many connections", metadata: ["limit": "\(limits.maxConnections)"])
            try channel.pipeline.syncOperations.addHandler(ConnectionRefusalHandler(reply: .tooManyConnections))
            return
        }
        let peer: String
        let trusted: Bool
        if case .unix = listener.address {
            // Local peers on a socket file are as trusted as its file permissions make them.
            peer = "unix"
            trusted = true
        } else {
            peer = channel.remoteAddress?.ipAddress ?? "unknown"
            trusted = configuration.trustedNetworks.contains { $0.contains(peer) }
        }
        let ids = self.ids
        let session = SMTPSessionConfiguration(
            dialect: listener.dialect == .lmtp ? .lmtp : .smtp, hostname: configuration.hostname,
            maxMessageSize: limits.maxMessageSize, maxRecipients: limits.maxRecipients, maxErrors: limits.maxErrors,
            tlsAvailable: tlsContext != nil, xforwardAllowed: trusted, peerAddress: peer,
            makeQueueID: { ids.next() })
        var sessionLogger = logger
        sessionLogger[metadataKey: "session"] = "\(ids.next())"
        sessionLogger[metadataKey: "peer"] = "\(peer)"
        let handler = SMTPSessionHandler(
            session: session, maxLineLength: limits.maxLineLength, agent: agent, timeouts: configuration.timeouts,
            tlsContext: tlsContext, logger: sessionLogger)
        try channel.pipeline.syncOperations.addHandler(handler)
    }
}
