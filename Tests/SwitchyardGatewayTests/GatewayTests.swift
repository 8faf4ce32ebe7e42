import Foundation
import Logging
import NIOCore
import NIOPosix
import SwitchyardServer
import Testing

@testable import SwitchyardGateway

@Suite struct GatewayTests {
    /// The whole path: YAML configuration, listener on a free port, one LMTP transaction from a
    /// plain TCP client, per-recipient replies, and the copy in the team's Maildir.
    @Test func anLMTPTransactionEndsUpInTheTeamMaildir() async throws {
        let root = NSTemporaryDirectory() + "/switchyard-gateway-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let configuration = try GatewayConfiguration.parse(
            yaml: """
                listeners:
                  - protocol: lmtp
                    address: 127.0.0.1:0
                hostname: gw.test
                accept:
                  domains: [example.com]
                maildir:
                  root: \(root)
                  default_team: billing
                  fsync_threads: 2
                timeouts:
                  shutdown_grace: 2s
                """,
            file: "inline.yaml"
        )
        let gateway = Gateway(configuration: configuration, logger: Logger(label: "gateway-test"), signals: [])
        let running = Task { try await gateway.run() }
        let port = try #require(try await gateway.boundAddresses().first?.port)

        let transcript = try await NIOThreadPool.singleton.runIfActive { () -> [[String]] in
            let client = try LineClient(port: port)
            var replies = [client.reply()]
            for command in [
                "LHLO client.test", "MAIL FROM:<sender@example.org>", "RCPT TO:<help@example.com>",
                "RCPT TO:<someone@elsewhere.example>", "RCPT TO:<second@example.com>", "DATA",
            ] {
                client.send(command + "\r\n")
                replies.append(client.reply())
            }
            client.send("Subject: Order 1234\r\nMessage-ID: <gw-1@example.org>\r\n\r\nWhere is my order?\r\n.\r\n")
            replies.append(client.reply())  // one reply per accepted recipient (RFC 2033)
            replies.append(client.reply())
            client.send("QUIT\r\n")
            replies.append(client.reply())
            return replies
        }
        running.cancel()
        _ = try? await running.value

        let codes = transcript.map { $0.last.map { String($0.prefix(3)) } ?? "" }
        #expect(codes == ["220", "250", "250", "250", "550", "250", "354", "250", "250", "221"])
        #expect(transcript[4].last?.contains("5.1.1") == true)
        let new = root + "/billing/new"
        let names = try FileManager.default.contentsOfDirectory(atPath: new)
        #expect(names.count == 2)
        var deliveredTo: [String] = []
        for name in names {
            let text = try String(contentsOfFile: new + "/" + name, encoding: .utf8)
            #expect(
                text.hasSuffix("Subject: Order 1234\r\nMessage-ID: <gw-1@example.org>\r\n\r\nWhere is my order?\r\n"))
            #expect(text.hasPrefix("Return-Path: <sender@example.org>\r\n"))
            #expect(text.contains("by gw.test (Switchyard) with LMTP id "))
            #expect(name.hasSuffix(",S=\(text.utf8.count)"))
            deliveredTo += text.split(separator: "\r\n").filter { $0.hasPrefix("Delivered-To: ") }.map(String.init)
        }
        #expect(deliveredTo.sorted() == ["Delivered-To: help@example.com", "Delivered-To: second@example.com"])
    }

    /// A shutdown signal lets the transaction in flight finish (250, file stored), answers 421 4.4.2
    /// afterwards, and `run()` returns normally -- what makes `switchyard serve` exit 0.
    @Test func aShutdownSignalFinishesTheTransactionInFlightAndReturnsNormally() async throws {
        let root = NSTemporaryDirectory() + "/switchyard-gateway-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var configuration = GatewayConfiguration()
        configuration.server.listeners = [.init(dialect: .lmtp, address: .tcp(host: "127.0.0.1", port: 0))]
        configuration.server.timeouts.shutdownGrace = 5
        configuration.maildir.root = root
        configuration.maildir.fsyncThreads = 2
        // SIGUSR1 stands in for SIGTERM: the test process must not be asked to terminate. The group
        // traps it before starting the listener, so it is trapped once the port is bound.
        let gateway = Gateway(configuration: configuration, logger: Logger(label: "gateway-test"), signals: [.sigusr1])
        let running = Task { try await gateway.run() }
        let port = try #require(try await gateway.boundAddresses().first?.port)

        let replies = try await NIOThreadPool.singleton.runIfActive { () -> [String] in
            let client = try LineClient(port: port)
            var codes = [client.reply().last ?? ""]
            for command in ["LHLO client.test", "MAIL FROM:<s@example.org>", "RCPT TO:<a@example.com>", "DATA"] {
                client.send(command + "\r\n")
                codes.append(client.reply().last ?? "")
            }
            kill(getpid(), SIGUSR1)
            usleep(200_000)
            client.send("Subject: late\r\n\r\nstill delivered\r\n.\r\n")
            codes.append(client.reply().last ?? "")
            codes.append(client.reply().last ?? "closed")
            return codes
        }
        try await running.value  // no throw: a graceful shutdown
        #expect(replies.map { String($0.prefix(3)) } == ["220", "250", "250", "250", "354", "250", "421"])
        #expect(replies.last?.contains("4.4.2") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/support/new").count == 1)
    }
}
