import NIOCore
import SwitchyardSMTP
import Testing

@Suite struct SessionStateMachineTests {
    static let crlf = "\r\n"

    @Test func lmtpPipelinedTwoRecipientsOneFailing() {
        var driver = SessionDriver(outcomes: { envelope in
            [.delivered(detail: "Saved"), .temporaryFailure(code: 452, enhanced: "4.3.1", text: "Disk full")]
        })
        driver.feed(
            "LHLO client\r\nMAIL FROM:<s@example.org>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n"
        )
        driver.feed("Subject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n")
        #expect(driver.answerCodes == [250, 250, 250, 250, 354, 250, 452, 221])
        #expect(driver.replies[7].enhancedCode == "4.3.1")
        #expect(driver.replies[7].lines[0].contains("<b@example.com>"))
        #expect(driver.deliveries.count == 1)
        #expect(driver.deliveries[0].message == Array("Subject: hi\r\n\r\nbody\r\n".utf8))
        let envelope = driver.deliveries[0].envelope
        #expect(envelope.sender == "s@example.org")
        #expect(envelope.recipients.map(\.address) == ["a@example.com", "b@example.com"])
        #expect(envelope.receivedProtocol == "LMTP")
        #expect(envelope.heloName == "client")
        #expect(envelope.queueID == "Q1")
        #expect(driver.closed)
    }

    @Test func lhloAdvertisesExtensions() {
        var driver = SessionDriver(tls: true, trusted: true)
        driver.feed("LHLO client\r\n")
        let lines = driver.replies[1].lines
        for keyword in [
            "PIPELINING", "SIZE 1000", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING", "DSN", "STARTTLS",
        ] {
            #expect(lines.contains(keyword), "missing \(keyword)")
        }
        #expect(lines.contains { $0.hasPrefix("XFORWARD NAME ADDR PORT PROTO HELO IDENT SOURCE") })
        #expect(driver.replies[1].wireText.hasPrefix("250-mx.test\r\n250-PIPELINING\r\n"))
    }

    @Test func untrustedPeerNoXforwardAndNoTLSWithoutCertificate() {
        var driver = SessionDriver()
        driver.feed("LHLO client\r\nXFORWARD NAME=spike.porcupine.org ADDR=168.100.189.2\r\nSTARTTLS\r\n")
        #expect(!driver.replies[1].lines.contains { $0.hasPrefix("XFORWARD") || $0 == "STARTTLS" })
        #expect(driver.replies[2].code == 550 && driver.replies[2].enhancedCode == "5.7.0")
        #expect(driver.replies[3].code == 454 && driver.replies[3].enhancedCode == "4.7.0")
    }

    @Test func smtpPartialFailureIsOneTemporaryReply() {
        var driver = SessionDriver(
            dialect: .smtp,
            outcomes: { _ in
                [.delivered(detail: "Saved"), .permanentFailure(code: 550, enhanced: "5.1.1", text: "gone")]
            })
        driver.feed(
            "EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nx\r\n.\r\n")
        #expect(driver.answerCodes == [250, 250, 250, 250, 354, 451])
        #expect(driver.replies.last?.enhancedCode == "4.3.0")
        #expect(driver.deliveries[0].envelope.sender == "")
        #expect(driver.deliveries[0].envelope.receivedProtocol == "ESMTP")
    }

    @Test func smtpAllPermanentFailuresArePermanent() {
        var driver = SessionDriver(
            dialect: .smtp,
            outcomes: { envelope in
                envelope.recipients.map { _ in .permanentFailure(code: 554, enhanced: "5.7.1", text: "refused") }
            })
        driver.feed("EHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nDATA\r\nx\r\n.\r\n")
        #expect(driver.codes.last == 554)
        #expect(driver.replies.last?.enhancedCode == "5.7.1")
    }

