/// Everything the listener needs to know, as plain values. The gateway builds it from the YAML
/// configuration (and reports file/line errors there); the listener never reads files itself
/// except the TLS certificate and key named here.
public struct ServerConfiguration: Sendable {
    /// Which dialect a listener speaks. LMTP (RFC 2033) answers per recipient after DATA.
    public enum Dialect: String, Sendable, CaseIterable {
        case lmtp
        case smtp
    }

    /// Where a listener binds.
    public enum BindAddress: Sendable, Equatable, CustomStringConvertible {
        case tcp(host: String, port: Int)
        case unix(path: String)

        public var description: String {
            switch self {
            case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            case .unix(let path): return "unix:\(path)"
            }
        }
    }

    public struct Listener: Sendable, Equatable {
        public var dialect: Dialect
        public var address: BindAddress
        public init(dialect: Dialect, address: BindAddress) {
            self.dialect = dialect
            self.address = address
        }
    }

    /// PEM files for STARTTLS (RFC 3207). STARTTLS is advertised only when this is set.
    public struct TLSFiles: Sendable, Equatable {
        public var certificatePath: String
        public var privateKeyPath: String
        public init(certificatePath: String, privateKeyPath: String) {
            self.certificatePath = certificatePath
            self.privateKeyPath = privateKeyPath
        }
    }

    /// Every bound the listener enforces. Defaults follow Postfix and RFC 5321 where they exist.
    public struct Limits: Sendable, Equatable {
        /// SIZE (RFC 1870); larger messages get 552 5.3.4. Postfix's default is 10,240,000.
        public var maxMessageSize: Int = 50 * 1024 * 1024
        /// Recipients per transaction; more get 452 4.5.3 (RFC 5321 §4.5.3.1.8 requires >= 100).
        public var maxRecipients: Int = 1000
        /// Command and text lines including CRLF (RFC 5321 §4.5.3.1.4/.6): longer get 500 5.5.2.
        public var maxLineLength: Int = 1000
        /// Simultaneous sessions; more are answered 421 4.3.2 and closed.
        public var maxConnections: Int = 256
        /// Protocol errors in one session before 421 4.7.0 and close (Postfix smtpd_hard_error_limit).
        public var maxErrors: Int = 20
        public init() {}
    }

    /// Timeouts in seconds. RFC 5321 §4.5.3.2 gives the minimums a client should wait; a
    /// server idle timeout of at least 5 minutes is what it recommends.
    public struct Timeouts: Sendable, Equatable {
        /// Waiting for the next command (RFC 5321 §4.5.3.2.7: 5 minutes).
        public var command: Double = 300
        /// Waiting for the next chunk of DATA/BDAT content (§4.5.3.2.5: 3 minutes).
        public var data: Double = 180
        /// On SIGTERM/SIGINT: how long in-flight transactions may take before 421 4.4.2.
        public var shutdownGrace: Double = 30
        /// How long one delivery (every copy fsynced, or the downstream's answer) may take before the
        /// client is told 451 4.3.0 and keeps the message queued. Below Postfix's
        /// lmtp_data_done_timeout (600 s), so Postfix hears our answer rather than timing out itself.
        public var delivery: Double = 300
        public init() {}
    }

    public var listeners: [Listener]
    /// Our name in the greeting, the LHLO/EHLO reply and Received headers.
    public var hostname: String
    public var tls: TLSFiles?
    /// Networks whose XFORWARD (Postfix) is honoured; others get 550 5.7.0 for XFORWARD.
    public var trustedNetworks: [NetworkRange]
    public var limits: Limits
    public var timeouts: Timeouts

    public init(
        listeners: [Listener], hostname: String, tls: TLSFiles? = nil,
        trustedNetworks: [NetworkRange] = [], limits: Limits = Limits(), timeouts: Timeouts = Timeouts()
    ) {
        self.listeners = listeners
        self.hostname = hostname
        self.tls = tls
        self.trustedNetworks = trustedNetworks
        self.limits = limits
        self.timeouts = timeouts
    }
}
