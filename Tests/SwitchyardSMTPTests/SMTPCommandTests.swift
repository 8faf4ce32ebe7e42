import SwitchyardSMTP
import Testing

@Suite struct SMTPCommandTests {
    static func parse(_ text: String) throws(SMTPCommandError) -> SMTPCommand {
        try SMTPCommand.parse(Array(text.utf8))
    }

    static func replyCode(_ text: String) -> (Int, String?)? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return (error.reply.code, error.reply.enhancedCode)
        }
    }

    @Test(arguments: [
        ("MAIL FROM:<a@b.example>", "a@b.example"),
        ("mail from:<a@b.example>", "a@b.example"),
        ("MAIL FROM: <a@b.example>", "a@b.example"),
        ("MAIL FROM:<>", ""),
        ("MAIL FROM:<@relay.example,@r2.example:a@b.example>", "a@b.example"),
        ("MAIL FROM:<\"john doe\"@b.example>", "\"john doe\"@b.example"),
        ("MAIL FROM:<\"a\\\"b\"@b.example>", "\"a\\\"b\"@b.example"),
        ("MAIL FROM:<user@[192.0.2.1]>", "user@[192.0.2.1]"),
        ("MAIL FROM:<user@[IPv6:2001:db8::1]>", "user@[IPv6:2001:db8::1]"),
        ("MAIL FROM:<first.last+tag@sub-domain.example>", "first.last+tag@sub-domain.example"),
        ("MAIL FROM:<ü@bücher.example> SMTPUTF8", "ü@bücher.example"),
    ])
    func senderPaths(line: String, address: String) throws {
        guard case .mail(let path, _) = try Self.parse(line) else {
            Issue.record("not MAIL")
            return
        }
        #expect(path.address == address)
        #expect(path.isInternationalized == address.utf8.contains { $0 >= 0x80 })
    }

    @Test(arguments: [
        ("MAIL FROM:a@b", 501), ("MAIL FROM:<a@b", 501), ("MAIL FROM:<a@>", 501), ("MAIL FROM:<@b>", 501),
        ("MAIL FROM:<a..b@c>", 501), ("MAIL FROM:<a@-b>", 501), ("MAIL FROM:<a@b.>", 501), ("MAIL TO:<a@b>", 501),
        ("MAIL FROM:<\"unterminated@b>", 501), ("RCPT TO:<>", 501), ("RCPT TO:<a b@c>", 501),
        ("MAIL FROM:<a@b> SIZE=abc", 501), ("MAIL FROM:<a@b> SIZE=1 SIZE=2", 501), ("MAIL FROM:<a@b> FOO=1", 555),
        ("MAIL FROM:<a@b> BODY=BINARYMIME", 555), ("MAIL FROM:<a@b> RET=ALL", 501), ("MAIL FROM:<a@b> ENVID=a=b", 501),
        ("RCPT TO:<a@b> NOTIFY=NEVER,SUCCESS", 501), ("RCPT TO:<a@b> NOTIFY=SOMETIMES", 501),
        ("RCPT TO:<a@b> ORCPT=nosemicolon", 501), ("RCPT TO:<a@b> ORCPT=rfc822;bad+ZZ", 501),
        ("DATA now", 501), ("RSET x", 501), ("QUIT now", 501), ("STARTTLS x", 501), ("VRFY", 501),
        ("BDAT", 501), ("BDAT x", 501), ("BDAT 10 FIRST", 501), ("BDAT -1", 501), ("BDAT 1 LAST x", 501),
        ("FROB", 500), ("", 500), ("EHLO a\rInjected: x", 500), ("MAIL FROM:<a@b>\u{0}", 500), ("EHLO", 501),
        ("XFORWARD", 501), ("XFORWARD FOO=bar", 501),
    ])
    func invalidLines(line: String, code: Int) {
        let result = Self.replyCode(line)
        #expect(result?.0 == code, "\(line)")
        #expect(result?.1 != nil)
    }

    @Test func invalidUTF8IsRefused() {
        do {
            _ = try SMTPCommand.parse(Array("MAIL FROM:<".utf8) + [0xFF, 0xFE] + Array("@b> SMTPUTF8".utf8))
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.reply.code == 553 && error.reply.enhancedCode == "5.6.7")
        }
    }

    @Test func parameters() throws {
        let mail = try Self.parse("MAIL FROM:<a@b> size=1234 body=8bitmime SMTPUTF8 RET=FULL ENVID=abc+2Bdef AUTH=<>")
        #expect(
            mail
                == .mail(
                    SMTPPath(address: "a@b"),
                    MailParameters(
                        size: 1234, body: "8BITMIME", smtpUTF8: true, dsnReturn: "FULL", dsnEnvelopeID: "abc+def")))
        let rcpt = try Self.parse("RCPT TO:<a@b> NOTIFY=success,delay ORCPT=rfc822;a+2Bx@b")
        #expect(
            rcpt
                == .recipient(
                    SMTPPath(address: "a@b"),
                    RecipientParameters(notify: ["SUCCESS", "DELAY"], originalRecipient: "rfc822;a+x@b")))
        #expect(
            try Self.parse("RCPT TO:<Postmaster>") == .recipient(SMTPPath(address: "postmaster"), RecipientParameters())
        )
        #expect(
            try Self.parse("RCPT TO:<a@b> NOTIFY=NEVER")
                == .recipient(SMTPPath(address: "a@b"), RecipientParameters(notify: ["NEVER"])))
    }

    @Test func otherCommands() throws {
        #expect(try Self.parse("LHLO mx.example") == .hello(.lhlo, domain: "mx.example"))
        #expect(try Self.parse("ehlo [127.0.0.1]") == .hello(.ehlo, domain: "[127.0.0.1]"))
        #expect(try Self.parse("BDAT 0 LAST") == .bdat(size: 0, last: true))
        #expect(try Self.parse("bdat 12345 last") == .bdat(size: 12345, last: true))
        #expect(try Self.parse("BDAT 7") == .bdat(size: 7, last: false))
        #expect(try Self.parse("DATA ") == .data)
        #expect(try Self.parse("NOOP anything") == .noop)
        #expect(try Self.parse("VRFY postmaster") == .verify("postmaster"))
        #expect(
            try Self.parse("XFORWARD ADDR=192.0.2.1 NAME=[UNAVAILABLE]")
                == .xforward([
                    XForwardAttribute(name: "ADDR", value: "192.0.2.1"), XForwardAttribute(name: "NAME", value: nil),
                ]))
    }

    @Test func xtext() {
        #expect(XText.decode("a+2Bb+3Dc") == "a+b=c")
        #expect(XText.decode("a+2b") == nil)
        #expect(XText.decode("a b") == nil)
        #expect(XText.decode("a+2") == nil)
        #expect(XText.decode("+C3+BC") == "ü")
    }

    @Test func replyWireFormat() {
        #expect(SMTPReply(250, "2.1.5", "Ok").wireText == "250 2.1.5 Ok\r\n")
        #expect(
            SMTPReply(code: 250, enhancedCode: nil, lines: ["host", "PIPELINING"]).wireText
                == "250-host\r\n250 PIPELINING\r\n")
        #expect(
            SMTPReply(code: 452, enhancedCode: "4.3.1", lines: ["a", "b"]).wireText == "452-4.3.1 a\r\n452 4.3.1 b\r\n")
        // Text from an agent cannot inject a line of its own.
        #expect(SMTPReply(451, "4.3.0", "disk\r\n250 fake").wireText == "451 4.3.0 disk  250 fake\r\n")
    }

    @Test func queueIDsAreUnique() {
        let generator = QueueIDGenerator()
        let ids = (0..<10_000).map { _ in generator.next() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 19 && $0.utf8.allSatisfy { $0 < 0x80 } })
    }
}
