internal import NIOConcurrencyHelpers
public import NIOPosix
public import SwitchyardSMTP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stores each recipient's copy of a message durably in a team's Maildir (`<root>/<team>/new`).
///
/// Write into `tmp/`, fsync the file, (record the dedupe key, fsynced), link into `new/`, fsync
/// `new/`, drop the `tmp/` name: only then is the copy reported `.delivered`. Any failure removes
/// what was written and reports a temporary failure, so the MTA keeps the message and retries.
/// The blocking calls run on `threadPool`, never on an event loop nor Swift's cooperative pool.
public final class MaildirWriter: Sendable {
    /// Where copies go and how redeliveries are recognised.
    public struct Configuration: Sendable, Equatable {
        /// The directory holding one Maildir per team (created on demand).
        public var root: String
        /// Our name in the `Received:` header.
        public var hostname: String
        /// Seconds during which a resend of the same traced message to the same recipient is
        /// answered 250 without a second copy (see `RedeliveryKey`); 0 disables dedupe.
        public var dedupeWindow: Double
        /// Also deduplicate messages without a `Received:` trace. Off by default: a direct client
        /// may legitimately send identical bytes twice (see `RedeliveryKey`); turn it on when the
        /// only direct clients are programs that resend on a lost reply.
        public var dedupeUntraced: Bool

        public init(root: String, hostname: String, dedupeWindow: Double = 24 * 3600, dedupeUntraced: Bool = false) {
            self.root = root
            self.hostname = hostname
            self.dedupeWindow = dedupeWindow
            self.dedupeUntraced = dedupeUntraced
        }
    }

    /// What happened to one recipient's copy, with what the delivery log line needs.
    public struct Receipt: Sendable, Equatable {
        public var recipient: String
        public var team: String
        public var outcome: DeliveryOutcome
        /// The file's name in `new/`; for a duplicate, the earlier copy's name.
        public var fileName: String?
        /// Bytes stored: prepended headers plus the message.
        public var size: Int
        /// Answered from a dedupe record: no new file was written.
        public var duplicate: Bool
    }

    /// Age after which a file in tmp/ is a crash leftover (the Maildir spec's 36 hours).
    static let staleTemporaryAge: Double = 36 * 3600

    public let configuration: Configuration
    let threadPool: NIOThreadPool
    let dedupe: DedupeStore
    let trace: TraceHeaders
    let fileHost: String
    private let sequence = NIOLockedValueBox(UInt64(0))
    private let knownMaildirs = NIOLockedValueBox(Set<String>())

    /// - Parameter threadPool: started pool the blocking file calls run on; its size bounds how
    ///   many fsyncs are in flight at once. The caller owns it and shuts it down.
    public init(configuration: Configuration, threadPool: NIOThreadPool) {
        self.configuration = configuration
        self.threadPool = threadPool
        self.dedupe = DedupeStore(root: configuration.root, window: configuration.dedupeWindow)
        self.trace = TraceHeaders(hostname: configuration.hostname)
        self.fileHost = MaildirName.sanitizedHost(systemHostName())
    }

    /// A team name is one path component that is not hidden (hidden names are ours: `.switchyard`).
    public static func isValidTeam(_ team: String) -> Bool {
        !team.isEmpty && !team.hasPrefix(".") && !team.contains("/") && !team.utf8.contains(0) && team.utf8.count <= 200
    }

    /// Delivers one copy per envelope recipient, concurrently; receipts come back in RCPT order.
    public func deliver(_ message: [UInt8], envelope: Envelope, team: String) async -> [Receipt] {
        if envelope.recipients.count == 1, let only = envelope.recipients.first {
            return [await deliver(message, envelope: envelope, recipient: only.address, team: team)]
        }
        return await withTaskGroup(of: (Int, Receipt).self) { group in
            for (index, recipient) in envelope.recipients.enumerated() {
                group.addTask {
                    (index, await self.deliver(message, envelope: envelope, recipient: recipient.address, team: team))
                }
            }
            var receipts = [Receipt?](repeating: nil, count: envelope.recipients.count)
            for await (index, receipt) in group { receipts[index] = receipt }
            return receipts.compactMap { $0 }
        }
    }

    /// Delivers one recipient's copy on the thread pool.
    public func deliver(_ message: [UInt8], envelope: Envelope, recipient: String, team: String) async -> Receipt {
        do {
            return try await threadPool.runIfActive {
                self.deliverBlocking(message, envelope: envelope, recipient: recipient, team: team)
            }
        } catch {
            let outcome = DeliveryOutcome.temporaryFailure(
                code: 451, enhanced: "4.3.0", text: "Delivery is shutting down, try again later"
            )
            return Receipt(recipient: recipient, team: team, outcome: outcome, fileName: nil, size: 0, duplicate: false)
        }
    }

