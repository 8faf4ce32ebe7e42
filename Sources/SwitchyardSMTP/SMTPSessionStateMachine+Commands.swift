extension SMTPSessionStateMachine {
    /// One command line (without CRLF). `verifyRecipient` is asked about each RCPT address.
    public mutating func receivedCommand(_ line: [UInt8], verifyRecipient: (String) -> RecipientVerdict) -> Action {
        switch state {
        case .closed, .receivingData, .receivingChunk, .delivering:
            // The handler never feeds commands in these states; answering would break reply order.
            return .none
        case .awaitingHello, .ready, .transaction:
            break
        }
        let command: SMTPCommand
        do {
            command = try SMTPCommand.parse(line)
        } catch {
            if error.verb == "BDAT" {
                // Without a valid size the chunk cannot be skipped: its octets would be read as commands.
                state = .closed
                return .sendAndClose([error.reply])
            }
            return settle(fail(error.reply))
        }
        return settle(handle(command, verifyRecipient: verifyRecipient))
    }

    private mutating func handle(_ command: SMTPCommand, verifyRecipient: (String) -> RecipientVerdict) -> Action {
        switch command {
        case .hello(let verb, let domain): return hello(verb, domain: domain)
        case .mail(let path, let parameters): return mail(path, parameters)
        case .recipient(let path, let parameters): return recipient(path, parameters, verify: verifyRecipient)
        case .data: return data()
        case .bdat(let size, let last): return bdat(size: size, last: last)
        case .reset:
            transaction = nil
            forwardedClient = nil
            state = helloVerb == nil ? .awaitingHello : .ready
            return .send([.ok])
        case .noop:
            return .send([.ok])
        case .quit:
            state = .closed
            return .sendAndClose([SMTPReply(221, "2.0.0", "Bye")])
        case .help:
            return .send([SMTPReply(214, "2.0.0", "See RFC 5321 and RFC 2033")])
        case .verify:
            return .send([SMTPReply(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery")])
        case .expand:
            return fail(SMTPReply(502, "5.5.1", "Error: EXPN not supported"))
        case .startTLS: return startTLS()
        case .xforward(let attributes): return xforward(attributes)
        }
    }

    private mutating func hello(_ verb: SMTPCommand.HelloVerb, domain: String) -> Action {
        let valid = configuration.dialect == .lmtp ? verb == .lhlo : verb != .lhlo
        guard valid else {
            let expected = configuration.dialect == .lmtp ? "LHLO" : "EHLO or HELO"
            return fail(SMTPReply(500, "5.5.1", "Error: \(verb.rawValue) is not valid here; use \(expected)"))
        }
        // A new greeting resets any transaction (RFC 5321 §4.1.4).
        transaction = nil
        helloVerb = verb
        heloName = domain
        state = .ready
        guard verb != .helo else { return .send([SMTPReply(250, nil, configuration.hostname)]) }
        var lines = [
            configuration.hostname, "PIPELINING", "SIZE \(configuration.maxMessageSize)", "8BITMIME", "SMTPUTF8",
            "ENHANCEDSTATUSCODES", "CHUNKING", "DSN",
        ]
        if configuration.tlsAvailable && !isTLS { lines.append("STARTTLS") }
        if configuration.xforwardAllowed {
            lines.append("XFORWARD " + XForwardAttribute.supportedNames.joined(separator: " "))
        }
        return .send([SMTPReply(code: 250, enhancedCode: nil, lines: lines)])
    }

    private mutating func mail(_ path: SMTPPath, _ parameters: MailParameters) -> Action {
        guard helloVerb != nil else { return fail(SMTPReply(503, "5.5.1", "Error: send \(greetingVerbs) first")) }
        guard transaction == nil else { return fail(SMTPReply(503, "5.5.1", "Error: nested MAIL command")) }
        if let size = parameters.size, size > configuration.maxMessageSize {
            return fail(SMTPReply(552, "5.3.4", "Error: message size exceeds fixed limit"))
        }
        if path.isInternationalized && !parameters.smtpUTF8 {
            return fail(SMTPReply(553, "5.6.7", "Error: non-ASCII sender address requires SMTPUTF8"))
        }
        transaction = Transaction(sender: path, parameters: parameters, queueID: configuration.makeQueueID())
        state = .transaction
        return .send([SMTPReply(250, "2.1.0", "Ok")])
    }

    private var greetingVerbs: String { configuration.dialect == .lmtp ? "LHLO" : "EHLO/HELO" }

    private mutating func recipient(
        _ path: SMTPPath, _ parameters: RecipientParameters, verify: (String) -> RecipientVerdict
    ) -> Action {
        guard let current = transaction else { return fail(SMTPReply(503, "5.5.1", "Error: need MAIL command")) }
        guard current.recipients.count < configuration.maxRecipients else {
            // Not a client error: RFC 5321 §4.5.3.1.10 tells the client to send the rest later.
            return .send([SMTPReply(452, "4.5.3", "Error: too many recipients")])
        }
        if path.isInternationalized && !current.parameters.smtpUTF8 {
            return fail(SMTPReply(553, "5.6.7", "Error: non-ASCII recipient address requires SMTPUTF8"))
        }
        if case .reject(let reason) = verify(path.address) {
            return fail(SMTPReply(550, "5.1.1", "<\(path.address)>: Recipient address rejected: \(reason)"))
        }
        transaction?.recipients.append(
            EnvelopeRecipient(
                address: path.address, originalRecipient: parameters.originalRecipient, notify: parameters.notify))
        return .send([SMTPReply(250, "2.1.5", "Ok")])
    }

    private mutating func data() -> Action {
        guard let current = transaction else { return fail(SMTPReply(503, "5.5.1", "Error: need MAIL command")) }
        guard !current.usedChunking else { return fail(SMTPReply(503, "5.5.1", "Error: DATA cannot follow BDAT")) }
        // RFC 2033 §4.2: DATA with no successful RCPT must fail with 503.
        guard !current.recipients.isEmpty else { return fail(SMTPReply(503, "5.5.1", "Error: no valid recipients")) }
        state = .receivingData
        return .receiveData(
            SMTPReply(354, nil, "End data with <CR><LF>.<CR><LF>"), sizeLimit: configuration.maxMessageSize)
    }

    private mutating func bdat(size: Int, last: Bool) -> Action {
        // Whatever the verdict, the chunk's octets follow and must be consumed (RFC 3030 §2).
        chunkSize = size
        chunkIsLast = last
        state = .receivingChunk
        if helloVerb == nil || transaction == nil {
            chunkRejection = SMTPReply(503, "5.5.1", "Error: need MAIL command")
        } else if transaction?.recipients.isEmpty ?? true {
            chunkRejection = SMTPReply(503, "5.5.1", "Error: no valid recipients")
        } else {
            transaction?.usedChunking = true
            let received = transaction?.message.count ?? 0
            if transaction?.failure == nil, size > configuration.maxMessageSize - received {
                transaction?.failure = .sizeExceeded
                transaction?.message = []
            }
        }
        return .receiveChunk(size: size)
    }

    private mutating func startTLS() -> Action {
        guard configuration.tlsAvailable, !isTLS else {
            return .send([SMTPReply(454, "4.7.0", "TLS not available")])
        }
        guard helloVerb != nil else { return fail(SMTPReply(503, "5.5.1", "Error: send \(greetingVerbs) first")) }
        guard transaction == nil else { return fail(SMTPReply(503, "5.5.1", "Error: STARTTLS inside a transaction")) }
        // RFC 3207 §4.2: forget everything learnt before TLS; the client must greet again.
        isTLS = true
        helloVerb = nil
        heloName = ""
        forwardedClient = nil
        state = .awaitingHello
        return .startTLS(SMTPReply(220, "2.0.0", "Ready to start TLS"))
    }

    private mutating func xforward(_ attributes: [XForwardAttribute]) -> Action {
        guard configuration.xforwardAllowed else {
            return fail(SMTPReply(550, "5.7.0", "Error: insufficient authorization"))
        }
        guard helloVerb != nil else { return fail(SMTPReply(503, "5.5.1", "Error: send \(greetingVerbs) first")) }
        // XFORWARD_README: not allowed between MAIL and the end of the transaction.
        guard transaction == nil else { return fail(SMTPReply(503, "5.5.1", "Error: XFORWARD inside a transaction")) }
        var client = forwardedClient ?? ForwardedClient()
        for attribute in attributes {
            switch attribute.name {
            case "NAME": client.name = attribute.value
            case "ADDR": client.address = attribute.value
            case "PORT": client.port = attribute.value
            case "PROTO": client.proto = attribute.value
            case "HELO": client.helo = attribute.value
            case "IDENT": client.ident = attribute.value
            case "SOURCE": client.source = attribute.value
            default: continue
            }
        }
        forwardedClient = client
        return .send([.ok])
    }
}
