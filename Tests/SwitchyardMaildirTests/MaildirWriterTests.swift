import Foundation
import NIOPosix
import SwitchyardSMTP
import Testing

@testable import SwitchyardMaildir

@Suite struct MaildirWriterTests {
    @Test func storesOneDurableCopyInNewWithExactSize() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let receipt = try await withWriter(root: dir.path) { writer in
            await writer.deliver(plainMessage, envelope: envelope(), recipient: "alice@example.com", team: "billing")
        }
        guard case .delivered = receipt.outcome else {
            Issue.record("expected delivered, got \(receipt.outcome)")
            return
        }
        let maildir = dir.path + "/billing"
        #expect(files(in: maildir) == ["cur", "new", "tmp"])
        #expect(files(in: maildir + "/tmp").isEmpty)
        let names = files(in: maildir + "/new")
        try #require(names.count == 1)
        let name = names[0]
        #expect(receipt.fileName == name)
        let pattern = try Regex(#"^(\d+)\.M(\d+)P(\d+)Q(\d+)\.([^/:,]+),S=(\d+)$"#)
        let match = try #require(name.wholeMatch(of: pattern))
        let size = try #require(Int(match.output[6].substring ?? ""))
        let bytes = contents(maildir + "/new/" + name)
        #expect(size == bytes.count)
        #expect(receipt.size == bytes.count)
        #expect(Int(match.output[3].substring ?? "") == Int(getpid()))
        // The message follows the prepended headers byte for byte.
        #expect(Array(bytes.suffix(plainMessage.count)) == plainMessage)
    }

    @Test func prependsReturnPathDeliveredToAndReceivedWithCRLF() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let forwarded = ForwardedClient(name: "mail.sender.example", address: "192.0.2.7", helo: "sender-helo")
        let receipt = try await withWriter(root: dir.path) { writer in
            await writer.deliver(
                plainMessage, envelope: envelope(forwarded: forwarded, queueID: "7F3A"), recipient: "alice@example.com",
                team: "support"
            )
        }
        let bytes = contents(dir.path + "/support/new/" + (receipt.fileName ?? "?"))
        let header = String(decoding: bytes.prefix(bytes.count - plainMessage.count), as: UTF8.self)
        let lines = header.components(separatedBy: "\r\n")
        #expect(lines[0] == "Return-Path: <bob@example.org>")
        #expect(lines[1] == "Delivered-To: alice@example.com")
        #expect(lines[2] == "Received: from sender-helo (mail.sender.example [192.0.2.7])")
        #expect(lines[3] == "\tby mx.test (Switchyard) with LMTP id 7F3A")
        #expect(lines[4].hasPrefix("\tfor <alice@example.com>; "))
        let date = try Regex(#"; (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$"#)
        #expect(lines[4].contains(date))
        #expect(lines.count == 6 && lines[5].isEmpty)
        // No bare LF anywhere in what we wrote.
        #expect(!header.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func receivedNamesThePeerWithoutXForwardAndStripsControlCharacters() {
        let trace = TraceHeaders(hostname: "mx.test")
        var env = envelope(peer: "::1")
        env.heloName = "evil\r\nX-Injected: yes"
        let text = String(decoding: trace.render(for: env, recipient: "a@example.com", date: 0), as: UTF8.self)
        #expect(text.contains("Received: from evilX-Injected: yes ([IPv6:::1])\r\n"))
        #expect(!text.contains("\r\nX-Injected"))
        let unix = String(decoding: trace.render(for: envelope(peer: "unix"), recipient: "a@x", date: 0), as: UTF8.self)
        #expect(unix.contains("Received: from client.example.org (unix socket)\r\n"))
    }

