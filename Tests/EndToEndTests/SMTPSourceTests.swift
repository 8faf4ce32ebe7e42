// Postfix's smtp-source as an LMTP load generator against the gateway.
import Foundation
import Testing

@Suite("smtp-source", .endToEnd, .serialized)
struct SMTPSourceTests {
    /// 500 messages over 4 parallel LMTP sessions: every one stored once, byte-identical to what
    /// was sent apart from the prepended trace headers.
    ///
    /// `smtp-source -F` sends the same file every time, which the gateway's redelivery dedupe
    /// would rightly collapse into one copy; this test turns dedupe off (maildir.dedupe_window: 0)
    /// because it is about framing and durability under concurrency, not about dedupe.
    @Test("smtp-source -L: 500 messages over 4 sessions, 500 byte-identical files")
    func fiveHundredOverFourSessions() async throws {
        let scratch = try E2E.makeScratch("smtp-source")
        defer { E2E.removeScratch(scratch) }
        var options = GatewayOptions()
        options.dedupeWindow = 0
        let gateway = try Gateway(scratch: scratch, options: options)
        try await gateway.start()

        let message = TestMessage(subject: "smtp-source load", bodyBytes: 6000)
        let file = scratch.appendingPathComponent("message.txt")
        try message.writeText(to: file)
        let result = try await Command.tool(
            "smtp-source",
            [
                "-L", "-s", "4", "-m", "500", "-d", "-F", file.path,
                "-f", "sender@example.org", "-t", "support@example.com", "127.0.0.1:\(gateway.lmtpPort)",
            ], timeout: 240)
        try await gateway.stop()
        #expect(result.status == 0, "\(result.transcript)\n\(gateway.log.suffix(3000))")

        // smtp-source sends the -F file with CRLF line ends and one extra CRLF before the final
        // "." (seen on the wire with a recording listener): that is what was sent.
        let sent = message.wire + [0x0D, 0x0A]
        let copies = try Maildirs.copies(in: gateway.newDirectory)
        #expect(copies.count == 500)
        let mismatches = copies.compactMap { $0.mismatch(fromWire: sent) }
        #expect(
            mismatches.isEmpty, "\(mismatches.count) files differ from what was sent; first: \(mismatches.first ?? "")")
        for copy in copies.prefix(1) {
            #expect(copy.prepended("return-path").count == 1)
            #expect(copy.prepended("delivered-to").count == 1 || gateway.isDovecot)
            #expect(copy.prepended("received").count >= 1)
        }
        #expect(Set(copies.map(\.path.lastPathComponent)).count == 500)
        #expect(Maildirs.files(in: gateway.teamMaildir.appendingPathComponent("tmp")).isEmpty)
    }
}
