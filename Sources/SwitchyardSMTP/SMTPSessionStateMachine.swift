public import NIOCore

/// The protocol of one SMTP/LMTP session, without I/O: each event returns the `Action` the
/// channel handler must carry out (send replies, switch framing, start TLS, deliver, close).
public struct SMTPSessionStateMachine {
    /// Where the session is in RFC 5321 §4.1.4 command ordering.
    public enum State: Sendable, Equatable {
        /// Greeting sent (or TLS just started): waiting for LHLO/EHLO/HELO.
        case awaitingHello
        /// Greeted, no transaction.
        case ready
        /// MAIL accepted; collecting recipients.
        case transaction
        case receivingData
        case receivingChunk
        /// The agent has the message; input is paused until its outcomes come back.
        case delivering
        case closed
    }

    /// What the channel handler must do next.
    public enum Action: Sendable, Equatable {
        case none
        case send([SMTPReply])
        case sendAndClose([SMTPReply])
        /// Send the 354 reply, then frame DATA content with this size limit.
        case receiveData(SMTPReply, sizeLimit: Int)
        /// Frame the next `size` octets as a BDAT chunk (no reply until it has been read).
        case receiveChunk(size: Int)
        /// Send the 220 reply, drop any plaintext already buffered, then start the TLS handshake.
        case startTLS(SMTPReply)
        /// Hand the transaction to the delivery agent; call `deliveryCompleted` with its outcomes.
        case deliver(Envelope, message: [UInt8])
    }

    struct Transaction {
        var sender: SMTPPath
        var parameters: MailParameters
        var recipients: [EnvelopeRecipient] = []
        var queueID: String
        var message: [UInt8] = []
        var usedChunking = false
        /// Set when a BDAT chunk overflowed the size limit: later chunks are discarded.
        var failure: SMTPReply?
    }

    public let configuration: SMTPSessionConfiguration
    public internal(set) var state: State = .awaitingHello
    public internal(set) var isTLS = false
    public internal(set) var errorCount = 0
    /// Graceful shutdown was requested: close as soon as no transaction is in flight.
    public private(set) var isDraining = false
    var helloVerb: SMTPCommand.HelloVerb?
    var heloName = ""
    var transaction: Transaction?
    var forwardedClient: ForwardedClient?
    var chunkSize = 0
    var chunkIsLast = false
    /// The reply owed for a BDAT chunk that is being read only to be discarded.
    var chunkRejection: SMTPReply?

    public init(configuration: SMTPSessionConfiguration) {
        self.configuration = configuration
    }

    /// The queue id of the transaction in progress, for logs.
    public var currentQueueID: String? { transaction?.queueID }

    public mutating func greeting() -> Action {
        let service = configuration.dialect == .lmtp ? "LMTP" : "ESMTP"
        return .send([SMTPReply(220, nil, "\(configuration.hostname) \(service) Switchyard ready")])
    }

    /// Dispatches one framed unit read off the wire.
    public mutating func received(
        _ frame: SMTPInboundFrame, verifyRecipient: (String) -> RecipientVerdict
    ) -> Action {
        switch frame {
        case .commandLine(let line):
            return receivedCommand(Array(line.readableBytesView), verifyRecipient: verifyRecipient)
        case .lineTooLong: return receivedLineTooLong()
        case .content(let piece):
            receivedContent(piece)
            return .none
        case .dataEnd(let exceeded): return dataEnded(sizeExceeded: exceeded)
        case .chunkEnd: return chunkEnded()
        }
    }

    public mutating func receivedLineTooLong() -> Action {
        guard state != .closed else { return .none }
        return settle(fail(.lineTooLong))
    }

    public mutating func receivedContent(_ piece: ByteBuffer) {
        switch state {
        case .receivingData:
            transaction?.message.append(contentsOf: piece.readableBytesView)
        case .receivingChunk:
            guard chunkRejection == nil, transaction?.failure == nil else { return }
            transaction?.message.append(contentsOf: piece.readableBytesView)
        default:
            return
        }
    }

    public mutating func dataEnded(sizeExceeded: Bool) -> Action {
        guard state == .receivingData, let current = transaction else { return .none }
        if sizeExceeded || current.message.count > configuration.maxMessageSize {
            transaction = nil
            state = .ready
            return settle(.send(repliesForWholeMessage(.sizeExceeded, recipients: current.recipients)))
        }
        state = .delivering
        return .deliver(envelope(for: current), message: current.message)
    }

