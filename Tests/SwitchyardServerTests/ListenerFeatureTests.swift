import Foundation
import NIOCore
import SwitchyardSMTP
import SwitchyardServer
import Testing

@Suite struct ListenerFeatureTests {
    @Test func eximStylePipelinedBDAT() async throws {
        let agent = RecordingAgent()
        try await ServerHarness.withServer(ServerHarness.configuration(), agent: agent) { _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            let first = "Subject: chunked\r\n\r\n"
            let second = "line one\r\n.not stuffed\r\n"
            try await client.send(
                "LHLO c\r\nMAIL FROM:<s@x.org> BODY=8BITMIME\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n"
                    + "BDAT \(first.utf8.count)\r\n\(first)BDAT \(second.utf8.count) LAST\r\n\(second)QUIT\r\n")
            #expect(try await client.codes(8) == [250, 250, 250, 250, 250, 250, 250, 221])
            #expect(await client.closedByServer())
        }
        let delivery = try #require(agent.deliveries.first)
        #expect(delivery.text == "Subject: chunked\r\n\r\nline one\r\n.not stuffed\r\n")
        #expect(delivery.envelope.body == "8BITMIME")
    }

    @Test func unixSocketListener() async throws {
        let directory = try ServerHarness.temporaryDirectory()
        let path = directory.appendingPathComponent("lmtp.sock").path
        let configuration = ServerConfiguration(
            listeners: [.init(dialect: .lmtp, address: .unix(path: path))], hostname: "mx.test")
        let agent = RecordingAgent()
        try await ServerHarness.withServer(configuration, agent: agent) { _, _, _ in
            let client = try await TestClient.connect(to: try SocketAddress(unixDomainSocketPath: path))
            _ = try await client.reply()
            try await client.send(
                "LHLO c\r\nXFORWARD ADDR=192.0.2.7 NAME=client.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@example.com>\r\n"
                    + "DATA\r\nx\r\n.\r\nQUIT\r\n"
            )
            #expect(try await client.codes(7) == [250, 250, 250, 250, 354, 250, 221])
        }
        let envelope = try #require(agent.deliveries.first?.envelope)
        #expect(envelope.peerAddress == "unix")
        #expect(envelope.forwardedClient?.address == "192.0.2.7")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func xforwardOnlyFromTrustedNetworks() async throws {
        let agent = RecordingAgent()
        let trusted = ServerHarness.configuration(.smtp, trusted: ["127.0.0.0/8"])
        try await ServerHarness.withServer(trusted, agent: agent) { _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send(
                "EHLO c\r\n"
                    + "XFORWARD NAME=spike.porcupine.org ADDR=168.100.189.2 PROTO=ESMTP HELO=spike SOURCE=REMOTE\r\n"
                    + "MAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nDATA\r\nx\r\n.\r\n")
            let replies = try await client.replies(6)
            #expect(replies.map(\.code) == [250, 250, 250, 250, 354, 250])
            #expect(replies[0].lines.contains { $0.hasPrefix("XFORWARD ") })
        }
        #expect(
            agent.deliveries.first?.envelope.forwardedClient
                == ForwardedClient(
                    name: "spike.porcupine.org", address: "168.100.189.2", helo: "spike", proto: "ESMTP",
                    source: "REMOTE"))
        let untrusted = ServerHarness.configuration(.smtp, trusted: ["10.0.0.0/8"])
        try await ServerHarness.withServer(untrusted, agent: RecordingAgent()) { _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send("EHLO c\r\nXFORWARD ADDR=1.2.3.4\r\n")
            let replies = try await client.replies(2)
            #expect(!replies[0].lines.contains { $0.hasPrefix("XFORWARD") })
            #expect(replies[1].code == 550 && replies[1].text.hasPrefix("5.7.0"))
        }
    }

    @Test func deliveriesOfConcurrentSessionsOverlap() async throws {
        let agent = RecordingAgent(holdFor: .milliseconds(500))
        try await ServerHarness.withServer(ServerHarness.configuration(), agent: agent) { _, addresses, _ in
            try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let client = try await TestClient.connect(to: addresses[0])
                        _ = try await client.reply()
                        try await client.send(
                            "LHLO c\r\nMAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nDATA\r\nx\r\n.\r\nQUIT\r\n")
                        return try await client.codes(6)
                    }
                }
                for try await codes in group { #expect(codes == [250, 250, 250, 354, 250, 221]) }
            }
        }
        #expect(agent.deliveries.count == 4)
        #expect(agent.maxInFlight >= 2)
    }

    @Test func manyPipelinedTransactionsKeepReplyOrder() async throws {
        let agent = RecordingAgent(holdFor: .milliseconds(5))
        try await ServerHarness.withServer(ServerHarness.configuration(.smtp), agent: agent) { _, addresses, _ in
            let client = try await TestClient.connect(to: addresses[0])
            _ = try await client.reply()
            try await client.send("EHLO c\r\n")
            _ = try await client.reply()
            var expected: [Int] = []
            for index in 0..<20 {
                // RFC 2920: the client waits for 354 before sending the text, so send in two steps.
                try await client.send("MAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n")
                #expect(try await client.codes(3) == [250, 250, 354])
                try await client.send("Subject: \(index)\r\n\r\nbody \(index)\r\n.\r\nRSET\r\nNOOP\r\n")
                expected = try await client.codes(3)
                #expect(expected == [250, 250, 250])
            }
        }
        #expect(agent.deliveries.map(\.text) == (0..<20).map { "Subject: \($0)\r\n\r\nbody \($0)\r\n" })
        #expect(Set(agent.deliveries.map(\.envelope.queueID)).count == 20)
    }
}
