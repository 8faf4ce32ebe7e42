import NIOCore
import SwitchyardSMTP
import Synchronization

/// Drives framer + state machine over a client transcript the way the channel handler does,
/// delivering synchronously with outcomes chosen by the test.
struct SessionDriver {
    var machine: SMTPSessionStateMachine
    var framer: SMTPInboundFramer
    var buffer = ByteBuffer()
    var replies: [SMTPReply] = []
    var deliveries: [(envelope: Envelope, message: [UInt8])] = []
    var closed = false
    var tlsStarts = 0
    var discardedAfterTLS = 0
    var outcomes: (Envelope) -> [DeliveryOutcome]
    var known: Set<String>

    init(
        dialect: SMTPDialect = .lmtp, maxMessageSize: Int = 1000, maxRecipients: Int = 3, maxErrors: Int = 5,
        maxLineLength: Int = 1000, tls: Bool = false, trusted: Bool = false,
        known: Set<String> = ["a@example.com", "b@example.com", "c@example.com", "用户@例子.中国"],
        outcomes: @escaping (Envelope) -> [DeliveryOutcome] = { $0.recipients.map { _ in .delivered(detail: "Saved") } }
    ) {
        let counter = Counter()
        let configuration = SMTPSessionConfiguration(
            dialect: dialect, hostname: "mx.test", maxMessageSize: maxMessageSize, maxRecipients: maxRecipients,
            maxErrors: maxErrors, tlsAvailable: tls, xforwardAllowed: trusted, peerAddress: "127.0.0.1",
            makeQueueID: { counter.next() })
        machine = SMTPSessionStateMachine(configuration: configuration)
        framer = SMTPInboundFramer(maximumLineLength: maxLineLength)
        self.outcomes = outcomes
        self.known = known
        perform(machine.greeting())
    }

    var codes: [Int] { replies.map(\.code) }
    /// Reply codes after the greeting.
    var answerCodes: [Int] { Array(codes.dropFirst()) }

    mutating func feed(_ text: String) {
        feed(Array(text.utf8))
    }

    mutating func feed(_ bytes: [UInt8]) {
        buffer.writeBytes(bytes)
        while !closed, let frame = try? framer.decode(buffer: &buffer) {
            let known = self.known
            perform(
                machine.received(
                    frame, verifyRecipient: { known.contains($0) ? .accept : .reject(reason: "unknown user") }))
        }
    }

    mutating func perform(_ action: SMTPSessionStateMachine.Action) {
        switch action {
        case .none: break
        case .send(let list): replies += list
        case .sendAndClose(let list):
            replies += list
            closed = true
        case .receiveData(let reply, let limit):
            replies.append(reply)
            framer.expectData(sizeLimit: limit)
        case .receiveChunk(let size):
            framer.expectChunk(size: size)
        case .startTLS(let reply):
            replies.append(reply)
            tlsStarts += 1
            discardedAfterTLS += buffer.readableBytes
            buffer.clear()
        case .deliver(let envelope, let message):
            deliveries.append((envelope, message))
            perform(machine.deliveryCompleted(outcomes(envelope)))
        }
    }
}

/// Deterministic queue ids for tests ("Q1", "Q2", ...).
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> String {
        "Q\(value.add(1, ordering: .relaxed).newValue)"
    }
}
