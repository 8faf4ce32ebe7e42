/// What the sentiment rules know about one token text: its lexicon entry, its role as a rule word,
/// and whether it is an angry emoticon.
struct SentimentFacts: Sendable {
    var entry: SentimentLexicon.Entry?
    var role = WordRole()
    /// Listed in `Emoticons.angry` (looked up for runs of punctuation, never for words).
    var angryEmoticon = false
}

/// One language's lexicon entries and rule words keyed by the bytes of the normalised token text,
/// built once per analyzer: a lookup hashes the token's bytes in place and compares bytes, where a
/// `[String: …]` lookup would need a `String` per token and two SipHash passes.
///
/// Byte equality stands in for `String`'s canonical equivalence because both sides are NFC: keys
/// are stored as the tokenizer normalises words (`SentimentTests` checks the shipped lexicons), and
/// token texts come out of the same normalisation. Callers send runs of non-ASCII punctuation, which
/// are not normalised, through the `String` tables instead.
struct SentimentTable: Sendable {
    /// Open addressing, linear probing; each slot holds the hash's high 32 bits and 1 + the index
    /// of the key, 0 when empty. At most half full.
    private let slots: [UInt64]
    private let keyBounds: [Int32]
    private let keyBytes: [UInt8]
    private let facts: [SentimentFacts]

    init(lexicon: SentimentLexicon, roles: [String: WordRole], angryEmoticons: Set<String>) {
        var merged: [String: SentimentFacts] = [:]
        for (word, entry) in lexicon.entries { merged[word, default: SentimentFacts()].entry = entry }
        for (word, role) in roles { merged[word, default: SentimentFacts()].role = role }
        for text in angryEmoticons { merged[text, default: SentimentFacts()].angryEmoticon = true }
        var capacity = 16
        while capacity < merged.count * 2 { capacity *= 2 }
        var slots = [UInt64](repeating: 0, count: capacity)
        var keyBounds: [Int32] = [0]
        var keyBytes: [UInt8] = []
        var facts: [SentimentFacts] = []
        for (key, value) in merged {
            let hash = Array(key.utf8).withUnsafeBufferPointer { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            facts.append(value)
            keyBytes.append(contentsOf: key.utf8)
            keyBounds.append(Int32(keyBytes.count))
            slots[slot] = (hash >> 32) << 32 | UInt64(facts.count)
        }
        self.slots = slots
        self.keyBounds = keyBounds
        self.keyBytes = keyBytes
        self.facts = facts
    }

    /// The facts of the token text `key`, nil when no table lists it.
    func facts(_ key: UnsafeBufferPointer<UInt8>) -> SentimentFacts? {
        let index = index(of: key)
        return index < 0 ? nil : facts[index]
    }

    /// The facts stored at `index` (from `index(of:)`).
    func facts(at index: Int) -> SentimentFacts { facts[index] }

    /// Where the facts of the token text `key` are, -1 when no table lists it.
    func index(of key: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(key)
        let tag = hash >> 32
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let value = slots[slot]
                if value == 0 { return -1 }
                if value >> 32 == tag {
                    let index = Int(value & 0xFFFF_FFFF) - 1
                    if keyEquals(index, key) { return index }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private func keyEquals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(keyBounds[index])
        guard Int(keyBounds[index + 1]) - start == key.count else { return false }
        return keyBytes.withUnsafeBufferPointer { stored in
            Self.equal(UnsafeBufferPointer(rebasing: stored[start..<start + key.count]), key)
        }
    }

    /// Byte equality of two buffers of one length, eight bytes at a time (the last word overlapping
    /// the one before it, so no byte outside either buffer is read).
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = UnsafeRawPointer(a.baseAddress), let q = UnsafeRawPointer(b.baseAddress) else {
            return a.count == b.count
        }
        return a.count == b.count && word(p, a.count) == word(q, b.count)
            && (a.count <= 8 || longTailEqual(p, q, a.count))
    }

    /// Bytes 0..<n-8 of two buffers of n > 8 bytes (`word` compared the last eight).
    private static func longTailEqual(_ p: UnsafeRawPointer, _ q: UnsafeRawPointer, _ n: Int) -> Bool {
        var k = 0
        while k + 8 < n {
            if p.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                != q.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            {
                return false
            }
            k += 8
        }
        return true
    }

    /// Up to eight bytes of `n` at `p` as one word, distinct for distinct byte strings of one length
    /// up to eight; for longer strings, the last eight bytes. Reads only inside the n bytes.
    @inline(__always)
    private static func word(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        if n >= 8 { return p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) }
        if n >= 4 {
            // Two four-byte loads that overlap when n < 8; with n fixed, that still covers every byte once.
            let low = UInt64(p.loadUnaligned(as: UInt32.self))
            let high = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return low | high << 32
        }
        if n == 0 { return 0 }
        let b = p.assumingMemoryBound(to: UInt8.self)
        return UInt64(b[0]) | UInt64(b[n >> 1]) << 8 | UInt64(b[n - 1]) << 16
    }

    /// A word-at-a-time hash of short byte strings (most tokens fit one word): each eight bytes
    /// are mixed by a 64x64->128-bit multiply folded to 64 bits, the length into the last mix.
    /// Only lookups depend on it (stored keys are hashed by it too), never an output.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        guard let p = UnsafeRawPointer(bytes.baseAddress) else { return mix(0x9E37_79B9_7F4A_7C15, 0) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var k = 0
        while k + 8 < n {
            state = mix(state ^ p.loadUnaligned(fromByteOffset: k, as: UInt64.self), 0xA076_1D64_78BD_642F)
            k += 8
        }
        return mix(state ^ word(p, n), 0xE703_7ED1_A0B4_28DB ^ UInt64(n))
    }

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
