internal import NIOConcurrencyHelpers

/// Durable records of "this message already went to this recipient, as that Maildir file", so a
/// resend within the window is answered 250 without a second copy -- also after a crash.
///
/// One small file per record at `<root>/.switchyard/dedupe/<2 hex>/<64 hex>`, holding
/// "<epoch seconds> <team>/<file name>". The writer makes the record durable *before* it links
/// the message into `new/`, so whatever a crash leaves in `new/` has its record; a record whose
/// file is gone (crash before the link, or the reader deleted it) simply means "deliver again".
final class DedupeStore: Sendable {
    let directory: String
    /// Seconds a record counts; 0 disables dedupe.
    let window: Double
    /// Deliveries of the same key are serialised; 64 stripes keep unrelated keys apart.
    private let stripes: [NIOLock]
    private let knownShards = NIOLockedValueBox(Set<String>())
    private let recordCount = NIOLockedValueBox(UInt64(0))
    /// A sweep of one shard (of 256) every this many records bounds the garbage.
    static let sweepEvery: UInt64 = 32

    init(root: String, window: Double) {
        self.directory = root + "/.switchyard/dedupe"
        self.window = window
        self.stripes = (0..<64).map { _ in NIOLock() }
    }

    var isEnabled: Bool { window > 0 }

    func lock(_ key: RedeliveryKey) -> NIOLock { stripes[Int(key.digest[0]) % stripes.count] }

    private func shard(_ hex: String) -> String { directory + "/" + hex.prefix(2) }

    /// The "<team>/<file>" a record names, when one exists and is younger than the window.
    /// Call with the key's lock held.
    func lookup(_ key: RedeliveryKey, now: Double) -> String? {
        let hex = key.hex
        guard let bytes = FileSystem.readSmallFile(shard(hex) + "/" + hex),
            let record = Self.parse(bytes), now - record.time <= window
        else { return nil }
        return record.target
    }

    /// Writes and fsyncs the record (and the shard directory when the file is new).
    /// Call with the key's lock held, before the message is linked into `new/`.
    func record(_ key: RedeliveryKey, target: String, now: Double) throws(MaildirError) {
        let hex = key.hex
        let shardPath = shard(hex)
        try ensureShard(shardPath)
        let path = shardPath + "/" + hex
        let content = Array("\(now) \(target)\n".utf8)
        // A record left here names a file that is gone or has expired; replace it.
        FileSystem.remove(path)
        try FileSystem.writeDurably(path, content)
        try FileSystem.syncDirectory(shardPath)
    }

    private func ensureShard(_ path: String) throws(MaildirError) {
        if knownShards.withLockedValue({ $0.contains(path) }) { return }
        try FileSystem.makeDirectories(path)
        knownShards.withLockedValue { _ = $0.insert(path) }
    }

    /// Forgets shard directories created by this process (after an ENOENT, say) so they are made again.
    func forgetShards() {
        knownShards.withLockedValue { $0.removeAll() }
    }

    /// Counts a new record and, every `sweepEvery`, removes the expired records of the next shard.
    /// Call with no key lock held: the sweep takes each record's lock in turn.
    func sweepIfDue(now: Double) {
        let count = recordCount.withLockedValue { value -> UInt64 in
            value += 1
            return value
        }
        guard count % Self.sweepEvery == 0 else { return }
        let index = Int((count / Self.sweepEvery) % 256)
        let digits = Array("0123456789abcdef".utf8)
        let name = String(decoding: [digits[index >> 4], digits[index & 0x0f]], as: UTF8.self)
        sweep(shard: directory + "/" + name, now: now)
    }

    func sweep(shard path: String, now: Double) {
        for entry in FileSystem.entries(of: path) {
            guard entry.utf8.count == 64, let first = UInt8(entry.prefix(2), radix: 16) else { continue }
            let lock = stripes[Int(first) % stripes.count]
            lock.withLock {
                let file = path + "/" + entry
                guard let bytes = FileSystem.readSmallFile(file), let record = Self.parse(bytes) else { return }
                if now - record.time > window { FileSystem.remove(file) }
            }
        }
    }

    static func parse(_ bytes: [UInt8]) -> (time: Double, target: String)? {
        guard bytes.last == UInt8(ascii: "\n"), let space = bytes.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        guard let time = Double(String(decoding: bytes[..<space], as: UTF8.self)) else { return nil }
        let target = String(decoding: bytes[(space + 1)..<(bytes.count - 1)], as: UTF8.self)
        guard target.contains("/") else { return nil }
        return (time, target)
    }
}
