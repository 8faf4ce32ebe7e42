import NIOCore
import NIOPosix
import NIOSSL

/// Passes every inbound buffer into an AsyncStream so a test can read replies in order.
final class StreamingHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let continuation: AsyncStream<ByteBuffer>.Continuation

    init(continuation: AsyncStream<ByteBuffer>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish()
        context.close(promise: nil)
    }
}

/// One reply as the client saw it.
struct TestReply: Equatable, CustomStringConvertible {
    var code: Int
    var lines: [String]
    var text: String { lines.joined(separator: "\n") }
    var description: String { "\(code) \(text)" }
}

enum TestClientError: Error {
    case closed(partial: String)
    case malformed(String)
}

/// A raw SMTP/LMTP client over a real socket: sends exact bytes, reads replies one by one.
final class TestClient {
    let channel: any Channel
    private var iterator: AsyncStream<ByteBuffer>.AsyncIterator
    private var pending = ByteBuffer()

    private init(channel: any Channel, stream: AsyncStream<ByteBuffer>) {
        self.channel = channel
        self.iterator = stream.makeAsyncIterator()
    }

    /// Connects; the connection is closed after `safetyTimeout` so a stuck test fails instead of hanging.
    static func connect(to address: SocketAddress, safetyTimeout: TimeAmount = .seconds(30)) async throws -> TestClient
    {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(StreamingHandler(continuation: continuation))
                }
            }
            .connect(to: address).get()
        channel.eventLoop.scheduleTask(in: safetyTimeout) { channel.close(promise: nil) }
        return TestClient(channel: channel, stream: stream)
    }

    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Reads one complete (possibly multi-line) reply.
    func reply() async throws -> TestReply {
        var lines: [String] = []
        while true {
            let line = try await nextLine()
            guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else { throw TestClientError.malformed(line) }
            lines.append(String(line.dropFirst(4)))
            if line.utf8.count == 3 || line.dropFirst(3).first == " " { return TestReply(code: code, lines: lines) }
        }
    }

    func replies(_ count: Int) async throws -> [TestReply] {
        var out: [TestReply] = []
        for _ in 0..<count { out.append(try await reply()) }
        return out
    }

    func codes(_ count: Int) async throws -> [Int] {
        try await replies(count).map(\.code)
    }

    /// True when the server closes the connection without sending anything more.
    func closedByServer() async -> Bool {
        guard pending.readableBytes == 0 else { return false }
        return await iterator.next() == nil
    }

    /// Upgrades the connection to TLS (after the server's 220), trusting `certificatePath`.
    func startTLS(trusting certificatePath: String) async throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .file(certificatePath)
        let context = try NIOSSLContext(configuration: configuration)
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: "localhost")
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    func close() async {
        try? await channel.close()
    }

    private func nextLine() async throws -> String {
        while true {
            if let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = newline - pending.readerIndex
                let bytes = pending.readBytes(length: length + 1) ?? []
                return String(decoding: bytes.dropLast().filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
            }
            guard var more = await iterator.next() else {
                throw TestClientError.closed(partial: String(buffer: pending))
            }
            pending.writeBuffer(&more)
        }
    }
}