    @Test func smtpSuccessAndSingleRecipientTemporaryFailure() {
        var ok = SessionDriver(dialect: .smtp)
        ok.feed("HELO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nDATA\r\nx\r\n.\r\n")
        #expect(ok.answerCodes == [250, 250, 250, 354, 250])
        #expect(ok.deliveries[0].envelope.receivedProtocol == "SMTP")
        var temp = SessionDriver(
            dialect: .smtp, outcomes: { _ in [.temporaryFailure(code: 452, enhanced: "4.3.1", text: "full")] })
        temp.feed("EHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nDATA\r\nx\r\n.\r\n")
        #expect(temp.codes.last == 452)
    }

    @Test func missingOutcomesAreTemporaryFailures() {
        var driver = SessionDriver(outcomes: { _ in [.delivered(detail: "Saved")] })
        driver.feed(
            "LHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nx\r\n.\r\n")
        #expect(Array(driver.codes.suffix(2)) == [250, 451])
    }

    @Test func unknownRecipientAndSequenceErrors() {
        var driver = SessionDriver(maxErrors: 50)
        driver.feed(
            "MAIL FROM:<x@y>\r\nLHLO c\r\nRCPT TO:<a@example.com>\r\nDATA\r\nMAIL FROM:<x@y>\r\nMAIL FROM:<x@y>\r\n")
        driver.feed("RCPT TO:<nobody@example.com>\r\nDATA\r\nRSET\r\nNOOP\r\nVRFY a\r\nBOGUS\r\nHELO c\r\n")
        #expect(driver.answerCodes == [503, 250, 503, 503, 250, 503, 550, 503, 250, 250, 252, 500, 500])
        #expect(driver.replies[7].enhancedCode == "5.1.1")
        #expect(driver.replies[12].enhancedCode == "5.5.2")
        #expect(driver.replies.dropFirst().allSatisfy { $0.enhancedCode != nil || $0.code == 250 })
    }

    @Test func tooManyRecipients() {
        var driver = SessionDriver(maxRecipients: 2)
        driver.feed(
            "LHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n"
                + "RCPT TO:<c@example.com>\r\nDATA\r\nx\r\n.\r\n"
        )
        #expect(driver.answerCodes == [250, 250, 250, 250, 452, 354, 250, 250])
        #expect(driver.replies[5].enhancedCode == "4.5.3")
        #expect(driver.deliveries[0].envelope.recipients.count == 2)
    }

    @Test func sizeDeclaredTooLargeAndDataTooLarge() {
        var driver = SessionDriver(maxMessageSize: 10)
        driver.feed(
            "LHLO c\r\nMAIL FROM:<x@y> SIZE=11\r\nMAIL FROM:<x@y> SIZE=10\r\nRCPT TO:<a@example.com>\r\n"
                + "RCPT TO:<b@example.com>\r\nDATA\r\n"
        )
        driver.feed("0123456789\r\n.\r\nMAIL FROM:<x@y>\r\n")
        #expect(driver.answerCodes == [250, 552, 250, 250, 250, 354, 552, 552, 250])
        #expect(driver.replies[2].enhancedCode == "5.3.4" && driver.replies[7].enhancedCode == "5.3.4")
        #expect(driver.deliveries.isEmpty)
    }

    @Test func tooManyErrorsCloses() {
        var driver = SessionDriver(maxErrors: 3)
        driver.feed("FOO\r\nBAR\r\nBAZ\r\nNOOP\r\n")
        #expect(driver.answerCodes == [500, 500, 500, 421])
        #expect(driver.replies.last?.enhancedCode == "4.7.0")
        #expect(driver.closed)
    }

    @Test func lineTooLongThenResync() {
        var driver = SessionDriver(maxLineLength: 100)
        driver.feed("NOOP " + String(repeating: "x", count: 200) + "\r\nNOOP\r\n")
        #expect(driver.answerCodes == [500, 250])
        #expect(driver.replies[1].enhancedCode == "5.5.2")
    }

    @Test func dotStuffingAndSmugglingAttempts() {
        var driver = SessionDriver()
        let body = "..leading dot\r\nA\n.\r\nB\r\n.\nC\n.\nD\r\n"
        driver.feed("LHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n" + body + ".\r\n")
        #expect(driver.deliveries.count == 1)
        #expect(driver.deliveries[0].message == Array(".leading dot\r\nA\n.\r\nB\r\n\nC\n.\nD\r\n".utf8))
        #expect(driver.answerCodes == [250, 250, 250, 354, 250])
    }