    public mutating func chunkEnded() -> Action {
        guard state == .receivingChunk else { return .none }
        if let rejection = chunkRejection {
            chunkRejection = nil
            state = transaction == nil ? (helloVerb == nil ? .awaitingHello : .ready) : .transaction
            return settle(fail(rejection))
        }
        guard let current = transaction else { return .none }
        if let failure = current.failure {
            guard chunkIsLast else {
                state = .transaction
                return .send([failure])
            }
            transaction = nil
            state = .ready
            return settle(.send(repliesForWholeMessage(failure, recipients: current.recipients)))
        }
        guard chunkIsLast else {
            state = .transaction
            return .send([SMTPReply(250, "2.0.0", "Ok: \(chunkSize) octets received")])
        }
        state = .delivering
        return .deliver(envelope(for: current), message: current.message)
    }

    /// The agent's outcomes, one per recipient in RCPT order.
    public mutating func deliveryCompleted(_ outcomes: [DeliveryOutcome]) -> Action {
        guard state == .delivering, let current = transaction else { return .none }
        transaction = nil
        forwardedClient = nil
        state = .ready
        let replies: [SMTPReply]
        switch configuration.dialect {
        case .lmtp:
            replies = current.recipients.indices.map { index in
                DeliveryReplies.reply(
                    for: index < outcomes.count ? outcomes[index] : nil, recipient: current.recipients[index].address)
            }
        case .smtp:
            replies = [
                DeliveryReplies.summary(outcomes, recipientCount: current.recipients.count, queueID: current.queueID)
            ]
        }
        return settle(.send(replies))
    }

    public mutating func timedOut() -> Action {
        guard state != .closed else { return .none }
        state = .closed
        return .sendAndClose([.timeout])
    }

    /// Graceful shutdown: sessions without a transaction close now; the others after it ends.
    public mutating func shutdownRequested() -> Action {
        isDraining = true
        return settle(.none)
    }

    /// The shutdown grace period is over: close whatever is going on.
    public mutating func forceClose() -> Action {
        guard state != .closed else { return .none }
        state = .closed
        return .sendAndClose([.shuttingDown])
    }

    /// LMTP answers every accepted recipient after the data (RFC 2033 §4.2), also on failure.
    func repliesForWholeMessage(_ reply: SMTPReply, recipients: [EnvelopeRecipient]) -> [SMTPReply] {
        guard configuration.dialect == .lmtp, !recipients.isEmpty else { return [reply] }
        return Array(repeating: reply, count: recipients.count)
    }

    mutating func fail(_ reply: SMTPReply) -> Action {
        errorCount += 1
        guard errorCount >= configuration.maxErrors else { return .send([reply]) }
        state = .closed
        return .sendAndClose([reply, .tooManyErrors])
    }

    /// While draining, a session that has no transaction left says 421 and closes.
    mutating func settle(_ action: Action) -> Action {
        guard isDraining, state == .ready || state == .awaitingHello else { return action }
        switch action {
        case .none:
            state = .closed
            return .sendAndClose([.shuttingDown])
        case .send(let replies):
            state = .closed
            return .sendAndClose(replies + [.shuttingDown])
        default:
            return action
        }
    }

    func envelope(for current: Transaction) -> Envelope {
        var name: String
        if current.parameters.smtpUTF8 {
            name = configuration.dialect == .lmtp ? "UTF8LMTP" : "UTF8SMTP"
        } else if configuration.dialect == .lmtp {
            name = "LMTP"
        } else {
            name = helloVerb == .helo && !isTLS ? "SMTP" : "ESMTP"
        }
        if isTLS { name += "S" }
        return Envelope(
            sender: current.sender.address, recipients: current.recipients, body: current.parameters.body,
            smtpUTF8: current.parameters.smtpUTF8, dsnEnvelopeID: current.parameters.dsnEnvelopeID,
            dsnReturn: current.parameters.dsnReturn, heloName: heloName, peerAddress: configuration.peerAddress,
            forwardedClient: forwardedClient, receivedProtocol: name, queueID: current.queueID)
    }
}
