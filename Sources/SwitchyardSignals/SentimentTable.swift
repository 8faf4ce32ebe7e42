/// What the sentiment rules know about one token text: its lexicon entry, its role as a rule word,
/// and whether it is an angry emoticon.
struct SentimentFacts: Sendable {
    var entry: SentimentLexicon.Entry?
    var role = WordRole()
    /// Listed in `Emoticons.angry` (looked up for runs of punctuation, never for words).
    var angryEmoticon = false
}

/// One language's lexicon entries and rule words keyed by the bytes of the normalised token text,
/// built once per analyzer: a lookup hashes the token's bytes in place (FNV-1a) and compares bytes,
/// where a `[String: …]` lookup would need a `String` per token and two SipHash passes.
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
            let hash = key.utf8.withContiguousStorageIfAvailable { Self.hash($0) } ?? Self.hash(Array(key.utf8))
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
        let hash = Self.hash(key)
        let tag = hash >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return nil }
            if value >> 32 == tag {
                let index = Int(value & 0xFFFF_FFFF) - 1
                let start = Int(keyBounds[index])
                if Int(keyBounds[index + 1]) - start == key.count,
                    key.elementsEqual(keyBytes[start..<start + key.count])
                {
                    return facts[index]
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// FNV-1a, 64-bit: a few instructions per byte, enough spread for short words.
    @inline(__always)
    static func hash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
