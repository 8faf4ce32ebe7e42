// swaks (the Swiss Army Knife for SMTP) against the LMTP listener: pipelining and STARTTLS.
import Foundation
import Testing

@Suite("swaks", .endToEnd, .serialized)
struct SwaksTests {
    /// RFC 2033 §4.2: after DATA an LMTP server answers once per accepted recipient, and each
    /// answer means that recipient's copy is durable.
    @Test("LMTP with PIPELINING and two recipients: two replies, two durable copies")
    func pipelinedTwoRecipients() async throws {
        let scratch = try E2E.makeScratch("swaks-pipeline")
        defer { E2E.removeScratch(scratch) }
        let gateway = try Gateway(scratch: scratch)
        try await gateway.start()
        let subject = "pipelined \(UUID().uuidString)"
        let result = try await Command.tool(
            "swaks",
            [
                "--server", "127.0.0.1", "--port", "\(gateway.lmtpPort)", "--protocol", "LMTP", "--pipeline",
                "--from", "sender@example.org", "--to", "alice@example.com,bob@example.com",
                "--header", "Subject: \(subject)", "--body", "two recipients, one transaction",
            ], timeout: 60)
        // Graceful shutdown on SIGTERM exits 0.
        let exitStatus = try await gateway.stop()
        #expect(exitStatus == 0, "\(gateway.log.suffix(2000))")
        #expect(result.status == 0, "\(result.transcript)\n\(gateway.log)")

        let transcript = SwaksTranscript(result.stdout)
        #expect(transcript.sent.contains { $0.hasPrefix("LHLO ") }, "\(result.stdout)")
        let afterData = transcript.repliesAfterEndOfData
        #expect(afterData.count == 2, "expected one reply per recipient after DATA:\n\(result.stdout)")
        #expect(afterData.allSatisfy { $0.hasPrefix("250 2.") }, "\(afterData)")

        let copies = try Maildirs.copies(in: gateway.newDirectory)
        #expect(copies.count == 2, "files in new/: \(copies.map(\.path.lastPathComponent))")
        let deliveredTo = Set(
            copies.flatMap { $0.prepended("delivered-to") }.map {
                $0.split(separator: ":", maxSplits: 1).last.map {
                    String($0).trimmingCharacters(in: .whitespacesAndNewlines)
                } ?? ""
            })
        #expect(deliveredTo == ["alice@example.com", "bob@example.com"] || gateway.isDovecot, "\(deliveredTo)")
        for copy in copies {
            #expect(copy.header("Subject") == subject)
            #expect(copy.prepended("return-path").first?.contains("<sender@example.org>") == true)
            #expect(!copy.prepended("received").isEmpty)
        }
        #expect(Maildirs.files(in: gateway.teamMaildir.appendingPathComponent("tmp")).isEmpty)
    }

    /// The unix-socket listener (for Postfix's `lmtp:unix:` transport) speaks the same LMTP.
    @Test("LMTP over the unix socket: a reply per recipient, durable copies")
    func unixSocket() async throws {
        let scratch = try E2E.makeScratch("swaks-unix")
        defer { E2E.removeScratch(scratch) }
        var options = GatewayOptions()
        options.unixSocket = scratch.appendingPathComponent("lmtp.sock")
        let gateway = try Gateway(scratch: scratch, options: options)
        try #require(!gateway.isDovecot, "the Dovecot reference harness has no unix listener configured")
        try await gateway.start()
        let subject = "over a unix socket \(UUID().uuidString)"
        let result = try await Command.tool(
            "swaks",
            [
                "--socket", scratch.appendingPathComponent("lmtp.sock").path, "--protocol", "LMTP",
                "--from", "sender@example.org", "--to", "alice@example.com,bob@example.com",
                "--header", "Subject: \(subject)", "--body", "unix socket delivery",
            ], timeout: 60)
        #expect(try await gateway.stop() == 0, "\(gateway.log.suffix(2000))")
        #expect(result.status == 0, "\(result.transcript)\n\(gateway.log)")
        let afterData = SwaksTranscript(result.stdout).repliesAfterEndOfData
        #expect(afterData.count == 2 && afterData.allSatisfy { $0.hasPrefix("250 2.") }, "\(result.stdout)")
        let copies = try Maildirs.copies(in: gateway.newDirectory)
        #expect(copies.count == 2)
        #expect(copies.allSatisfy { $0.header("Subject") == subject })
        // The trace line is stamped as on TCP.
        #expect(copies.allSatisfy { !$0.prepended("received").isEmpty })
    }
}

/// The lines of a swaks transcript: what the client sent ("->") and what the server said ("<-").
struct SwaksTranscript {
    /// (sent?, text) in transcript order; errors ("<~*", "<**") count as server lines.
    let lines: [(sent: Bool, text: String)]

