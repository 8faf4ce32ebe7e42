public import Logging
public import SwitchyardMIME
public import SwitchyardServer
public import SwitchyardSignals

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything `switchyard serve` runs with. Built from the YAML file (see `load(file:)`); every
/// field has a default, so an empty file is a working configuration: LMTP on 127.0.0.1:2424,
/// Maildirs under ./var/maildirs.
public struct GatewayConfiguration: Sendable {
    /// Where and how copies are stored.
    public struct Maildir: Sendable, Equatable {
        /// One Maildir per team below this directory; relative paths start at the working directory.
        public var root: String = "./var/maildirs"
        /// The team every message goes to until routing rules decide otherwise.
        public var defaultTeam: String = "support"
        /// Seconds a resend of the same traced message to the same recipient is not stored again
        /// (0 disables); 24 hours covers MTA retry schedules after a lost reply.
        public var dedupeWindow: Double = 24 * 3600
        /// Also deduplicate messages that carry no `Received:` trace (direct clients); see the
        /// example configuration for why this is off by default.
        public var dedupeUntraced: Bool = false
        /// Threads doing the blocking write/fsync/link calls: how many deliveries are on disk at once.
        public var fsyncThreads: Int = 16
        public init() {}
    }

    public var server: ServerConfiguration
    public var recipients: RecipientPolicy
    public var maildir: Maildir
    /// Caps on parsing one message (`mime:`); past one the parser records a defect and stops there.
    public var mime: ParserLimits
    /// Limits and thresholds of language, sentiment and entity extraction (`signals:`).
    public var signals: SignalConfiguration
    public var logLevel: Logger.Level

    public init(
        server: ServerConfiguration = GatewayConfiguration.defaultServer(),
        recipients: RecipientPolicy = RecipientPolicy(),
        maildir: Maildir = Maildir(), mime: ParserLimits = ParserLimits(),
        signals: SignalConfiguration = SignalConfiguration(), logLevel: Logger.Level = .info
    ) {
        self.server = server
        self.recipients = recipients
        self.maildir = maildir
        self.mime = mime
        self.signals = signals
        self.logLevel = logLevel
    }

    /// LMTP on 127.0.0.1:2424, loopback trusted for XFORWARD, RFC 5321 limits and timeouts.
    public static func defaultServer() -> ServerConfiguration {
        ServerConfiguration(
            listeners: [.init(dialect: .lmtp, address: .tcp(host: "127.0.0.1", port: 2424))],
            hostname: systemHostName(),
            trustedNetworks: ["127.0.0.0/8", "::1/128"].compactMap(NetworkRange.init)
        )
    }

    static func systemHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