    @Test func oneFilePerRecipientInRcptOrder() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let rcpts = ["a@example.com", "b@example.com", "c@example.com"]
        let receipts = try await withWriter(root: dir.path) { writer in
            await writer.deliver(plainMessage, envelope: envelope(to: rcpts), team: "support")
        }
        #expect(receipts.map(\.recipient) == rcpts)
        #expect(files(in: dir.path + "/support/new").count == 3)
        for receipt in receipts {
            let bytes = contents(dir.path + "/support/new/" + (receipt.fileName ?? "?"))
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("Delivered-To: \(receipt.recipient)\r\n"))
        }
    }

    @Test func concurrentDeliveriesAllLandIntact() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let count = 200
        let receipts = try await withWriter(root: dir.path, threads: 8) { writer in
            await withTaskGroup(of: MaildirWriter.Receipt.self) { group in
                for index in 0..<count {
                    group.addTask {
                        let message = crlf("Subject: n\(index)\nMessage-ID: <\(index)@x>\n\nbody \(index)\n")
                        return await writer.deliver(
                            message, envelope: envelope(queueID: "Q\(index)"), recipient: "r\(index % 7)@example.com",
                            team: index % 2 == 0 ? "even" : "odd"
                        )
                    }
                }
                var all: [MaildirWriter.Receipt] = []
                for await receipt in group { all.append(receipt) }
                return all
            }
        }
        #expect(receipts.allSatisfy { if case .delivered = $0.outcome { true } else { false } })
        let even = files(in: dir.path + "/even/new")
        let odd = files(in: dir.path + "/odd/new")
        #expect(even.count == count / 2 && odd.count == count / 2)
        #expect(Set(even + odd).count == count)
        for name in even {
            let text = String(decoding: contents(dir.path + "/even/new/" + name), as: UTF8.self)
            #expect(text.hasSuffix("\r\n") && text.contains("Subject: n"))
            #expect(name.hasSuffix(",S=\(text.utf8.count)"))
        }
        #expect(files(in: dir.path + "/even/tmp").isEmpty && files(in: dir.path + "/odd/tmp").isEmpty)
    }

    @Test func unwritableRootIsATemporaryFailureWithNothingStored() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A regular file where a directory must be: fails for root as well as for normal users.
        #expect(FileManager.default.createFile(atPath: dir.path + "/blocker", contents: Data("x".utf8)))
        let root = dir.path + "/blocker/maildirs"
        let receipt = try await withWriter(root: root) { writer in
            await writer.deliver(plainMessage, envelope: envelope(), recipient: "alice@example.com", team: "support")
        }
        guard case .temporaryFailure(let code, let enhanced, let text) = receipt.outcome else {
            Issue.record("expected a temporary failure, got \(receipt.outcome)")
            return
        }
        #expect(code == 451 && enhanced == "4.3.0")
        #expect(text.contains("Not a directory"))
        #expect(receipt.fileName == nil)
    }

    @Test func failureAfterWritingLeavesNoFileInNewNorTmp() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let maildir = dir.path + "/support"
        try FileManager.default.createDirectory(atPath: maildir + "/tmp", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: maildir + "/cur", withIntermediateDirectories: true)
        // `new` is a file: the copy is written and fsynced in tmp/, then the link into new/ fails.
        #expect(FileManager.default.createFile(atPath: maildir + "/new", contents: Data()))
        let receipt = try await withWriter(root: dir.path) { writer in
            await writer.deliver(plainMessage, envelope: envelope(), recipient: "alice@example.com", team: "support")
        }
        guard case .temporaryFailure(let code, _, _) = receipt.outcome else {
            Issue.record("expected a temporary failure, got \(receipt.outcome)")
            return
        }
        #expect(code == 451)
        #expect(files(in: maildir + "/tmp").isEmpty)
    }

    @Test func storageExhaustionAnswers452AndOtherErrors451WithTheErrnoText() {
        let full = MaildirError(operation: "write", path: "/m/tmp/x", code: ENOSPC).outcome
        #expect(
            full
                == .temporaryFailure(
                    code: 452, enhanced: "4.3.1", text: "Insufficient system storage (No space left on device)"))
        guard
            case .temporaryFailure(452, "4.3.1", _) = MaildirError(operation: "write", path: "x", code: EDQUOT).outcome
        else {
            Issue.record("EDQUOT must be 452 4.3.1")
            return
        }
        guard
            case .temporaryFailure(451, "4.3.0", let text) = MaildirError(operation: "fsync", path: "x", code: EIO)
                .outcome
        else {
            Issue.record("EIO must be 451 4.3.0")
            return
        }
        #expect(text.contains("fsync") && text.contains("Input/output error"))
    }

    @Test func aStoppedPoolAnswersTemporaryFailure() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        try await pool.shutdownGracefully()
        let writer = MaildirWriter(configuration: .init(root: dir.path, hostname: "mx.test"), threadPool: pool)
        let receipt = await writer.deliver(
            plainMessage, envelope: envelope(), recipient: "a@example.com", team: "support")
        guard case .temporaryFailure(451, "4.3.0", _) = receipt.outcome else {
            Issue.record("expected 451 4.3.0, got \(receipt.outcome)")
            return
        }
        #expect(files(in: dir.path).isEmpty)
    }

    @Test func teamNamesAreSinglePathComponents() {
        #expect(MaildirWriter.isValidTeam("billing"))
        #expect(!MaildirWriter.isValidTeam(""))
        #expect(!MaildirWriter.isValidTeam("../etc"))
        #expect(!MaildirWriter.isValidTeam(".switchyard"))
        #expect(!MaildirWriter.isValidTeam("a/b"))
    }

    @Test func hostNamesAreEscapedForFileNames() {
        #expect(MaildirName.sanitizedHost("mx/1:2") == "mx\\0571\\0722")
        #expect(MaildirName.sanitizedHost("") == "localhost")
        #expect(MaildirName.entry("123.M1P2Q3.h,S=10:2,S", isMessage: "123.M1P2Q3.h,S=10"))
        #expect(!MaildirName.entry("123.M1P2Q3.h,S=100:2,S", isMessage: "123.M1P2Q3.h,S=10"))
    }
}

@Suite struct CrashLeftoverTests {
    @Test func halfWrittenFilesOlderThan36HoursAreRemovedFromTmp() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let tmp = dir.path + "/support/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: tmp + "/old.M1P1Q1.host", contents: Data("partial".utf8)))
        #expect(FileManager.default.createFile(atPath: tmp + "/recent.M1P1Q2.host", contents: Data("partial".utf8)))
        let old = Date(timeIntervalSinceNow: -37 * 3600)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: tmp + "/old.M1P1Q1.host")
        _ = try await withWriter(root: dir.path) { writer in
            await writer.deliver(plainMessage, envelope: envelope(), recipient: "alice@example.com", team: "support")
        }
        #expect(files(in: tmp) == ["recent.M1P1Q2.host"])
        #expect(files(in: dir.path + "/support/new").count == 1)
    }
}
