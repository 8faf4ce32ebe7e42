// Faults the "no mail is lost" promise must survive: an unwritable Maildir and a SIGKILL.
import Foundation
import Testing

@Suite("faults", .endToEnd, .serialized)
struct FaultTests {
    /// The Maildir root stops being a directory (tests run as root, so chmod would not stop
    /// anything): every recipient gets a 4xx so the MTA keeps the message, nothing is half
    /// written, and the retry after the repair delivers it.
    @Test("Maildir root unwritable: 4xx per recipient, nothing stored, retry delivers")
    func unwritableRoot() async throws {
        let scratch = try E2E.makeScratch("fault-unwritable")
        defer { E2E.removeScratch(scratch) }
        let gateway = try Gateway(scratch: scratch)
        try await gateway.start()
        try gateway.breakMaildirRoot()
        let saved = gateway.savedMaildirRoot

        let message = TestMessage(subject: "while the disk is broken", seed: 21)
        let file = scratch.appendingPathComponent("message.wire")
        try message.writeStuffedData(to: file)
        let arguments = [
            "--server", "127.0.0.1", "--port", "\(gateway.lmtpPort)", "--protocol", "LMTP", "--pipeline",
            "--from", "sender@example.org", "--to", "alice@example.com,bob@example.com",
            "--data", "@\(file.path)", "--no-data-fixup",
        ]
        let failed = try await Command.tool("swaks", arguments, timeout: 60)
        let failedReplies = SwaksTranscript(failed.stdout).repliesAfterEndOfData
        #expect(failedReplies.count == 2, "\(failed.stdout)\n\(gateway.log.suffix(2000))")
        #expect(failedReplies.allSatisfy { $0.hasPrefix("4") }, "\(failedReplies)")
        #expect(failedReplies.allSatisfy { $0.dropFirst(4).hasPrefix("4.") }, "enhanced status 4.x.x: \(failedReplies)")
        #expect(gateway.isRunning, "the gateway must survive a broken disk:\n\(gateway.log.suffix(2000))")
        // Message files live in a Maildir's tmp/, new/ or cur/ (the gateway's own dedupe records
        // elsewhere under the root are not messages).
        let strayFiles = try Self.regularFiles(under: saved).filter {
            ["tmp", "new", "cur"].contains(URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent)
        }
        #expect(strayFiles.count == 0, "nothing may be stored while the root is broken: \(strayFiles)")

        // Repair, and retry as the MTA would.
        try gateway.repairMaildirRoot()
        let retried = try await Command.tool("swaks", arguments, timeout: 60)
        try await gateway.stop()
        let retriedReplies = SwaksTranscript(retried.stdout).repliesAfterEndOfData
        #expect(retriedReplies.count == 2 && retriedReplies.allSatisfy { $0.hasPrefix("250") }, "\(retried.stdout)")
        let copies = try Maildirs.copies(in: gateway.newDirectory)
        #expect(copies.count == 2)
        for copy in copies { #expect(copy.mismatch(fromWire: message.wire) == nil) }
        #expect(Maildirs.files(in: gateway.teamMaildir.appendingPathComponent("tmp")).isEmpty)
    }

    /// SIGKILL in the middle of a 1,000-message run over 4 sessions, restart, run again: every
    /// message that got its 250 is in new/ exactly once and no file in new/ is partial.
    ///
    /// Four `smtp-source -s 1 -v` processes make the 4 sessions: a single-session smtp-source is
    /// sequential, so its n-th reply after "." belongs to its n-th message, whose Message-Id is
    /// <pid.fd.(m-1-n)@host> (hex; the counter counts down). That tells exactly which messages
    /// were acknowledged.
    @Test("SIGKILL mid-run, restart, rerun: every 250 is in new/ exactly once, no partial file")
    func killMidRun() async throws {
        let scratch = try E2E.makeScratch("fault-kill")
        defer { E2E.removeScratch(scratch) }
        let gateway = try Gateway(scratch: scratch)
        try await gateway.start()

        let port = gateway.lmtpPort
        async let load = SourceRun.start(port: port, processes: 4, messagesEach: 250)
        // Kill once a good part of the run is stored, while sessions are mid-transaction.
        let killAt = 150
        let seen = try await Maildirs.waitForFiles(in: gateway.newDirectory, count: killAt, timeout: 120)
        gateway.crash()
        let first = try await load
        #expect(
            seen.count >= killAt,
            "the run stored only \(seen.count) messages before the kill\n\(gateway.log.suffix(2000))")
        #expect(first.acknowledged.count < 1000, "the kill came after the whole run; it tested nothing")

        try await gateway.start()
        let second = try await SourceRun.start(port: gateway.lmtpPort, processes: 4, messagesEach: 250)
        try await gateway.stop()
        #expect(
            second.acknowledged.count == 1000,
            "after the restart every message must be accepted:\n\(second.failures.prefix(2000))")