    init(_ output: String) {
        var lines: [(Bool, String)] = []
        for raw in output.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(raw)
            if line.hasPrefix(" -> ") || line.hasPrefix(" ~> ") {
                lines.append((true, String(line.dropFirst(4))))
            } else if line.hasPrefix("<-  ") || line.hasPrefix("<~  ") {
                lines.append((false, String(line.dropFirst(4))))
            } else if line.hasPrefix("<** ") || line.hasPrefix("<~* ") {
                lines.append((false, String(line.dropFirst(4))))
            }
        }
        self.lines = lines
    }

    var sent: [String] { lines.filter(\.sent).map(\.text) }
    var replies: [String] { lines.filter { !$0.sent }.map(\.text) }

    /// The first server reply after the client sent `command`.
    func reply(to command: String) -> String? {
        guard let sent = lines.firstIndex(where: { $0.sent && $0.text == command }) else { return nil }
        return lines[(sent + 1)...].first { !$0.sent }?.text
    }

    /// Server replies between the client's end-of-data "." and its QUIT.
    var repliesAfterEndOfData: [String] {
        guard let dot = lines.lastIndex(where: { $0.sent && $0.text == "." }) else { return [] }
        var out: [String] = []
        for line in lines[(dot + 1)...] {
            if line.sent {
                if line.text == "QUIT" { break }
                continue
            }
            out.append(line.text)
        }
        return out
    }
}

extension SwaksTests {
    /// RFC 3207 STARTTLS with a certificate made by openssl for this test, then a delivery over
    /// the encrypted session.
    @Test("STARTTLS with swaks -tls: upgraded session delivers")
    func startTLS() async throws {
        let scratch = try E2E.makeScratch("swaks-tls")
        defer { E2E.removeScratch(scratch) }
        let certificate = scratch.appendingPathComponent("cert.pem")
        let key = scratch.appendingPathComponent("key.pem")
        let openssl = try await Command.tool(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.path, "-out", certificate.path, "-days", "2", "-subj", "/CN=gateway.e2e.test",
            ], timeout: 30)
        try #require(openssl.status == 0, "\(openssl.transcript)")

        var options = GatewayOptions()
        options.tls = (certificate, key)
        let gateway = try Gateway(scratch: scratch, options: options)
        try await gateway.start()
        let subject = "over TLS \(UUID().uuidString)"
        let result = try await Command.tool(
            "swaks",
            [
                "--server", "127.0.0.1", "--port", "\(gateway.lmtpPort)", "--protocol", "LMTP", "-tls",
                "--from", "sender@example.org", "--to", "alice@example.com",
                "--header", "Subject: \(subject)", "--body", "sent after STARTTLS",
            ], timeout: 60)
        try await gateway.stop()
        #expect(result.status == 0, "\(result.transcript)\n\(gateway.log.suffix(3000))")
        #expect(result.stdout.contains("=== TLS started"), "\(result.stdout)")
        let transcript = SwaksTranscript(result.stdout)
        #expect(transcript.sent.contains("STARTTLS"))
        #expect(transcript.reply(to: "STARTTLS")?.hasPrefix("220") == true, "\(result.stdout)")
        #expect(transcript.repliesAfterEndOfData.count == 1)
        #expect(transcript.repliesAfterEndOfData.first?.hasPrefix("250 ") == true)

        let copies = try Maildirs.copies(in: gateway.newDirectory)
        #expect(copies.count == 1)
        #expect(copies.first?.header("Subject") == subject)
        if !gateway.isDovecot {
            // RFC 3848: the Received header names the protocol, "LMTPS" once TLS is on.
            #expect(
                copies.first?.prepended("received").first?.contains("LMTPS") == true,
                "\(copies.first?.prepended("received") ?? [])")
        }
    }
}

extension SwaksTests {
    /// An MTA that lost our 250 resends the same queued message: within the dedupe window the
    /// resend is answered 250 and not stored twice; a different message still is.
    @Test("Redelivery of the same queued message is answered 250 and stored once")
    func redeliveryStoredOnce() async throws {
        let scratch = try E2E.makeScratch("swaks-dedupe")
        defer { E2E.removeScratch(scratch) }
        let gateway = try Gateway(scratch: scratch)
        try await gateway.start()
        // A Received: line marks it as coming out of an MTA queue (see maildir.dedupe_window).
        let trace =
            "Received: from client.example.org by mx.e2e.test with ESMTP id 4QX1; Fri, 27 Nov 2026 09:59:59 +0000"
        let first = TestMessage(subject: "sent twice", seed: 31)
        let other = TestMessage(subject: "sent once", seed: 32)
        var replies: [[String]] = []
        for (index, message) in [first, first, other].enumerated() {
            let file = scratch.appendingPathComponent("m\(index).wire")
            try Data(Array((trace + "\r\n").utf8) + message.stuffedData).write(to: file)
            let result = try await Command.tool(
                "swaks",
                [
                    "--server", "127.0.0.1", "--port", "\(gateway.lmtpPort)", "--protocol", "LMTP",
                    "--from", "sender@example.org", "--to", "support@example.com",
                    "--data", "@\(file.path)", "--no-data-fixup",
                ], timeout: 60)
            replies.append(SwaksTranscript(result.stdout).repliesAfterEndOfData)
        }
        try await gateway.stop()
        #expect(replies.allSatisfy { $0.count == 1 && $0[0].hasPrefix("250") }, "\(replies)")
        let subjects = try Maildirs.copies(in: gateway.newDirectory).compactMap { $0.header("Subject") }.sorted()
        #expect(subjects == ["sent once", "sent twice"] || gateway.isDovecot, "\(subjects)")
    }
}