    @Test func smuggledSecondMessageIsNotACommand() {
        var driver = SessionDriver()
        driver.feed(
            "LHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nDATA\r\nhi\n.\nMAIL FROM:<evil@x>\r\n"
                + "RCPT TO:<b@example.com>\r\n"
        )
        #expect(driver.deliveries.isEmpty)
        #expect(driver.answerCodes == [250, 250, 250, 354])
        driver.feed(".\r\n")
        #expect(driver.deliveries.count == 1)
        #expect(driver.deliveries[0].envelope.recipients.map(\.address) == ["a@example.com"])
    }

    @Test func bdatChunksAndLast() {
        var driver = SessionDriver(outcomes: { envelope in envelope.recipients.map { _ in .delivered(detail: "Saved") }
        })
        driver.feed(
            "LHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nBDAT 5\r\nab\r\n"
                + "cBDAT 3 LAST\r\nd.\n"
        )
        #expect(driver.answerCodes == [250, 250, 250, 250, 250, 250, 250])
        #expect(driver.deliveries[0].message == Array("ab\r\ncd.\n".utf8))
    }

    @Test func bdatZeroLastAndDataAfterBdat() {
        var driver = SessionDriver(dialect: .smtp, maxErrors: 50)
        driver.feed("EHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nBDAT 2\r\nhiDATA\r\nBDAT 0 LAST\r\n")
        #expect(driver.answerCodes == [250, 250, 250, 250, 503, 250])
        #expect(driver.deliveries[0].message == Array("hi".utf8))
    }

    @Test func bdatWithoutTransactionIsConsumedAndRefused() {
        var driver = SessionDriver(maxErrors: 50)
        driver.feed("LHLO c\r\nBDAT 10 LAST\r\nQUIT\r\nQUITNOOP\r\n")
        #expect(driver.answerCodes == [250, 503, 250])
        #expect(driver.replies[2].enhancedCode == "5.5.1")
    }

    @Test func bdatOverSizeIsDiscardedThen552PerRecipient() {
        var driver = SessionDriver(maxMessageSize: 8)
        driver.feed(
            "LHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nBDAT 6\r\n"
                + "123456BDAT 6 LAST\r\n123456NOOP\r\n"
        )
        #expect(driver.answerCodes == [250, 250, 250, 250, 250, 552, 552, 250])
        #expect(driver.deliveries.isEmpty)
    }

    @Test func badBdatSizeCloses() {
        var driver = SessionDriver()
        driver.feed("LHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nBDAT lots\r\nNOOP\r\n")
        #expect(driver.answerCodes == [250, 250, 250, 501])
        #expect(driver.closed)
    }

    @Test func startTLSDiscardsPipelinedPlaintextAndResets() {
        var driver = SessionDriver(tls: true)
        driver.feed("LHLO c\r\nSTARTTLS\r\nMAIL FROM:<evil@x>\r\nRCPT TO:<a@example.com>\r\n")
        #expect(driver.answerCodes == [250, 220])
        #expect(driver.replies[2].enhancedCode == "2.0.0")
        #expect(driver.tlsStarts == 1)
        #expect(driver.discardedAfterTLS > 0)
        driver.feed(
            "MAIL FROM:<x@y>\r\nLHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\nDATA\r\nx\r\n.\r\nSTARTTLS\r\n")
        #expect(Array(driver.answerCodes.dropFirst(2)) == [503, 250, 250, 250, 354, 250, 454])
        #expect(!driver.replies[4].lines.contains("STARTTLS"))
        #expect(driver.deliveries[0].envelope.receivedProtocol == "LMTPS")
    }