        let copies = try Maildirs.copies(in: gateway.newDirectory)
        var byID: [String: Int] = [:]
        for copy in copies { byID[SourceRun.key(copy.header("Message-Id")), default: 0] += 1 }
        let acknowledged = first.acknowledged.union(second.acknowledged)
        let missing = acknowledged.filter { byID[$0] == nil }
        let duplicated = byID.filter { $0.value > 1 }
        #expect(
            missing.count == 0,
            "\(missing.count) acknowledged messages are not in new/, e.g. \(Array(missing.prefix(3)))")
        #expect(
            duplicated.count == 0,
            "\(duplicated.count) messages are in new/ more than once: \(Array(duplicated.prefix(3)))")
        // At most one unacknowledged message per session can have been stored when the kill came.
        let unacknowledged = Set(byID.keys).subtracting(acknowledged)
        let sample = "e.g. \(Array(unacknowledged.prefix(3))); acknowledged e.g. \(Array(acknowledged.prefix(3)))"
        #expect(unacknowledged.count <= 4, "files nobody got a 250 for, \(sample)")

        // smtp-source's generated body is the same for every message of one size: any file whose
        // body differs from a fully acknowledged one is truncated or corrupt.
        let reference = copies.first { second.acknowledged.contains(SourceRun.key($0.header("Message-Id"))) }
        let referenceBody = reference.map { Self.body(of: $0.message) } ?? []
        #expect(!referenceBody.isEmpty)
        let partial = copies.filter { Self.body(of: $0.message) != referenceBody }.map(\.path.lastPathComponent)
        #expect(partial.count == 0, "\(partial.count) files in new/ are partial: \(partial.prefix(3))")
    }

    static func body(of message: [UInt8]) -> [UInt8] {
        let crlf: [UInt8] = [13, 10, 13, 10]
        let lf: [UInt8] = [10, 10]
        for separator in [crlf, lf] {
            if let range = message.firstRange(of: separator) { return Array(message[range.upperBound...]) }
        }
        return []
    }

    static func regularFiles(under dir: URL) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var out: [String] = []
        while let path = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path, isDirectory: &isDir),
                !isDir.boolValue
            {
                out.append(path)
            }
        }
        return out
    }
}

/// Several single-session `smtp-source -L -v` processes in parallel, and which of their
/// messages were acknowledged with 250 (by Message-Id).
struct SourceRun {
    var acknowledged: Set<String> = []
    var failures = ""

    static func start(port: Int, processes: Int, messagesEach: Int) async throws -> SourceRun {
        let tool = try E2E.tool("smtp-source")
        return try await withThrowingTaskGroup(of: CommandResult.self) { group in
            for _ in 0..<processes {
                group.addTask {
                    try await Command.run(
                        tool,
                        [
                            "-v", "-L", "-s", "1", "-d", "-m", "\(messagesEach)", "-l", "20000",
                            "-f", "sender@example.org", "-t", "support@example.com", "127.0.0.1:\(port)",
                        ], timeout: 300)
                }
            }
            var run = SourceRun()
            for try await result in group {
                let codes = replyCodesAfterData(result.stderr + result.stdout)
                for (index, code) in codes.enumerated() where code.hasPrefix("250") {
                    // smtp-source numbers its messages by how many are left: the first is m-1, the last 0.
                    run.acknowledged.insert("\(hex4(Int(result.pid))).\(hex4(messagesEach - 1 - index))")
                }
                if codes.count < messagesEach || !codes.allSatisfy({ $0.hasPrefix("250") }) {
                    run.failures +=
                        "smtp-source pid \(result.pid): \(codes.count) replies, exit \(result.status)\n"
                        + result.stderr.suffix(400) + "\n"
                }
            }
            return run
        }
    }

    /// "pid.count" from smtp-source's Message-Id "<pid.fd.count@host>" (hex fields).
    static func key(_ messageID: String?) -> String {
        guard let id = messageID, id.hasPrefix("<"), let at = id.firstIndex(of: "@") else {
            return messageID ?? "(none)"
        }
        let fields = id[id.index(after: id.startIndex)..<at].split(separator: ".")
        guard fields.count == 3 else { return id }
        return "\(fields[0]).\(fields[2])"
    }

    /// smtp-source's "%04x".
    static func hex4(_ value: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The first server line after each end-of-data "." in a `smtp-source -v` transcript.
    static func replyCodesAfterData(_ transcript: String) -> [String] {
        var codes: [String] = []
        var waiting = false
        // Each line is "<argv[0]>: <text>"; argv[0] is the path we started it with.
        for line in transcript.split(whereSeparator: \.isNewline) {
            guard let colon = line.range(of: ": ") else { continue }
            let text = line[colon.upperBound...]
            if text == "." {
                waiting = true
            } else if waiting, text.hasPrefix("<<< ") {
                codes.append(String(text.dropFirst(4)))
                waiting = false
            }
        }
        return codes
    }
}
