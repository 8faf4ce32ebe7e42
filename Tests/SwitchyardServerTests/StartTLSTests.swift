import NIOCore
import SwitchyardSMTP
import SwitchyardServer
import Testing

@Suite struct StartTLSTests {
    @Test func startTLSDiscardsInjectedPlaintextAndDeliversOverTLS() async throws {
        let tls = try ServerHarness.makeCertificate()
        let agent = RecordingAgent()
        let configuration = ServerHarness.configuration(tls: tls)
        try await ServerHarness.withServer(configuration, agent: agent) { _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send("LHLO c\r\n")
            #expect(try await client.reply().lines.contains("STARTTLS"))
            // CVE-2011-0411: the MAIL/RCPT after STARTTLS in the same packet must never be executed.
            try await client.send("STARTTLS\r\nMAIL FROM:<evil@x.org>\r\nRCPT TO:<a@example.com>\r\n")
            let ready = try await client.reply()
            #expect(ready.code == 220 && ready.text == "2.0.0 Ready to start TLS")
            try await client.startTLS(trusting: tls.certificatePath)
            // The session starts over: MAIL before LHLO is a sequence error, and a fresh MAIL is not "nested".
            try await client.send("MAIL FROM:<s@x.org>\r\nLHLO c\r\n")
            let afterTLS = try await client.replies(2)
            #expect(afterTLS.map(\.code) == [503, 250])
            #expect(!afterTLS[1].lines.contains("STARTTLS"))
            try await client.send(
                "MAIL FROM:<s@x.org>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nsecret\r\n.\r\nSTARTTLS\r\n")
            #expect(try await client.codes(5) == [250, 250, 354, 250, 454])
        }
        let delivery = try #require(agent.deliveries.first)
        #expect(agent.deliveries.count == 1)
        #expect(delivery.envelope.sender == "s@x.org")
        #expect(delivery.envelope.recipients.map(\.address) == ["b@example.com"])
        #expect(delivery.envelope.receivedProtocol == "LMTPS")
        #expect(delivery.text == "secret\r\n")
    }

    @Test func startTLSWithoutCertificateIs454() async throws {
        try await ServerHarness.withServer(ServerHarness.configuration(), agent: RecordingAgent()) { _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send("LHLO c\r\nSTARTTLS\r\nNOOP\r\n")
            let replies = try await client.replies(3)
            #expect(!replies[0].lines.contains("STARTTLS"))
            #expect(replies[1].code == 454 && replies[1].text.hasPrefix("4.7.0"))
            #expect(replies[2].code == 250)
        }
    }

    @Test func badCertificateFilesFailRun() async throws {
        let directory = try ServerHarness.temporaryDirectory()
        let missing = ServerConfiguration.TLSFiles(
            certificatePath: directory.appendingPathComponent("none.pem").path,
            privateKeyPath: directory.appendingPathComponent("none.key").path)
        let server = SMTPServer(
            configuration: ServerHarness.configuration(tls: missing), agent: RecordingAgent(),
            logger: ServerHarness.logger)
        await #expect(throws: (any Error).self) { try await server.run() }
        await #expect(throws: (any Error).self) { try await server.boundAddresses() }
    }
}
