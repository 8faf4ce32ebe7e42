import NIOCore
import NIOTestUtils
import SwitchyardSMTP
import Testing

/// Gathers the streamed content of a data decoder into one frame per message, so that the
/// verifier (which tries every chunking) sees output that does not depend on the chunking.
struct WholeDataDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = Message
    enum Message: Equatable {
        case message(String, sizeExceeded: Bool)
    }

    var inner: SMTPDataDecoder
    var collected = ByteBuffer()

    mutating func decode(buffer: inout ByteBuffer) throws -> Message? {
        while let frame = try inner.decode(buffer: &buffer) {
            switch frame {
            case .content(var piece): collected.writeBuffer(&piece)
            case .end(let exceeded):
                // Content streamed before the limit was passed is dropped by the session.
                defer { collected.clear() }
                return .message(exceeded ? "" : String(buffer: collected), sizeExceeded: exceeded)
            }
        }
        return nil
    }

    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> Message? {
        try decode(buffer: &buffer)
    }
}

/// Same for BDAT chunks: one frame per chunk with all its octets.
struct WholeChunkDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = String
    var inner: BDATChunkDecoder
    var collected = ByteBuffer()

    mutating func decode(buffer: inout ByteBuffer) throws -> String? {
        while let frame = try inner.decode(buffer: &buffer) {
            switch frame {
            case .content(var piece): collected.writeBuffer(&piece)
            case .end:
                // The verifier streams its inputs one after another: each is a new chunk.
                defer {
                    collected.clear()
                    inner = BDATChunkDecoder(size: inner.size)
                }
                return String(buffer: collected)
            }
        }
        return nil
    }

    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> String? {
        try decode(buffer: &buffer)
    }
}

@Suite struct DecoderTests {
    @Test func lineDecoderEveryChunking() throws {
        typealias Frame = SMTPLineDecoder.Frame
        let pairs: [(String, [Frame])] = [
            ("NOOP\r\n", [.line(ByteBuffer(string: "NOOP"))]),
            (
                "EHLO a\r\nMAIL FROM:<>\r\n",
                [.line(ByteBuffer(string: "EHLO a")), .line(ByteBuffer(string: "MAIL FROM:<>"))]
            ),
            ("bare\n", [.line(ByteBuffer(string: "bare"))]),
            ("\r\n", [.line(ByteBuffer())]),
            ("12345678901234\r\n", [.line(ByteBuffer(string: "12345678901234"))]),  // exactly 16 octets with CRLF
            ("123456789012345\r\nNOOP\r\n", [.tooLong, .line(ByteBuffer(string: "NOOP"))]),
            (String(repeating: "y", count: 40) + "\r\nQUIT\r\n", [.tooLong, .line(ByteBuffer(string: "QUIT"))]),
        ]
        try ByteToMessageDecoderVerifier.verifyDecoder(stringInputOutputPairs: pairs) {
            SMTPLineDecoder(maximumLength: 16)
        }
    }

    @Test func lineDecoderDiscardsWithoutBufferingUnboundedInput() throws {
        var decoder = SMTPLineDecoder(maximumLength: 1000)
        var buffer = ByteBuffer(repeating: UInt8(ascii: "x"), count: 5000)
        #expect(try decoder.decode(buffer: &buffer) == .tooLong)
        #expect(try decoder.decode(buffer: &buffer) == nil)
        #expect(buffer.readableBytes == 0)
        buffer.writeString("tail\r\nNOOP\r\n")
        #expect(try decoder.decode(buffer: &buffer) == .line(ByteBuffer(string: "NOOP")))
    }

