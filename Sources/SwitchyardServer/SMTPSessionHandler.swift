import Logging
import NIOCore
import NIOSSL
import SwitchyardSMTP

/// Sent down every session's pipeline by the server during graceful shutdown.
enum SMTPServerEvent: Sendable {
    /// Finish the transaction in flight, then answer 421 4.4.2 and close.
    case drain
    /// The grace period is over: answer 421 4.4.2 and close now.
    case forceClose
}

/// The thin shell around `SMTPSessionStateMachine`: frames input, feeds the machine, and carries
/// out its actions (writes, framing switches, STARTTLS, delivery off the event loop, timeouts).
///
/// While a delivery runs, input is neither decoded nor read from the socket, so pipelined
/// commands wait in the kernel buffer and replies stay in order.
final class SMTPSessionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var machine: SMTPSessionStateMachine
    private var framer: SMTPInboundFramer
    private var buffer = ByteBuffer()
    private let agent: any DeliveryAgent
    private let timeouts: ServerConfiguration.Timeouts
    private let tlsContext: NIOSSLContext?
    private let logger: Logger
    private var context: ChannelHandlerContext?
    private var delivering = false
    private var readPending = false
    private var closed = false
    /// The client shut down its sending side (e.g. Exim after a pipelined `BDAT ... LAST` + QUIT):
    /// what it already sent is still processed and answered before we close.
    private var inputEnded = false
    private var idleTimer: Scheduled<Void>?
    private var deliveryTimer: Scheduled<Void>?
    /// Numbers deliveries, so an agent that answers after its delivery timed out is ignored.
    private var deliveryNumber = 0

    init(
        session: SMTPSessionConfiguration, maxLineLength: Int, agent: any DeliveryAgent,
        timeouts: ServerConfiguration.Timeouts, tlsContext: NIOSSLContext?, logger: Logger
    ) {
        self.machine = SMTPSessionStateMachine(configuration: session)
        self.framer = SMTPInboundFramer(maximumLineLength: maxLineLength)
        self.agent = agent
        self.timeouts = timeouts
        self.tlsContext = tlsContext
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { start(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        deliveryTimer?.cancel()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    private var greeted = false

    private func start(context: ChannelHandlerContext) {
        guard !greeted else { return }
        greeted = true
        logger.debug("session opened")
        perform(machine.greeting(), context: context)
        context.flush()
        armIdleTimer(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        idleTimer?.cancel()
        logger.debug("session closed")
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        guard !closed else { return }
        buffer.writeBuffer(&incoming)
        processInput(context: context)
    }

    func read(context: ChannelHandlerContext) {
        // Back-pressure: no socket reads while the agent works on a message, or while a client
        // that does not read its replies has filled our outbound buffer.
        if inputHeld(context: context) {
            readPending = true
        } else {
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable && !closed {
            processInput(context: context)
            resumeReading(context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    private func inputHeld(context: ChannelHandlerContext) -> Bool {
        delivering || !context.channel.isWritable
    }

    private func resumeReading(context: ChannelHandlerContext) {
        guard readPending, !inputHeld(context: context), !closed else { return }
        readPending = false
        context.read()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed? = event as? ChannelEvent {
            inputEnded = true
            if !closed { processInput(context: context) }
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard let event = event as? SMTPServerEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard !closed else { return }
        switch event {
        case .drain: perform(machine.shutdownRequested(), context: context)
        case .forceClose: perform(machine.forceClose(), context: context)
        }
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A client closing TLS without close_notify is common and harmless once the session is over.
        var level = Logger.Level.info
        if case .uncleanShutdown? = error as? NIOSSLError { level = .debug }
        logger.log(level: level, "session error, closing", metadata: ["error": "\(error)"])
        closed = true
        context.close(promise: nil)
    }

    private func processInput(context: ChannelHandlerContext) {
        while !inputHeld(context: context) && !closed {
            let frame: SMTPInboundFrame?
            do {
                frame = try framer.decode(buffer: &buffer)
            } catch {
                errorCaught(context: context, error: error)
                return
            }
            guard let frame else { break }
            let queueID = machine.currentQueueID
            let action = machine.received(frame, verifyRecipient: { [agent] in agent.verify(recipient: $0) })
            logRejectedTransaction(frame: frame, action: action, queueID: queueID)
            perform(action, context: context)
        }
        if buffer.readableBytes == 0 {
            buffer.clear()
        } else if buffer.readerIndex > 65536 {
            buffer.discardReadBytes()
        }
        guard !closed else { return }
        if inputEnded && !delivering {
            closeAfterPendingReplies(context: context)
            return
        }
        context.flush()
        if !delivering { armIdleTimer(context: context) }
    }

    /// Input has ended and every complete command in the buffer has been answered: send the
    /// replies, then close. No further command can arrive, so waiting would only hold the socket.
    private func closeAfterPendingReplies(context: ChannelHandlerContext) {
        closed = true
        idleTimer?.cancel()
        if buffer.readableBytes > 0 {
            logger.debug("client closed its side mid-command", metadata: ["octets": "\(buffer.readableBytes)"])
        }
        let empty = context.channel.allocator.buffer(capacity: 0)
        context.writeAndFlush(wrapOutboundOut(empty)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func perform(_ action: SMTPSessionStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .send(let replies):
            write(replies, context: context)
        case .sendAndClose(let replies):
            closed = true
            idleTimer?.cancel()
            var out = context.channel.allocator.buffer(capacity: 128)
            for reply in replies { reply.write(into: &out) }
            context.writeAndFlush(wrapOutboundOut(out)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        case .receiveData(let reply, let limit):
            write([reply], context: context)
            framer.expectData(sizeLimit: limit)
        case .receiveChunk(let size):
            framer.expectChunk(size: size)
        case .startTLS(let reply):
            startTLS(reply, context: context)
        case .deliver(let envelope, let message):
            deliver(envelope, message: message, context: context)
        }
    }

    private func write(_ replies: [SMTPReply], context: ChannelHandlerContext) {
        var out = context.channel.allocator.buffer(capacity: 128)
        for reply in replies { reply.write(into: &out) }
        context.write(wrapOutboundOut(out), promise: nil)
    }

    private func startTLS(_ reply: SMTPReply, context: ChannelHandlerContext) {
        write([reply], context: context)
        context.flush()
        // CVE-2011-0411: anything the client sent after STARTTLS in plaintext is dropped, and the
        // TLS handler goes in now, while nothing is buffered, so later bytes can only be TLS.
        if buffer.readableBytes > 0 {
            logger.warning(
                "discarding plaintext pipelined after STARTTLS", metadata: ["octets": "\(buffer.readableBytes)"])
            buffer.clear()
        }
        guard let tlsContext else {
            perform(machine.forceClose(), context: context)
            return
        }
        do {
            try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext), position: .first)
        } catch {
            errorCaught(context: context, error: error)
        }
    }

    private func deliver(_ envelope: Envelope, message: [UInt8], context: ChannelHandlerContext) {
        delivering = true
        idleTimer?.cancel()
        context.flush()
        let agent = self.agent
        let started = ContinuousClock.now
        deliveryNumber &+= 1
        let number = deliveryNumber
        let promise = context.eventLoop.makePromise(of: [DeliveryOutcome].self)
        // Delivery may block on fsync: it runs in a task, never on the event loop.
        promise.completeWithTask { await agent.deliver(envelope, message: message) }
        promise.futureResult.assumeIsolated().whenSuccess { outcomes in
            guard self.delivering, self.deliveryNumber == number else { return }  // already answered 451
            self.deliveryFinished(outcomes, envelope: envelope, size: message.count, started: started)
        }
        let limit = timeouts.delivery
        deliveryTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(limit * 1000))) {
            guard self.delivering, self.deliveryNumber == number else { return }
            // The copy may still land later: the client retries, and the redelivery dedupe keeps a
            // traced resend from becoming a second copy. A 4xx never loses the message.
            self.logger.warning(
                "delivery timed out", metadata: ["queue_id": "\(envelope.queueID)", "seconds": "\(limit)"])
            let outcome = DeliveryOutcome.temporaryFailure(
                code: 451, enhanced: "4.3.0", text: "Delivery did not finish in time, try again later")
            let outcomes = Array(repeating: outcome, count: envelope.recipients.count)
            self.deliveryFinished(outcomes, envelope: envelope, size: message.count, started: started)
        }
    }

    private func deliveryFinished(
        _ outcomes: [DeliveryOutcome], envelope: Envelope, size: Int, started: ContinuousClock.Instant
    ) {
        delivering = false
        deliveryTimer?.cancel()
        deliveryTimer = nil
        let action = machine.deliveryCompleted(outcomes)
        logTransaction(envelope, size: size, action: action, started: started)
        guard let context, !closed else { return }
        perform(action, context: context)
        processInput(context: context)
        resumeReading(context: context)
    }

    private func logTransaction(
        _ envelope: Envelope, size: Int, action: SMTPSessionStateMachine.Action, started: ContinuousClock.Instant
    ) {
        var codes: [String] = []
        if case .send(let replies) = action { codes = replies.map { "\($0.code)" } }
        if case .sendAndClose(let replies) = action { codes = replies.map { "\($0.code)" } }
        let elapsed = ContinuousClock.now - started
        logger.info(
            "transaction",
            metadata: [
                "queue_id": "\(envelope.queueID)", "from": "\(envelope.sender)",
                "recipients": "\(envelope.recipients.map(\.address).joined(separator: ","))", "size": "\(size)",
                "result": "\(codes.joined(separator: " "))",
                "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
            ])
    }

    /// Transactions refused at the end of their data (size) get their outcome line here; delivered
    /// ones in `logTransaction`.
    private func logRejectedTransaction(
        frame: SMTPInboundFrame, action: SMTPSessionStateMachine.Action, queueID: String?
    ) {
        switch frame {
        case .dataEnd, .chunkEnd: break
        default: return
        }
        let replies: [SMTPReply]
        switch action {
        case .send(let list), .sendAndClose(let list): replies = list
        default: return
        }
        guard let queueID, let first = replies.first, !first.isPositive else { return }
        logger.info(
            "transaction rejected",
            metadata: ["queue_id": "\(queueID)", "result": "\(first.code) \(first.enhancedCode ?? "")"])
    }

    private func armIdleTimer(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        let seconds = framer.isReadingContent ? timeouts.data : timeouts.command
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
            self.idleTimerFired()
        }
    }

    private func idleTimerFired() {
        guard let context, !closed, !delivering else { return }
        logger.info("idle timeout, closing", metadata: ["state": "\(machine.state)"])
        perform(machine.timedOut(), context: context)
    }
}