    /// The whole delivery of one copy, blocking the calling thread on the file system.
    func deliverBlocking(_ message: [UInt8], envelope: Envelope, recipient: String, team: String) -> Receipt {
        var receipt = Receipt(
            recipient: recipient, team: team,
            outcome: .temporaryFailure(code: 451, enhanced: "4.3.5", text: "Bad team name in configuration"),
            fileName: nil, size: 0, duplicate: false
        )
        guard Self.isValidTeam(team) else { return receipt }
        let now = wallClockNow()
        do throws(MaildirError) {
            let maildir = try ensureMaildir(team)
            guard dedupe.isEnabled, configuration.dedupeUntraced || RedeliveryKey.isTraced(message) else {
                return try store(
                    message, envelope: envelope, recipient: recipient, team: team, in: maildir, key: nil, now: now)
            }
            let key = RedeliveryKey(recipient: recipient, message: message)
            let lock = dedupe.lock(key)
            lock.lock()
            do throws(MaildirError) {
                if let target = dedupe.lookup(key, now: now), let earlier = presentCopy(target) {
                    receipt.outcome = .delivered(detail: "Already delivered as \(earlier)")
                    receipt.fileName = earlier
                    receipt.size = MaildirName.size(in: earlier) ?? 0
                    receipt.duplicate = true
                } else {
                    receipt = try store(
                        message, envelope: envelope, recipient: recipient, team: team, in: maildir, key: key, now: now)
                }
            } catch {
                lock.unlock()
                throw error
            }
            lock.unlock()
            if !receipt.duplicate { dedupe.sweepIfDue(now: now) }
            return receipt
        } catch {
            if error.code == ENOENT || error.code == ENOTDIR {
                // Something removed a directory we created earlier: make it again on the retry.
                knownMaildirs.withLockedValue { $0.removeAll() }
                dedupe.forgetShards()
            }
            receipt.outcome = error.outcome
            return receipt
        }
    }

    private func store(
        _ message: [UInt8], envelope: Envelope, recipient: String, team: String, in maildir: String,
        key: RedeliveryKey?, now: Double
    ) throws(MaildirError) -> Receipt {
        let headers = trace.render(for: envelope, recipient: recipient, date: now)
        let size = headers.count + message.count
        var attempt = 0
        while true {
            attempt += 1
            let name = MaildirName.now(sequence: nextSequence(), host: fileHost, size: size).description
            let tmpPath = maildir + "/tmp/" + name
            let newPath = maildir + "/new/" + name
            do throws(MaildirError) {
                try FileSystem.writeDurably(tmpPath, headers, message)
            } catch  where error.code == EEXIST && attempt < 3 {
                continue  // another writer in this process took the same microsecond and counter
            }
            do throws(MaildirError) {
                if let key { try dedupe.record(key, target: team + "/" + name, now: now) }
                try FileSystem.hardLink(tmpPath, newPath)
            } catch {
                FileSystem.remove(tmpPath)
                if error.code == EEXIST && attempt < 3 { continue }
                throw error
            }
            do throws(MaildirError) {
                try FileSystem.syncDirectory(maildir + "/new")
            } catch {
                // Not durable, so it will be answered 4xx and resent: leave no copy behind.
                FileSystem.remove(newPath)
                FileSystem.remove(tmpPath)
                throw error
            }
            FileSystem.remove(tmpPath)
            return Receipt(
                recipient: recipient, team: team, outcome: .delivered(detail: "Saved as \(name)"),
                fileName: name, size: size, duplicate: false
            )
        }
    }

    /// The name under which a recorded copy still exists, in `new/` or (renamed by a reader) in `cur/`.
    private func presentCopy(_ target: String) -> String? {
        guard let slash = target.firstIndex(of: "/") else { return nil }
        let team = target[..<slash]
        let name = String(target[target.index(after: slash)...])
        let maildir = configuration.root + "/" + team
        if FileSystem.exists(maildir + "/new/" + name) { return name }
        return FileSystem.entries(of: maildir + "/cur").first { MaildirName.entry($0, isMessage: name) }
    }

    /// `<root>/<team>/{tmp,new,cur}`, created (and their parents fsynced) the first time.
    private func ensureMaildir(_ team: String) throws(MaildirError) -> String {
        let maildir = configuration.root + "/" + team
        if knownMaildirs.withLockedValue({ $0.contains(team) }) { return maildir }
        try FileSystem.makeDirectories(configuration.root)
        try FileSystem.makeDirectory(maildir)
        for sub in ["tmp", "new", "cur"] { try FileSystem.makeDirectory(maildir + "/" + sub) }
        // What a crash left half-written in tmp/ is never linked; the Maildir spec (and Dovecot)
        // remove such files after 36 hours, by which time no writer can still own them.
        FileSystem.removeFiles(in: maildir + "/tmp", olderThan: Self.staleTemporaryAge, now: wallClockNow())
        knownMaildirs.withLockedValue { _ = $0.insert(team) }
        return maildir
    }

    private func nextSequence() -> UInt64 {
        sequence.withLockedValue { value in
            value += 1
            return value
        }
    }
}
