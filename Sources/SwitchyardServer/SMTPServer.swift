public import Logging
public import ServiceLifecycle
public import SwitchyardSMTP

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

    public init(configuration: ServerConfiguration, agent: any DeliveryAgent, logger: Logger) {
        self.configuration = configuration
        self.agent = agent
        self.logger = logger
    }

    public func run() async throws {
        fatalError("SMTPServer.run is being written (issue 2)")
    }
}
