/// Which protocol a session speaks: LMTP (RFC 2033) answers once per recipient after the data.
public enum SMTPDialect: String, Sendable, Equatable {
    case lmtp
    case smtp
}

/// What one session needs to know about its listener and peer, as plain values.
public struct SMTPSessionConfiguration: Sendable {
    public var dialect: SMTPDialect
    /// Our name in the greeting and the LHLO/EHLO reply.
    public var hostname: String
    public var maxMessageSize: Int
    public var maxRecipients: Int
    public var maxErrors: Int
    /// A certificate is configured, so STARTTLS can be offered until TLS is active.
    public var tlsAvailable: Bool
    /// The peer is in a trusted network: XFORWARD is advertised and honoured.
    public var xforwardAllowed: Bool
    /// "127.0.0.1", "::1" or "unix".
    public var peerAddress: String
    /// Assigns each transaction its queue id.
    public var makeQueueID: @Sendable () -> String

    public init(
        dialect: SMTPDialect, hostname: String, maxMessageSize: Int = 50 * 1024 * 1024, maxRecipients: Int = 1000,
        maxErrors: Int = 20, tlsAvailable: Bool = false, xforwardAllowed: Bool = false, peerAddress: String,
        makeQueueID: @escaping @Sendable () -> String
    ) {
        self.dialect = dialect
        self.hostname = hostname
        self.maxMessageSize = maxMessageSize
        self.maxRecipients = maxRecipients
        self.maxErrors = maxErrors
        self.tlsAvailable = tlsAvailable
        self.xforwardAllowed = xforwardAllowed
        self.peerAddress = peerAddress
        self.makeQueueID = makeQueueID
    }
}
