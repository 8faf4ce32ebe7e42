import NIOCore
import SwitchyardSMTP
import SwitchyardServer
import Testing

@Suite struct ListenerLimitTests {
    static let known: Set<String> = ["a@example.com", "b@example.com", "c@example.com"]

    @Test func smtpPartialFailureIsOneTemporaryReply() async throws {
        let agent = RecordingAgent(outcome: { address in
            address == "b@example.com"
                ? .temporaryFailure(code: 451, enhanced: "4.3.0", text: "I/O error") : .delivered(detail: "Saved")
        })
        try await ServerHarness.withServer(ServerHarness.configuration(.smtp), agent: agent) { _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            #expect(try await client.reply().code == 220)
            try await client.send(
                "EHLO c\r\nMAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n")
            #expect(try await client.codes(5) == [250, 250, 250, 250, 354])
            try await client.send("hi\r\n.\r\nNOOP\r\n")
            let replies = try await client.replies(2)
            #expect(replies.map(\.code) == [451, 250])
            #expect(replies[0].text.hasPrefix("4.3.0"))
        }
        #expect(agent.deliveries.count == 1)
        #expect(agent.deliveries[0].envelope.receivedProtocol == "ESMTP")
    }

    @Test func oversizeIs552DeclaredAndActual() async throws {
        var limits = ServerConfiguration.Limits()
        limits.maxMessageSize = 1000
        let agent = RecordingAgent()
        try await ServerHarness.withServer(ServerHarness.configuration(limits: limits), agent: agent) {
            _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send(
                "LHLO c\r\nMAIL FROM:<s@x.org> SIZE=1001\r\nMAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n")
            let first = try await client.replies(5)
            #expect(first.map(\.code) == [250, 552, 250, 250, 354])
            #expect(first[0].lines.contains("SIZE 1000"))
            #expect(first[1].text.hasPrefix("5.3.4"))
            try await client.send(String(repeating: "0123456789012345678\r\n", count: 100) + ".\r\n")
            let rejected = try await client.reply()
            #expect(rejected.code == 552 && rejected.text.hasPrefix("5.3.4"))
            // BDAT: the chunk over the limit is read and discarded, then refused.
            try await client.send(
                "MAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nBDAT 2000 LAST\r\n"
                    + String(repeating: "x", count: 2000))
            #expect(try await client.codes(3) == [250, 250, 552])
            try await client.send("NOOP\r\n")
            #expect(try await client.reply().code == 250)
        }
        #expect(agent.deliveries.isEmpty)
    }

    @Test func tooManyRecipients() async throws {
        var limits = ServerConfiguration.Limits()
        limits.maxRecipients = 2
        let agent = RecordingAgent()
        try await ServerHarness.withServer(ServerHarness.configuration(limits: limits), agent: agent) {
            _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send(
                "LHLO c\r\nMAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n"
                    + "RCPT TO:<c@example.com>\r\n"
            )
            let replies = try await client.replies(5)
            #expect(replies.map(\.code) == [250, 250, 250, 250, 452])
            #expect(replies[4].text.hasPrefix("4.5.3"))
            await client.close()
        }
    }

    @Test func lineTooLongAndTooManyErrors() async throws {
        var limits = ServerConfiguration.Limits()
        limits.maxErrors = 3
        try await ServerHarness.withServer(ServerHarness.configuration(limits: limits), agent: RecordingAgent()) {
            _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send("NOOP " + String(repeating: "x", count: 1200) + "\r\nNOOP\r\nBOGUS\r\nBOGUS\r\n")
            let replies = try await client.replies(5)
            #expect(replies.map(\.code) == [500, 250, 500, 500, 421])
            #expect(replies[0].text.hasPrefix("5.5.2"))
            #expect(replies[4].text.hasPrefix("4.7.0"))
            #expect(await client.closedByServer())
        }
    }

    @Test func idleTimeoutAnswers421() async throws {
        var timeouts = ServerConfiguration.Timeouts()
        timeouts.command = 1
        try await ServerHarness.withServer(ServerHarness.configuration(timeouts: timeouts), agent: RecordingAgent()) {
            _, addresses, _ in
            // The server's idle timer cannot start before the connection exists, so timing from
            // before connect gives a lower bound that holds however slowly the greeting is read.
            let clock = ContinuousClock()
            let started = clock.now
            let client = try await TestClient.connect(to: addresses[0])
            #expect(try await client.reply().code == 220)
            let reply = try await client.reply()
            #expect(reply.code == 421 && reply.text.hasPrefix("4.4.2"))
            #expect(clock.now - started >= .milliseconds(900))
            #expect(await client.closedByServer())
        }
    }

    @Test func dataTimeoutAnswers421() async throws {
        var timeouts = ServerConfiguration.Timeouts()
        timeouts.data = 1
        let agent = RecordingAgent()
        try await ServerHarness.withServer(ServerHarness.configuration(timeouts: timeouts), agent: agent) {
            _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send("LHLO c\r\nMAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nDATA\r\npartial line")
            #expect(try await client.codes(4) == [250, 250, 250, 354])
            let reply = try await client.reply()
            #expect(reply.code == 421 && reply.text.hasPrefix("4.4.2"))
        }
        #expect(agent.deliveries.isEmpty)
    }

    @Test func aHungDeliveryIsAnswered451AndTheSessionGoesOn() async throws {
        var timeouts = ServerConfiguration.Timeouts()
        timeouts.delivery = 1
        let agent = RecordingAgent(holdFor: .seconds(4))
        try await ServerHarness.withServer(ServerHarness.configuration(timeouts: timeouts), agent: agent) {
            _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send(
                "LHLO c\r\nMAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n")
            #expect(try await client.codes(4) == [250, 250, 250, 250])
            let clock = ContinuousClock()
            let started = clock.now
            try await client.send("DATA\r\n")
            #expect(try await client.reply().code == 354)
            try await client.send("x\r\n.\r\n")
            let replies = try await client.replies(2)
            #expect(replies.map(\.code) == [451, 451], "one reply per LMTP recipient")
            #expect(replies.allSatisfy { $0.text.hasPrefix("4.3.0") }, "\(replies)")
            #expect(clock.now - started < .seconds(4), "answered by the timeout, not by the agent")
            // The session is usable afterwards, and the agent's late answer is not sent as a reply.
            try await client.send("NOOP\r\n")
            #expect(try await client.reply().code == 250)
            try await Task.sleep(for: .seconds(4))
            try await client.send("NOOP\r\n")
            #expect(try await client.reply().code == 250)
        }
    }

    @Test func connectionLimit() async throws {
        var limits = ServerConfiguration.Limits()
        limits.maxConnections = 1
        try await ServerHarness.withServer(ServerHarness.configuration(limits: limits), agent: RecordingAgent()) {
            _, addresses, _ in
            let first = try await TestClient.connect(to: addresses[0])
            #expect(try await first.reply().code == 220)
            let second = try await TestClient.connect(to: addresses[0])
            let refused = try await second.reply()
            #expect(refused.code == 421 && refused.text.hasPrefix("4.3.2"))
            #expect(await second.closedByServer())
            try await first.send("QUIT\r\n")
            #expect(try await first.reply().code == 221)
            #expect(await first.closedByServer())
            // The slot is free again once the first session has gone.
            var third: TestReply?
            for _ in 0..<50 {
                let client = try await TestClient.connect(to: addresses[0])
                let reply = try await client.reply()
                await client.close()
                if reply.code == 220 {
                    third = reply
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(third?.code == 220)
        }
    }
}
