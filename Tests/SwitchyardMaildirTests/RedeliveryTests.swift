import Foundation
import SwitchyardSMTP
import Testing

@testable import SwitchyardMaildir

@Suite struct RedeliveryTests {
    func deliver(_ writer: MaildirWriter, _ message: [UInt8] = tracedMessage, to rcpt: String = "alice@example.com")
        async -> MaildirWriter.Receipt
    {
        await writer.deliver(message, envelope: envelope(to: [rcpt]), recipient: rcpt, team: "support")
    }

    @Test func aResendWithinTheWindowIsAcknowledgedWithoutASecondCopy() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (first, second) = try await withWriter(root: dir.path) { writer in
            (await deliver(writer), await deliver(writer))
        }
        #expect(!first.duplicate && second.duplicate)
        guard case .delivered = second.outcome else {
            Issue.record("a duplicate must still be acknowledged, got \(second.outcome)")
            return
        }
        #expect(second.fileName == first.fileName)
        #expect(second.size == first.size && first.size > tracedMessage.count)
        #expect(files(in: dir.path + "/support/new").count == 1)
    }

    @Test func theRecordSurvivesARestart() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try await withWriter(root: dir.path) { await deliver($0) }
        // A new writer on a new pool: only what is on disk is shared, as after a crash.
        let second = try await withWriter(root: dir.path) { await deliver($0) }
        #expect(second.duplicate && second.fileName == first.fileName)
        #expect(files(in: dir.path + "/support/new").count == 1)
        let records = files(in: dir.path + "/.switchyard/dedupe").flatMap {
            files(in: dir.path + "/.switchyard/dedupe/" + $0)
        }
        #expect(records.count == 1)
    }

    @Test func aCopyAReaderMovedToCurStillCounts() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try await withWriter(root: dir.path) { await deliver($0) }
        let name = try #require(first.fileName)
        try FileManager.default.moveItem(
            atPath: dir.path + "/support/new/" + name, toPath: dir.path + "/support/cur/" + name + ":2,S")
        let second = try await withWriter(root: dir.path) { await deliver($0) }
        #expect(second.duplicate)
        #expect(files(in: dir.path + "/support/new").isEmpty)
    }

    @Test func aRecordWhoseFileIsGoneDeliversAgain() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try await withWriter(root: dir.path) { await deliver($0) }
        try FileManager.default.removeItem(atPath: dir.path + "/support/new/" + (first.fileName ?? "?"))
        let second = try await withWriter(root: dir.path) { await deliver($0) }
        #expect(!second.duplicate && second.fileName != first.fileName)
        #expect(files(in: dir.path + "/support/new") == [second.fileName].compactMap { $0 })
    }

    @Test func afterTheWindowTheSameMessageIsDeliveredAgain() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let receipts = try await withWriter(root: dir.path, dedupeWindow: 0.2) { writer in
            let first = await deliver(writer)
            try await Task.sleep(for: .milliseconds(400))
            return [first, await deliver(writer)]
        }
        #expect(receipts.allSatisfy { !$0.duplicate })
        #expect(files(in: dir.path + "/support/new").count == 2)
    }

    @Test func aZeroWindowDisablesDedupe() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await withWriter(root: dir.path, dedupeWindow: 0) { writer in
            _ = await deliver(writer)
            _ = await deliver(writer)
        }
        #expect(files(in: dir.path + "/support/new").count == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/.switchyard"))
    }

    /// `smtp-source -F FILE` sends the same untraced bytes for every message: each is a delivery.
    @Test func identicalUntracedMessagesAreDistinctDeliveries() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let receipts = try await withWriter(root: dir.path) { writer in
            [
                await deliver(writer, plainMessage), await deliver(writer, plainMessage),
                await deliver(writer, plainMessage),
            ]
        }
        #expect(receipts.allSatisfy { !$0.duplicate })
        #expect(files(in: dir.path + "/support/new").count == 3)
    }

    @Test func untracedMessagesAreDeduplicatedWhenConfiguredTo() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let receipts = try await withWriter(root: dir.path, dedupeUntraced: true) { writer in
            [await deliver(writer, plainMessage), await deliver(writer, plainMessage)]
        }
        #expect(receipts.map(\.duplicate) == [false, true])
        #expect(files(in: dir.path + "/support/new").count == 1)
    }

    @Test func otherRecipientsAndOtherBytesAreNotCollapsed() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var variant = tracedMessage
        variant.append(contentsOf: Array("P.S.\r\n".utf8))
        try await withWriter(root: dir.path) { writer in
            _ = await deliver(writer)
            _ = await deliver(writer, to: "carol@example.com")
            _ = await deliver(writer, variant)
        }
        #expect(files(in: dir.path + "/support/new").count == 3)
    }

    @Test func aRecordThatCannotBeWrittenFailsTheDeliveryWithoutACopy() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(
            FileManager.default.createFile(atPath: dir.path + "/.switchyard", contents: Data("not a directory".utf8)))
        let receipt = try await withWriter(root: dir.path) { await deliver($0) }
        guard case .temporaryFailure(451, "4.3.0", _) = receipt.outcome else {
            Issue.record("expected 451 4.3.0, got \(receipt.outcome)")
            return
        }
        #expect(files(in: dir.path + "/support/new").isEmpty)
        #expect(files(in: dir.path + "/support/tmp").isEmpty)
    }

    @Test func sweepingRemovesOnlyExpiredRecords() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = DedupeStore(root: dir.path, window: 100)
        let old = RedeliveryKey(recipient: "a@x", message: [1])
        let fresh = RedeliveryKey(recipient: "b@x", message: [2])
        try store.record(old, target: "support/old", now: 1000)
        try store.record(fresh, target: "support/fresh", now: 1150)
        #expect(store.lookup(old, now: 1090) == "support/old")
        #expect(store.lookup(old, now: 1101) == nil)
        for shard in files(in: store.directory) { store.sweep(shard: store.directory + "/" + shard, now: 1200) }
        #expect(!FileManager.default.fileExists(atPath: store.directory + "/" + old.hex.prefix(2) + "/" + old.hex))
        #expect(store.lookup(fresh, now: 1200) == "support/fresh")
    }

    @Test func onlyAReceivedFieldInTheHeaderMarksAMessageAsTraced() {
        #expect(RedeliveryKey.isTraced(tracedMessage))
        #expect(RedeliveryKey.isTraced(Array("Subject: x\nRECEIVED: from a\n\nb\n".utf8)))
        #expect(!RedeliveryKey.isTraced(plainMessage))
        #expect(!RedeliveryKey.isTraced(crlf("Subject: x\n\nReceived: from a body line\n")))
        #expect(!RedeliveryKey.isTraced(crlf("X-Received: from a\n\nb\n")))
        #expect(!RedeliveryKey.isTraced([]))
    }
}
