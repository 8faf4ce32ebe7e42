public import Logging
public import SwitchyardMaildir
public import SwitchyardSMTP

/// What the listener hands complete transactions to: accepted recipients per `RecipientPolicy`,
/// every copy into the default team's Maildir (routing picks the team once it exists), and one
/// log line per recipient copy with queue id, recipient, team, size and result.
public struct MaildirDeliveryAgent: DeliveryAgent {
    let writer: MaildirWriter
    let recipients: RecipientPolicy
    let team: String
    let logger: Logger

    public init(writer: MaildirWriter, recipients: RecipientPolicy, team: String, logger: Logger) {
        self.writer = writer
        self.recipients = recipients
        self.team = team
        self.logger = logger
    }

    public func verify(recipient address: String) -> RecipientVerdict {
        guard let reason = recipients.rejection(for: address) else { return .accept }
        return .reject(reason: reason)
    }

    public func deliver(_ envelope: Envelope, message: [UInt8]) async -> [DeliveryOutcome] {
        let receipts = await writer.deliver(message, envelope: envelope, team: team)
        for receipt in receipts { log(receipt, envelope: envelope) }
        return receipts.map(\.outcome)
    }

    private func log(_ receipt: MaildirWriter.Receipt, envelope: Envelope) {
        var metadata: Logger.Metadata = [
            "queue_id": "\(envelope.queueID)",
            "recipient": "\(receipt.recipient)",
            "team": "\(receipt.team)",
            "size": "\(receipt.size)",
        ]
        if let file = receipt.fileName { metadata["file"] = "\(file)" }
        switch receipt.outcome {
        case .delivered:
            metadata["result"] = receipt.duplicate ? "duplicate" : "delivered"
            logger.info("delivery", metadata: metadata)
        case .temporaryFailure(let code, let enhanced, let text), .permanentFailure(let code, let enhanced, let text):
            metadata["result"] = "\(code) \(enhanced)"
            metadata["reason"] = "\(text)"
            logger.error("delivery failed", metadata: metadata)
        }
    }
}
