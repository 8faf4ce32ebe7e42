import Foundation
import Testing

@testable import SwitchyardMIME

@Suite("MIME tree, transfer encodings and limits")
struct MIMETreeTests {
    static let mixed = """
        From: Anna <anna@example.com>
        To: support@example.org
        Subject: =?utf-8?Q?Rechnung_f=C3=BCr_M=C3=A4rz?=
        Date: Mon, 4 Mar 2024 09:15:00 +0100
        Message-ID: <m1@example.com>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        preamble
        --outer
        Content-Type: multipart/alternative; boundary=inner

        --inner
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Hallo, die Rechnung ist =FCberf=E4llig.=
         Bitte pr=FCfen.
        --inner
        Content-Type: text/html; charset=utf-8

        <p>Hallo</p>
        --inner--
        --outer
        Content-Type: application/pdf; name="rechnung.pdf"
        Content-Disposition: attachment; filename*=utf-8''Rechnung%20M%C3%A4rz.pdf
        Content-Transfer-Encoding: base64

        aGVsbG8=
        --outer--
        epilogue
        """

    @Test func parsesTreeBodiesAndAttachments() throws {
        let message = Message(parsing: Self.mixed)
        #expect(message.subjectText == "Rechnung für März")
        #expect(message.from.first?.address == "anna@example.com")
        #expect(message.messageID == "m1@example.com")
        #expect(message.root.children.count == 2)
        #expect(message.root.children[0].children.count == 2)
        #expect(message.bodyText == "Hallo, die Rechnung ist überfällig. Bitte prüfen.")
        #expect(message.htmlText == "Hallo")
        let attachment = try #require(message.attachments.first)
        #expect(attachment.filename == "Rechnung März.pdf")
        #expect(attachment.size == 5)
        #expect(attachment.sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(message.defects.isEmpty)
    }

    @Test func lenientBase64AndQuotedPrintable() {
        let base64 = TransferDecoding.base64(Array("aGVs#bG8gd29y\nbGQ".utf8)[...])
        #expect(String(decoding: base64.bytes, as: UTF8.self) == "hello world")
        #expect(!base64.clean)
        let qp = TransferDecoding.quotedPrintable(Array("a=3Db =ZZ c=\r\nd".utf8)[...])
        #expect(String(decoding: qp.bytes, as: UTF8.self) == "a=b =ZZ cd")
        #expect(!qp.clean)
    }

    @Test func sha256KnownVectors() {
        #expect(Fingerprint.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Fingerprint.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Fingerprint.sha256Hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func embeddedMessageIsForwarded() throws {
        let text = """
            Subject: Fwd: original
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            see below
            --b
            Content-Type: message/rfc822

            From: Bob <bob@example.net>
            Subject: original

            inner text
            --b--
            """
        let message = Message(parsing: text)
        let forwarded = try #require(message.forwarded.first)
        #expect(forwarded.subject == "original")
        #expect(forwarded.from.first?.address == "bob@example.net")
        #expect(forwarded.text == "inner text")
        #expect(message.bodyText == "see below")
    }

    @Test func depthLimitStopsDescentWithDefect() {
        var text = "Subject: deep\n"
        for level in 0..<60 { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        text += "Content-Type: text/plain\n\ndeepest\n"
        let message = Message(parsing: text, limits: ParserLimits(maxDepth: 10))
        #expect(message.defects.contains { $0.kind == .depthExceeded })
        #expect(message.root.allParts.count <= 12)
    }

    @Test func partCountLimit() {
        var text = "Content-Type: multipart/mixed; boundary=x\n\n"
        for index in 0..<50 { text += "--x\nContent-Type: text/plain\n\npart \(index)\n" }
        text += "--x--\n"
        let message = Message(parsing: text, limits: ParserLimits(maxParts: 10))
        #expect(message.defects.contains { $0.kind == .partCountExceeded })
        #expect(message.root.children.count == 9)
    }

    @Test func headerLimits() {
        var text = ""
        for index in 0..<100 { text += "X-Filler-\(index): \(String(repeating: "v", count: 100))\n" }
        text += "Subject: late\n\nbody\n"
        let byCount = Message(parsing: text, limits: ParserLimits(maxHeaderCount: 20))
        #expect(byCount.defects.contains { $0.kind == .headerCountExceeded })
        #expect(byCount.headers.count == 20)
        #expect(byCount.bodyText == "body")
        let byBytes = Message(parsing: text, limits: ParserLimits(maxHeaderBytes: 1_000))
        #expect(byBytes.defects.contains { $0.kind == .headerBytesExceeded })
        #expect(byBytes.headers.count < 10)
    }

    @Test func sizeLimits() {
        let text = "Content-Type: text/plain\n\n" + String(repeating: "x", count: 5_000)
        let part = Message(parsing: text, limits: ParserLimits(maxPartBytes: 1_000))
        #expect(part.defects.contains { $0.kind == .partSizeExceeded })
        #expect(part.root.body.count == 1_000)
        let whole = Message(parsing: text, limits: ParserLimits(maxMessageBytes: 300))
        #expect(whole.defects.contains { $0.kind == .messageSizeExceeded })
        #expect(whole.root.body.count == 300)
        let html = "Content-Type: text/html\n\n" + String(repeating: "<p>word</p>", count: 1_000)
        let capped = Message(parsing: html, limits: ParserLimits(maxHTMLBytes: 110))
        #expect(capped.defects.contains { $0.kind == .htmlSizeExceeded })
        #expect(capped.bodyText.split(separator: "\n").filter { !$0.isEmpty }.count == 10)
    }

    @Test func missingBoundaryBecomesText() {
        let message = Message(parsing: "Content-Type: multipart/mixed\n\nhello\n")
        #expect(message.defects.contains { $0.kind == .missingBoundary })
        #expect(message.bodyText == "hello")
    }
}

@Suite("Parser limits configuration")
struct ParserLimitsConfigurationTests {
    @Test func decodesSnakeCaseKeysWithDefaults() throws {
        let json = Data(#"{"max_depth": 7, "max_html_bytes": 1000}"#.utf8)
        let limits = try JSONDecoder().decode(ParserLimits.self, from: json)
        #expect(limits.maxDepth == 7)
        #expect(limits.maxHTMLBytes == 1_000)
        #expect(limits.maxParts == ParserLimits.default.maxParts)
    }
}
