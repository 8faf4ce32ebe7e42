/// The SMTP/LMTP envelope of one transaction: who sent it, to whom, and how it arrived.
///
/// This is the contract between the listener (which fills it in) and delivery (which reads it);
/// the message content travels beside it as raw bytes.
public struct Envelope: Sendable, Equatable {
    /// `MAIL FROM` reverse path; empty for bounces (`<>`).
    public var sender: String
    public var recipients: [EnvelopeRecipient]
    /// `BODY=7BIT|8BITMIME|BINARYMIME` as given by the client, if any.
    public var body: String?
    /// The client asked for SMTPUTF8 (RFC 6531).
    public var smtpUTF8: Bool
    /// DSN `ENVID=` and `RET=` (RFC 3461), kept verbatim (xtext-decoded).
    public var dsnEnvelopeID: String?
    public var dsnReturn: String?
    /// The client's LHLO/EHLO/HELO argument.
    public var heloName: String
    /// The peer's address as seen on the socket ("127.0.0.1" or "unix").
    public var peerAddress: String
    /// The original client as told by a trusted Postfix through XFORWARD, if any.
    public var forwardedClient: ForwardedClient?
    /// "LMTP", "LMTPS", "ESMTP", "ESMTPS", "UTF8LMTP", ... for the Received header (RFC 3848).
    public var receivedProtocol: String
    /// Listener-assigned id of this transaction, used in logs and the Received header.
    public var queueID: String

    public init(
        sender: String, recipients: [EnvelopeRecipient], body: String? = nil, smtpUTF8: Bool = false,
        dsnEnvelopeID: String? = nil, dsnReturn: String? = nil, heloName: String, peerAddress: String,
        forwardedClient: ForwardedClient? = nil, receivedProtocol: String, queueID: String
    ) {
        self.sender = sender
        self.recipients = recipients
        self.body = body
        self.smtpUTF8 = smtpUTF8
        self.dsnEnvelopeID = dsnEnvelopeID
        self.dsnReturn = dsnReturn
        self.heloName = heloName
        self.peerAddress = peerAddress
        self.forwardedClient = forwardedClient
        self.receivedProtocol = receivedProtocol
        self.queueID = queueID
    }
}

/// One accepted `RCPT TO`, with its DSN parameters (RFC 3461) kept for the audit trail.
public struct EnvelopeRecipient: Sendable, Equatable {
    public var address: String
    /// `ORCPT=` as given (e.g. "rfc822;user@example.com"), xtext-decoded.
    public var originalRecipient: String?
    /// `NOTIFY=` values, e.g. ["SUCCESS", "FAILURE"] or ["NEVER"].
    public var notify: [String]

    public init(address: String, originalRecipient: String? = nil, notify: [String] = []) {
        self.address = address
        self.originalRecipient = originalRecipient
        self.notify = notify
    }
}

/// The client Postfix tells us about with XFORWARD (only honoured from trusted networks).
public struct ForwardedClient: Sendable, Equatable {
    public var name: String?
    public var address: String?
    public var helo: String?
    public var proto: String?
    /// XFORWARD PORT, IDENT (the upstream queue id) and SOURCE ("LOCAL" or "REMOTE").
    public var port: String?
    public var ident: String?
    public var source: String?

    public init(
        name: String? = nil, address: String? = nil, helo: String? = nil, proto: String? = nil,
        port: String? = nil, ident: String? = nil, source: String? = nil
    ) {
        self.name = name
        self.address = address
        self.helo = helo
        self.proto = proto
        self.port = port
        self.ident = ident
        self.source = source
    }
}
