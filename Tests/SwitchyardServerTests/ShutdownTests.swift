import NIOCore
import ServiceLifecycle
import SwitchyardSMTP
import SwitchyardServer
import Testing

@Suite struct ShutdownTests {
    @Test func gracefulShutdownLetsTheTransactionInFlightFinish() async throws {
        let agent = RecordingAgent(holdFor: .milliseconds(800))
        var timeouts = ServerConfiguration.Timeouts()
        timeouts.shutdownGrace = 10
        let server = SMTPServer(
            configuration: ServerHarness.configuration(timeouts: timeouts), agent: agent, logger: ServerHarness.logger)
        let group = ServiceGroup(services: [server], logger: ServerHarness.logger)
        let running = Task { try await group.run() }
        let address = try #require(try await server.boundAddresses().first)

        let busy = try await TestClient.connect(to: address)
        let idle = try await TestClient.connect(to: address)
        #expect(try await busy.reply().code == 220)
        #expect(try await idle.reply().code == 220)
        try await idle.send("LHLO idle\r\n")
        #expect(try await idle.reply().code == 250)
        try await busy.send("LHLO c\r\nMAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nDATA\r\n")
        #expect(try await busy.codes(4) == [250, 250, 250, 354])
        try await busy.send("in flight\r\n.\r\n")
        try await Task.sleep(for: .milliseconds(200))  // the agent now holds the message

        await group.triggerGracefulShutdown()
        let idleReply = try await idle.reply()
        #expect(idleReply.code == 421 && idleReply.text.hasPrefix("4.4.2"))
        #expect(await idle.closedByServer())
        // New connections are no longer accepted.
        await #expect(throws: (any Error).self) { _ = try await TestClient.connect(to: address).reply() }

        let finished = try await busy.replies(2)
        #expect(finished.map(\.code) == [250, 421])
        #expect(await busy.closedByServer())
        try await running.value
        #expect(agent.deliveries.count == 1)
    }

    @Test func graceOverClosesSlowSessionsWith421() async throws {
        let agent = RecordingAgent(holdFor: .seconds(5))
        var timeouts = ServerConfiguration.Timeouts()
        timeouts.shutdownGrace = 0.5
        let server = SMTPServer(
            configuration: ServerHarness.configuration(timeouts: timeouts), agent: agent, logger: ServerHarness.logger)
        let group = ServiceGroup(services: [server], logger: ServerHarness.logger)
        let running = Task { try await group.run() }
        let address = try #require(try await server.boundAddresses().first)
        let client = try await TestClient.connect(to: address)
        _ = try await client.reply()
        try await client.send("LHLO c\r\nMAIL FROM:<s@x.org>\r\nRCPT TO:<a@example.com>\r\nDATA\r\nslow\r\n.\r\n")
        #expect(try await client.codes(4) == [250, 250, 250, 354])
        try await Task.sleep(for: .milliseconds(100))
        let clock = ContinuousClock()
        let started = clock.now
        await group.triggerGracefulShutdown()
        let reply = try await client.reply()
        #expect(reply.code == 421 && reply.text.hasPrefix("4.4.2"))
        try await running.value
        #expect(clock.now - started < .seconds(4))
    }
}
