/// What happened to one recipient's copy; the listener turns it into that recipient's reply.
public enum DeliveryOutcome: Sendable, Equatable {
    /// Durably stored (file and directory fsynced) or accepted downstream: answer 250.
    case delivered(detail: String)
    /// Try again later (disk full, I/O error, downstream 4xx): answer 4xx, the MTA retries.
    case temporaryFailure(code: Int, enhanced: String, text: String)
    /// Will never succeed for this recipient: answer 5xx.
    case permanentFailure(code: Int, enhanced: String, text: String)
}

/// Whether a `RCPT TO` address is one we accept mail for.
public enum RecipientVerdict: Sendable, Equatable {
    case accept
    /// 550 5.1.1 and the reason, e.g. "not a local domain".
    case reject(reason: String)
}

/// Where the listener hands a complete transaction. The gateway implements it (Maildir today,
/// routing and forwarding later); tests implement it to observe what the listener delivered.
///
/// `deliver` returns one outcome per envelope recipient, in the same order. It is called off the
/// event loop and may block on fsync; it must not return `.delivered` before the copy is durable.
public protocol DeliveryAgent: Sendable {
    func verify(recipient address: String) -> RecipientVerdict
    func deliver(_ envelope: Envelope, message: [UInt8]) async -> [DeliveryOutcome]
}
