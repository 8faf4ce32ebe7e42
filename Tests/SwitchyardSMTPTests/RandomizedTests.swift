import NIOCore
import SwitchyardSMTP
import Testing

/// Seeded random inputs: round trips and invariants that must hold for any bytes a client sends.
@Suite struct RandomizedTests {
    /// SplitMix64, so a failure can be replayed from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Client-side transparency (RFC 5321 §4.5.2): a dot at the start of a CRLF line is doubled.
    static func dotStuff(_ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var atLineStart = true
        for (index, byte) in content.enumerated() {
            if atLineStart && byte == UInt8(ascii: ".") { out.append(byte) }
            out.append(byte)
            atLineStart = byte == UInt8(ascii: "\n") && index > 0 && content[index - 1] == UInt8(ascii: "\r")
        }
        return out
    }

    @Test(arguments: 0..<20)
    func dataRoundTripUnderRandomChunking(seed: UInt64) throws {
        var random = Generator(state: seed)
        let alphabet: [UInt8] = Array("ab.\r\n\r\n..x".utf8)
        var content = (0..<Int.random(in: 0...3000, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
        content += Array("\r\n".utf8)
        let wire = Self.dotStuff(content) + Array(".\r\nNOOP\r\n".utf8)
        var framer = SMTPInboundFramer(maximumLineLength: 1000)
        framer.expectData(sizeLimit: 1 << 20)
        var buffer = ByteBuffer()
        var received: [UInt8] = []
        var ended = false
        var offset = 0
        var afterwards: [SMTPInboundFrame] = []
        while offset < wire.count {
            let size = Int.random(in: 1...64, using: &random)
            buffer.writeBytes(wire[offset..<min(wire.count, offset + size)])
            offset += size
            while let frame = try framer.decode(buffer: &buffer) {
                switch frame {
                case .content(let piece) where !ended: received += piece.readableBytesView
                case .dataEnd(sizeExceeded: false) where !ended: ended = true
                default: afterwards.append(frame)
                }
            }
        }
        #expect(ended)
        #expect(received == content)
        #expect(afterwards == [.commandLine(ByteBuffer(string: "NOOP"))])
    }

    @Test(arguments: 0..<10)
    func randomSessionsNeverBreakTheReplyContract(seed: UInt64) {
        var random = Generator(state: seed)
        let vocabulary = [
            "LHLO c", "EHLO c", "HELO c", "MAIL FROM:<x@y>", "MAIL FROM:<>", "RCPT TO:<a@example.com>",
            "RCPT TO:<zz@example.com>", "RCPT TO:<b@example.com> NOTIFY=NEVER", "DATA", "BDAT 3", "BDAT 2 LAST",
            "BDAT 0 LAST", "RSET", "NOOP", "VRFY x", "STARTTLS", "XFORWARD ADDR=1.2.3.4", "FOO", "MAIL FROM:<a@b> SIZE=9",
            "x\r\n.", ".", "..", "abc", "",
        ]
        var driver = SessionDriver(dialect: seed % 2 == 0 ? .lmtp : .smtp, maxErrors: 1000, tls: seed % 3 == 0)
        for _ in 0..<300 {
            guard !driver.closed else { break }
            driver.feed(vocabulary.randomElement(using: &random)! + "\r\n")
        }
        for reply in driver.replies.dropFirst() {
            #expect((200..<600).contains(reply.code))
            let exempt = reply.code == 354 || (reply.code == 250 && reply.enhancedCode == nil) || reply.code == 220
            #expect(exempt || reply.enhancedCode?.first == String(reply.code / 100).first, "\(reply)")
        }
        for delivery in driver.deliveries {
            #expect(!delivery.envelope.recipients.isEmpty)
        }
    }

    @Test(arguments: 0..<4)
    func parserSurvivesHostileLines(seed: UInt64) {
        var random = Generator(state: seed)
        let prefixes = ["MAIL FROM:", "RCPT TO:", "EHLO ", "BDAT ", "XFORWARD ", "VRFY ", ""]
        let alphabet = Array("<>@\".\\:[], =+;aZ09-_ü\u{7F}\t".utf8) + [0x80, 0xC3, 0xFF, 0x00]
        var accepted = 0
        for _ in 0..<5000 {
            let body = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
            }
            let line = Array(prefixes[Int.random(in: 0..<prefixes.count, using: &random)].utf8) + body
            do {
                let command = try SMTPCommand.parse(line)
                accepted += 1
                if case .mail(let path, _) = command {
                    #expect(path.address.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F })
                }
            } catch {
                #expect((500..<600).contains(error.reply.code))
            }
        }
        #expect(accepted > 0)
    }
}
