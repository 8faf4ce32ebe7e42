import Logging
import NIOCore
import NIOEmbedded
import Synchronization
import Testing

@testable import SwitchyardServer
import SwitchyardSMTP

/// Counts the reads that get past the session handler toward the socket.
final class ReadCounter: ChannelOutboundHandler, Sendable {
    typealias OutboundIn = ByteBuffer
    let reads = Atomic<Int>(0)

    func read(context: ChannelHandlerContext) {
        reads.add(1, ordering: .relaxed)
        context.read()
    }
}

/// A delivery agent that holds every delivery until the test opens the gate.
final class GatedAgent: DeliveryAgent {
    private let gate = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func verify(recipient address: String) -> RecipientVerdict { .accept }

    func deliver(_ envelope: Envelope, message: [UInt8]) async -> [DeliveryOutcome] {
        await withCheckedContinuation { continuation in
            let resumeNow = gate.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
        return envelope.recipients.map { _ in .delivered(detail: "Saved") }
    }

    func open() {
        let waiters = gate.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

@Suite struct SessionHandlerTests {
    static func makeChannel(agent: any DeliveryAgent) async throws -> (NIOAsyncTestingChannel, ReadCounter) {
        let counter = ReadCounter()
        let session = SMTPSessionConfiguration(
            dialect: .lmtp, hostname: "mx.test", peerAddress: "127.0.0.1", makeQueueID: { "Q" })
        let channel = NIOAsyncTestingChannel()
        try await channel.testingEventLoop.executeInContext {
            let handler = SMTPSessionHandler(
                session: session, maxLineLength: 1000, agent: agent, timeouts: .init(), tlsContext: nil,
                logger: Logger(label: "test"))
            try channel.pipeline.syncOperations.addHandler(counter)
            try channel.pipeline.syncOperations.addHandler(handler)
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 2424))
        return (channel, counter)
    }

    static func output(_ channel: NIOAsyncTestingChannel) async throws -> String {
        var text = ""
        while let buffer = try await channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
        return text
    }

    @Test func noReadsAndNoRepliesWhileDelivering() async throws {
        let agent = GatedAgent()
        let (channel, counter) = try await Self.makeChannel(agent: agent)
        #expect(try await Self.output(channel).hasPrefix("220 mx.test"))
        try await channel.writeInbound(
            ByteBuffer(string: "LHLO c\r\nMAIL FROM:<s@x>\r\nRCPT TO:<a@x>\r\nDATA\r\nhi\r\n.\r\nNOOP\r\n"))
        let before = try await Self.output(channel)
        #expect(before.hasSuffix("354 End data with <CR><LF>.<CR><LF>\r\n"))
        channel.pipeline.read()
        #expect(counter.reads.load(ordering: .relaxed) == 0)

        agent.open()
        var after = ""
        for _ in 0..<200 where !after.contains("250 2.0.0 Ok\r\n") {
            after += try await Self.output(channel)
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(after == "250 2.0.0 <a@x> Saved\r\n250 2.0.0 Ok\r\n")
        #expect(counter.reads.load(ordering: .relaxed) == 1)
        _ = try await channel.finish()
    }

    @Test func idleTimeoutOnVirtualClock() async throws {
        let (channel, _) = try await Self.makeChannel(agent: GatedAgent())
        _ = try await Self.output(channel)
        await channel.testingEventLoop.advanceTime(by: .seconds(299))
        #expect(try await Self.output(channel).isEmpty)
        await channel.testingEventLoop.advanceTime(by: .seconds(2))
        #expect(try await Self.output(channel) == "421 4.4.2 Error: timeout exceeded; closing connection\r\n")
        try await channel.closeFuture.get()
    }
}
