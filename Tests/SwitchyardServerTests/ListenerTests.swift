import NIOCore
import SwitchyardSMTP
import SwitchyardServer
import Testing

@Suite struct ListenerTests {
    static let message = "From: s@example.org\r\nSubject: hello\r\n\r\n..dotted line\r\nbody\r\n"
    static let wire = "From: s@example.org\r\nSubject: hello\r\n\r\n...dotted line\r\nbody\r\n.\r\n"

    @Test func lmtpPerRecipientResultsOverASocket() async throws {
        let agent = RecordingAgent(outcome: { address in
            address == "b@example.com"
                ? .temporaryFailure(code: 452, enhanced: "4.3.1", text: "Insufficient system storage")
                : .delivered(detail: "Saved")
        })
        try await ServerHarness.withServer(ServerHarness.configuration(), agent: agent) { _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            #expect(try await client.reply().code == 220)
            try await client.send(
                "LHLO client.test\r\nMAIL FROM:<s@example.org>\r\nRCPT TO:<a@example.com>\r\n"
                    + "RCPT TO:<b@example.com>\r\n"
                    + "RCPT TO:<nobody@example.com>\r\nDATA\r\n")
            let greeting = try await client.replies(6)
            #expect(greeting.map(\.code) == [250, 250, 250, 250, 550, 354])
            #expect(greeting[0].lines.contains("SMTPUTF8") && greeting[0].lines.contains("CHUNKING"))
            #expect(greeting[4].text.hasPrefix("5.1.1"))
            try await client.send(Self.wire)
            let results = try await client.replies(2)
            #expect(results.map(\.code) == [250, 452])
            #expect(results[0].text.hasPrefix("2.0.0 <a@example.com>"))
            #expect(results[1].text.hasPrefix("4.3.1 <b@example.com>"))
            try await client.send("QUIT\r\n")
            #expect(try await client.reply().code == 221)
            #expect(await client.closedByServer())
        }
        let delivery = try #require(agent.deliveries.first)
        #expect(delivery.text == Self.message)
        #expect(delivery.envelope.sender == "s@example.org")
        #expect(delivery.envelope.recipients.map(\.address) == ["a@example.com", "b@example.com"])
        #expect(delivery.envelope.peerAddress == "127.0.0.1")
        #expect(delivery.envelope.heloName == "client.test")
        #expect(delivery.envelope.receivedProtocol == "LMTP")
        #expect(delivery.envelope.queueID.count == 19)
    }
}
