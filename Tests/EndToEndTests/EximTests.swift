// Exim, the Debian MTA that sends CHUNKING/BDAT (RFC 3030), delivering over LMTP.
import Foundation
import Testing

@Suite("Exim", .endToEnd, .serialized)
struct EximTests {
    /// Exim sends the header in a first `BDAT n` and the rest in `BDAT m LAST` when the message
    /// is large; both recipients must get one reply each and one durable, intact copy each.
    @Test("Exim delivers a multi-chunk message with BDAT to two recipients")
    func multiChunkBDAT() async throws {
        let exim = E2E.eximBinary
        guard FileManager.default.isExecutableFile(atPath: exim) else { throw MissingTool(name: exim) }
        let scratch = try E2E.makeScratch("exim")
        defer { E2E.removeScratch(scratch) }
        let gateway = try Gateway(scratch: scratch)
        try await gateway.start()

        let spool = scratch.appendingPathComponent("exim/spool")
        let logs = scratch.appendingPathComponent("exim/log")
        for dir in [spool, logs] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            // Exim drops to its own user (the -C option costs it root) before writing these.
            let owned = try await Command.tool("chown", ["Debian-exim", dir.path])
            try #require(owned.status == 0, "\(owned.transcript) -- does the Debian-exim user exist (make test-deps)?")
        }
        let config = scratch.appendingPathComponent("exim/exim.conf")
        try eximConfig(binary: exim, spool: spool, logs: logs, port: gateway.lmtpPort)
            .write(to: config, atomically: true, encoding: .utf8)

        let message = TestMessage(subject: "BDAT in chunks", bodyBytes: 220_000, seed: 7)
        let result = try await Command.run(
            exim,
            [
                "-C", config.path, "-odi", "-oi", "-d+transport", "-f", "sender@example.org",
                "alice@example.com", "bob@example.com",
            ], input: Data(message.text), timeout: 120)
        try await gateway.stop()
        let mainlog = String(
            decoding: (try? Data(contentsOf: logs.appendingPathComponent("mainlog"))) ?? Data(), as: UTF8.self)
        #expect(result.status == 0, "\(result.stderr.suffix(3000))\n\(mainlog)\n\(gateway.log.suffix(2000))")

        // The wire as Exim's debug output shows it: a first chunk without LAST, then LAST.
        let chunks = result.stderr.split(whereSeparator: \.isNewline).filter {
            $0.contains("SMTP+> BDAT ") || $0.contains("SMTP>> BDAT ")
        }
        #expect(chunks.count >= 2, "BDAT commands seen: \(chunks)")
        #expect(chunks.last?.hasSuffix(" LAST") == true, "\(chunks)")
        #expect(chunks.dropLast().allSatisfy { !$0.hasSuffix(" LAST") }, "\(chunks)")
        // " K " in the delivery line: Exim used CHUNKING; one "=>"/"->" line per recipient.
        let deliveries = mainlog.split(whereSeparator: \.isNewline).filter {
            $0.contains(" => ") || $0.contains(" -> ")
        }
        #expect(deliveries.count == 2, "\(mainlog)")
        #expect(deliveries.allSatisfy { $0.contains(" K C=\"250 ") }, "\(mainlog)")
        #expect(mainlog.contains(" Completed"), "\(mainlog)")

        let copies = try Maildirs.copies(in: gateway.newDirectory)
        #expect(copies.count == 2)
        for copy in copies {
            // Exim's own Received line is prepended like ours; the rest is the message as given.
            #expect(copy.mismatch(fromWire: message.wire) == nil)
        }
    }

    /// Every recipient over LMTP (smtp transport, protocol lmtp) to the gateway, CHUNKING used
    /// whenever offered, TLS never (this test is about BDAT).
    private func eximConfig(binary: String, spool: URL, logs: URL, port: Int) -> String {
        """
        primary_hostname = exim.e2e.test
        exim_path = \(binary)
        keep_environment =
        spool_directory = \(spool.path)
        log_file_path = \(logs.path)/%slog
        exim_user = Debian-exim
        exim_group = nogroup
        never_users = root
        daemon_smtp_ports = 0
        smtputf8_advertise_hosts =
        begin routers
        to_gateway:
          driver = manualroute
          route_list = * 127.0.0.1 byname
          self = send
          transport = gateway_lmtp
        begin transports
        gateway_lmtp:
          driver = smtp
          protocol = lmtp
          port = \(port)
          hosts_try_chunking = *
          hosts_avoid_tls = *
          allow_localhost
        begin retry
        * * F,1m,1m

        """
    }
}