    @Test func xforwardFromTrustedPeer() {
        var driver = SessionDriver(maxErrors: 50, trusted: true)
        driver.feed("LHLO c\r\nXFORWARD NAME=spike.porcupine.org ADDR=168.100.189.2 PROTO=ESMTP\r\n")
        driver.feed(
            "XFORWARD HELO=spike.porcupine.org IDENT=ABC+2B1 PORT=[UNAVAILABLE] SOURCE=REMOTE\r\nXFORWARD BOGUS=1\r\n")
        driver.feed("MAIL FROM:<x@y>\r\nXFORWARD NAME=x\r\nRCPT TO:<a@example.com>\r\nDATA\r\nx\r\n.\r\n")
        #expect(driver.answerCodes == [250, 250, 250, 501, 250, 503, 250, 354, 250])
        let client = driver.deliveries[0].envelope.forwardedClient
        #expect(
            client
                == ForwardedClient(
                    name: "spike.porcupine.org", address: "168.100.189.2", helo: "spike.porcupine.org", proto: "ESMTP",
                    port: nil, ident: "ABC+1", source: "REMOTE"))
    }

    @Test func smtpUTF8AndDSNParametersReachTheEnvelope() {
        var driver = SessionDriver(dialect: .smtp)
        driver.feed("EHLO c\r\nMAIL FROM:<ü@example.org> BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ+2B1\r\n")
        driver.feed(
            "RCPT TO:<用户@例子.中国> NOTIFY=SUCCESS,FAILURE ORCPT=utf-8;+E7+94+A8@x\r\nDATA\r\nx\r\n.\r\n"
                + "")
        #expect(driver.answerCodes == [250, 250, 250, 354, 250])
        let envelope = driver.deliveries[0].envelope
        #expect(envelope.smtpUTF8 && envelope.body == "8BITMIME" && envelope.dsnReturn == "HDRS")
        #expect(envelope.dsnEnvelopeID == "QQ+1")
        #expect(envelope.receivedProtocol == "UTF8SMTP")
        #expect(
            envelope.recipients[0]
                == EnvelopeRecipient(
                    address: "用户@例子.中国", originalRecipient: "utf-8;用@x", notify: ["SUCCESS", "FAILURE"]))
    }

    @Test func nonASCIIAddressWithoutSMTPUTF8Is553() {
        var driver = SessionDriver(dialect: .smtp)
        driver.feed("EHLO c\r\nMAIL FROM:<ü@example.org>\r\nMAIL FROM:<x@y>\r\nRCPT TO:<用户@例子.中国>\r\n")
        #expect(driver.answerCodes == [250, 553, 250, 553])
        #expect(driver.replies[2].enhancedCode == "5.6.7")
    }

    @Test func wrongGreetingForDialect() {
        var lmtp = SessionDriver()
        lmtp.feed("EHLO c\r\nHELO c\r\nLHLO c\r\n")
        #expect(lmtp.answerCodes == [500, 500, 250])
        var smtp = SessionDriver(dialect: .smtp)
        smtp.feed("LHLO c\r\nEHLO\r\nEHLO c\r\n")
        #expect(smtp.answerCodes == [500, 501, 250])
    }

    @Test func drainWaitsForTransactionThenCloses() {
        var driver = SessionDriver()
        driver.feed("LHLO c\r\nMAIL FROM:<x@y>\r\nRCPT TO:<a@example.com>\r\n")
        driver.perform(driver.machine.shutdownRequested())
        #expect(!driver.closed)
        driver.feed("DATA\r\nx\r\n.\r\n")
        #expect(driver.answerCodes == [250, 250, 250, 354, 250, 421])
        #expect(driver.replies.last?.enhancedCode == "4.4.2")
        #expect(driver.closed)
        var idle = SessionDriver()
        idle.feed("LHLO c\r\n")
        idle.perform(idle.machine.shutdownRequested())
        #expect(idle.closed && idle.codes.last == 421)
    }

    @Test func timeoutAndForceClose() {
        var driver = SessionDriver()
        driver.perform(driver.machine.timedOut())
        #expect(driver.codes.last == 421 && driver.replies.last?.enhancedCode == "4.4.2" && driver.closed)
        var busy = SessionDriver()
        busy.feed("LHLO c\r\nMAIL FROM:<x@y>\r\n")
        busy.perform(busy.machine.forceClose())
        #expect(busy.codes.last == 421 && busy.closed)
    }
}
