// Dovecot's doveadm reading the gateway's Maildir: the Maildir is one a real IMAP server serves.
import Foundation
import Testing

@Suite("doveadm", .endToEnd, .serialized)
struct DoveadmTests {
    /// Messages of different sizes and subjects go in over LMTP; doveadm (as nobody, index in
    /// memory so the Maildir is not touched) must see the same count, subjects and sizes.
    @Test("doveadm reads the delivered Maildir back: count, subjects and sizes agree")
    func doveadmReadsMaildir() async throws {
        let scratch = try E2E.makeScratch("doveadm")
        defer { E2E.removeScratch(scratch) }
        let gateway = try Gateway(scratch: scratch)
        try await gateway.start()

        let messages = [
            TestMessage(subject: "small ascii", bodyBytes: 300, seed: 1),
            TestMessage(subject: "=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=", bodyBytes: 5_000, seed: 2),
            TestMessage(subject: "fifty kilobytes", bodyBytes: 50_000, seed: 3),
            TestMessage(subject: "a larger one, 400 KB", bodyBytes: 400_000, seed: 4),
        ]
        for (index, message) in messages.enumerated() {
            let file = scratch.appendingPathComponent("msg\(index).wire")
            try message.writeStuffedData(to: file)
            let result = try await Command.tool(
                "swaks",
                [
                    "--server", "127.0.0.1", "--port", "\(gateway.lmtpPort)", "--protocol", "LMTP",
                    "--from", "sender@example.org", "--to", "support@example.com",
                    "--data", "@\(file.path)", "--no-data-fixup",
                ], timeout: 60)
            #expect(result.status == 0, "\(result.transcript)")
        }
        try await gateway.stop()

        // doveadm refuses to run as root; the gateway here ran as root, so hand the Maildir to
        // nobody, as a deployment running the gateway as the mail user would have it.
        let chown = try await Command.tool("chown", ["-R", "nobody:nogroup", gateway.maildirRoot.path])
        try #require(chown.status == 0, "\(chown.transcript)")
        let home = scratch.appendingPathComponent("doveadm-home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        _ = try await Command.tool("chown", ["nobody:nogroup", home.path])
        let doveadm = Doveadm(maildir: gateway.teamMaildir, home: home)

        let fetched = try await doveadm.fetch(["uid", "size.physical", "size.virtual", "hdr.subject"])
        #expect(fetched.count == messages.count)
        #expect(Set(fetched.compactMap { $0["hdr.subject"] }) == Set(messages.map(\.subject)))

        let copies = try Maildirs.copies(in: gateway.newDirectory)
        for message in messages {
            guard let row = fetched.first(where: { $0["hdr.subject"] == message.subject }),
                let copy = copies.first(where: { $0.header("Subject") == message.subject })
            else {
                Issue.record("\(message.subject) not found by doveadm or in new/")
                continue
            }
            #expect(copy.mismatch(fromWire: message.wire) == nil)
            // Physical: the file as stored. Virtual: with CRLF line ends, i.e. the prepended
            // headers plus exactly the bytes that crossed the wire.
            let prependedCRLF = Maildirs.lfToCRLF(Array(copy.prepended.map(\.field).joined().utf8))
            #expect(row["size.physical"] == "\(copy.bytes.count)", "\(message.subject)")
            #expect(row["size.virtual"] == "\(prependedCRLF.count + message.wire.count)", "\(message.subject)")
        }

        let found = try await doveadm.run(["search", "--", "SUBJECT", "Köln"])
        #expect(found.stdout.split(whereSeparator: \.isNewline).count == 1, "\(found.transcript)")
        // Reading must not have moved anything: a Maildir reader with INDEX=MEMORY only looks.
        #expect(Maildirs.files(in: gateway.newDirectory).count == messages.count)
    }
}

/// doveadm run as nobody against one Maildir with in-memory indexes (no files added to it).
struct Doveadm {
    let maildir: URL
    let home: URL

    func run(_ arguments: [String]) async throws -> CommandResult {
        let location = "maildir:\(maildir.path):INDEX=MEMORY:CONTROL=\(home.path)/control"
        return try await Command.tool(
            "runuser",
            [
                "-u", "nobody", "--", "env", "USER=nobody", "HOME=\(home.path)", try E2E.tool("doveadm"),
                "-O", "-o", "mail_location=\(location)",
            ] + arguments, timeout: 60)
    }

    /// `doveadm -f json fetch FIELDS ALL`, one dictionary per message.
    func fetch(_ fields: [String]) async throws -> [[String: String]] {
        let result = try await run(["-f", "json", "fetch", fields.joined(separator: " "), "ALL"])
        guard result.status == 0,
            let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: String]]
        else {
            throw DoveadmFailure(transcript: result.transcript)
        }
        return rows
    }
}

/// doveadm failed or printed something other than its JSON.
struct DoveadmFailure: Error, CustomStringConvertible {
    let transcript: String
    var description: String { "doveadm: \(transcript)" }
}
