// Postfix in front, relaying to the gateway over LMTP: the deployment contrib/postfix describes.
import Foundation
import Testing

@Suite("Postfix relay", .endToEnd, .serialized)
struct PostfixTests {
    /// Postfix bounces SMTPUTF8 mail with 5.6.7 unless the LMTP server advertises SMTPUTF8; here
    /// an SMTPUTF8 message (UTF-8 sender, UTF-8 recipient, UTF-8 headers) and a plain one go in
    /// over SMTP and must come out of the queue into the Maildir intact.
    @Test("Postfix with contrib/postfix relays an SMTPUTF8 message over LMTP to 127.0.0.1:PORT")
    func relaysSMTPUTF8() async throws {
        let scratch = try E2E.makeScratch("postfix")
        defer { E2E.removeScratch(scratch) }
        let gateway = try Gateway(scratch: scratch)
        try await gateway.start()
        let postfix = try PostfixInstance(root: scratch.appendingPathComponent("postfix"), lmtpPort: gateway.lmtpPort)
        try await postfix.start()
        do {
            try await sendAndCheck(gateway: gateway, postfix: postfix, scratch: scratch)
        } catch {
            await postfix.stop()
            try? await gateway.stop()
            throw error
        }
    }

    private func sendAndCheck(gateway: Gateway, postfix: PostfixInstance, scratch: URL) async throws {

        let plain = TestMessage(subject: "plain relay", seed: 11)
        let international = TestMessage(
            subject: "Grüße aus Zürich – ünïcödé 日本語", from: "jürgen@example.org", to: "zoë@support.example.com",
            seed: 12)
        let sends: [(TestMessage, String, String, Bool)] = [
            (plain, "sender@example.org", "support@support.example.com", false),
            (international, "jürgen@example.org", "support@support.example.com,zoë@support.example.com", true),
        ]
        for (index, (message, sender, recipients, utf8)) in sends.enumerated() {
            let file = scratch.appendingPathComponent("smtp\(index).eml")
            try Data(message.wire).write(to: file)
            let result = try await Command.tool(
                "python3",
                [
                    E2E.packageRoot.appendingPathComponent("scripts/smtp_send.py").path
                ] + (utf8 ? ["--smtputf8"] : []) + ["127.0.0.1", "\(postfix.smtpPort)", sender, recipients, file.path],
                timeout: 60)
            try #require(result.status == 0, "Postfix refused the message: \(result.transcript)\n\(postfix.log)")
        }

        let drained = try await postfix.waitForEmptyQueue(timeout: 60)
        let log = postfix.log
        await postfix.stop()
        try await gateway.stop()
        #expect(drained, "Postfix queue not empty after 60 s:\n\(log.suffix(3000))\n\(gateway.log.suffix(2000))")
        let bounced = log.contains("status=bounced")
        let noSMTPUTF8 = log.contains("5.6.7")
        #expect(!bounced, "\(log.suffix(3000))")
        #expect(!noSMTPUTF8, "Postfix says SMTPUTF8 was not offered: \(log.suffix(2000))")
        let sent = log.split(whereSeparator: \.isNewline).filter {
            $0.contains("relay=127.0.0.1[127.0.0.1]:\(gateway.lmtpPort)") && $0.contains("status=sent")
        }
        #expect(sent.count == 3, "expected 3 LMTP deliveries in the Postfix log:\n\(log.suffix(3000))")

        let copies = try Maildirs.copies(in: gateway.newDirectory)
        #expect(copies.count == 3)
        let plainCopies = copies.filter { $0.header("Subject") == plain.subject }
        let utf8Copies = copies.filter { $0.header("Subject") == international.subject }
        #expect(plainCopies.count == 1)
        #expect(utf8Copies.count == 2)
        for (copy, message) in plainCopies.map({ ($0, plain) }) + utf8Copies.map({ ($0, international) }) {
            // Postfix's own Received line is stripped with ours; the rest must be what was sent.
            #expect(copy.mismatch(fromWire: message.wire) == nil)
        }
        for copy in utf8Copies {
            #expect(
                copy.prepended("return-path").first?.contains("jürgen@example.org") == true,
                "\(copy.prepended("return-path"))")
        }
        let deliveredTo = utf8Copies.flatMap { $0.prepended("delivered-to") }.joined()
        #expect(deliveredTo.contains("zoë@support.example.com") || gateway.isDovecot, "\(deliveredTo)")
    }

    /// The promise end to end: while the gateway cannot store mail it answers 4xx, Postfix keeps the
    /// message deferred in its queue; after the repair a flush delivers it, once per recipient.
    @Test("Postfix defers on the gateway's 4xx and delivers after the repair")
    func defersAndRetries() async throws {
        let scratch = try E2E.makeScratch("postfix-defer")
        defer { E2E.removeScratch(scratch) }
        let gateway = try Gateway(scratch: scratch)
        try await gateway.start()
        try gateway.breakMaildirRoot()
        let postfix = try PostfixInstance(root: scratch.appendingPathComponent("postfix"), lmtpPort: gateway.lmtpPort)
        try await postfix.start()
        do {
            let message = TestMessage(subject: "deferred while the disk is broken", seed: 31)
            let file = scratch.appendingPathComponent("deferred.eml")
            try Data(message.wire).write(to: file)
            let sent = try await Command.tool(
                "python3",
                [
                    E2E.packageRoot.appendingPathComponent("scripts/smtp_send.py").path, "127.0.0.1",
                    "\(postfix.smtpPort)", "sender@example.org",
                    "alice@support.example.com,bob@support.example.com", file.path,
                ], timeout: 60)
            try #require(sent.status == 0, "Postfix refused the message: \(sent.transcript)")
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, postfix.log.components(separatedBy: "status=deferred").count < 3 {
                try await Task.sleep(for: .milliseconds(200))
            }
            let deferredLog = postfix.log
            #expect(
                deferredLog.components(separatedBy: "status=deferred").count >= 3,
                "both recipients deferred:\n\(deferredLog.suffix(3000))")
            #expect(!(try await postfix.queueIsEmpty()), "the message stays in Postfix's queue")
            #expect(try Maildirs.copies(in: gateway.savedMaildirRoot.appendingPathComponent("support/new")).isEmpty)

            try gateway.repairMaildirRoot()
            try await postfix.flush()
            let drained = try await postfix.waitForEmptyQueue(timeout: 60)
            let log = postfix.log
            await postfix.stop()
            try await gateway.stop()
            #expect(drained, "queue not empty 60 s after the repair:\n\(log.suffix(3000))")
            #expect(!log.contains("status=bounced"), "\(log.suffix(3000))")
            let copies = try Maildirs.copies(in: gateway.newDirectory)
            #expect(copies.count == 2, "one copy per recipient after the retry")
            #expect(copies.allSatisfy { $0.mismatch(fromWire: message.wire) == nil })
        } catch {
            await postfix.stop()
            try? await gateway.stop()
            throw error
        }
    }
}