    @Test func dataDecoderEveryChunking() throws {
        typealias Message = WholeDataDecoder.Message
        let pairs: [(String, [Message])] = [
            (".\r\n", [.message("", sizeExceeded: false)]),
            ("a\r\n.\r\n", [.message("a\r\n", sizeExceeded: false)]),
            ("..x\r\n...\r\n.\r\n", [.message(".x\r\n..\r\n", sizeExceeded: false)]),
            ("a\n.\r\nb\r\n.\r\n", [.message("a\n.\r\nb\r\n", sizeExceeded: false)]),  // "\n.\r\n" does not end
            ("a\r\n.\nb\r\n.\r\n", [.message("a\r\n\nb\r\n", sizeExceeded: false)]),  // "\r\n.\n" does not end
            ("a\n.\nb\r\n.\r\n", [.message("a\n.\nb\r\n", sizeExceeded: false)]),  // "\n.\n" does not end
            ("a\r.\r\nb\r\n.\r\n", [.message("a\r.\r\nb\r\n", sizeExceeded: false)]),  // bare CR neither
            ("x\r\r\n.\r\n", [.message("x\r\r\n", sizeExceeded: false)]),
            ("0123456789\r\n.\r\n", [.message("", sizeExceeded: true)]),
            ("01234567\r\n.\r\n", [.message("01234567\r\n", sizeExceeded: false)]),  // exactly 10 octets
            ("a\r\n.\r\nb\r\n.\r\n", [.message("a\r\n", sizeExceeded: false), .message("b\r\n", sizeExceeded: false)]),
        ]
        try ByteToMessageDecoderVerifier.verifyDecoder(stringInputOutputPairs: pairs) {
            WholeDataDecoder(inner: SMTPDataDecoder(sizeLimit: 10))
        }
    }

    @Test func dataDecoderStopsKeepingContentPastTheLimit() throws {
        var decoder = SMTPDataDecoder(sizeLimit: 100)
        var buffer = ByteBuffer(string: String(repeating: "0123456789\r\n", count: 1000))
        var kept = 0
        while let frame = try decoder.decode(buffer: &buffer) {
            if case .content(let piece) = frame { kept += piece.readableBytes }
        }
        #expect(kept <= 100)
        #expect(buffer.readableBytes <= 1)
        buffer.writeString(".\r\n")
        #expect(try decoder.decode(buffer: &buffer) == .end(sizeExceeded: true))
    }

    @Test func dataDecoderStreamsLongLines() throws {
        var decoder = SMTPDataDecoder(sizeLimit: 1 << 20)
        var buffer = ByteBuffer(string: String(repeating: "z", count: 5000))
        guard case .content(let piece)? = try decoder.decode(buffer: &buffer) else {
            Issue.record("no content")
            return
        }
        #expect(piece.readableBytes == 5000)
    }

    @Test func chunkDecoderEveryChunking() throws {
        try ByteToMessageDecoderVerifier.verifyDecoder(stringInputOutputPairs: [("hello\r\n.\r\n", ["hello\r\n.\r\n"])])
        {
            WholeChunkDecoder(inner: BDATChunkDecoder(size: 10))
        }
        var empty = BDATChunkDecoder(size: 0)
        var buffer = ByteBuffer()
        #expect(try empty.decode(buffer: &buffer) == .end)
        #expect(try empty.decode(buffer: &buffer) == nil)
    }

    @Test func framerReturnsToCommandsAfterData() throws {
        var framer = SMTPInboundFramer(maximumLineLength: 1000)
        var buffer = ByteBuffer(string: "DATA\r\nx\r\n.\r\nBDAT 3 LAST\r\nabcQUIT\r\n")
        #expect(try framer.decode(buffer: &buffer) == .commandLine(ByteBuffer(string: "DATA")))
        framer.expectData(sizeLimit: 100)
        #expect(framer.isReadingContent)
        #expect(try framer.decode(buffer: &buffer) == .content(ByteBuffer(string: "x\r\n")))
        #expect(try framer.decode(buffer: &buffer) == .dataEnd(sizeExceeded: false))
        #expect(try framer.decode(buffer: &buffer) == .commandLine(ByteBuffer(string: "BDAT 3 LAST")))
        framer.expectChunk(size: 3)
        #expect(try framer.decode(buffer: &buffer) == .content(ByteBuffer(string: "abc")))
        #expect(try framer.decode(buffer: &buffer) == .chunkEnd)
        #expect(try framer.decode(buffer: &buffer) == .commandLine(ByteBuffer(string: "QUIT")))
        #expect(!framer.isReadingContent)
    }
}
