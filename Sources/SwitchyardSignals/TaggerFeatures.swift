/// Per-token views and hashed feature templates of the entity tagger. Each token's strings are
/// hashed once (FNV-1a); a feature is an integer mix of a template number and those hashes, so
/// tagging builds no strings per feature.
struct TaggerToken {
    var lower: UInt64
    var shape: UInt64
    var prefix3: UInt64
    var suffix3: UInt64
    var suffix2: UInt64
    var isTitle: Bool
    var isUpper: Bool
    var hasDigit: Bool
    var isMention: Bool

    /// `original` as written (UTF-8); `lower` normalised (the tokenizer's case folding, or its placeholder).
    init<Original: Collection<UInt8>>(original: Original, lower: String) {
        // One pass over `lower`'s UTF-8: its hash, and its first and last three scalars for the affixes.
        var hash = TaggerFeatures.offsetBasis
        var prefix = TaggerFeatures.offsetBasis
        var count = 0
        var tail = (UInt64(0), UInt64(0), UInt64(0))
        var scalar: UInt32 = 0
        var pending = 0
        for b in lower.utf8 {
            hash = TaggerFeatures.mix(hash, UInt64(b))
            if b < 0x80 {
                scalar = UInt32(b)
            } else if b >= 0xC0 {
                scalar = UInt32(b & (b >= 0xF0 ? 0x07 : b >= 0xE0 ? 0x0F : 0x1F))
                pending = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1
                continue
            } else {
                scalar = scalar << 6 | UInt32(b & 0x3F)
                pending -= 1
                if pending > 0 { continue }
            }
            if count < 3 { prefix = TaggerFeatures.mix(prefix, UInt64(scalar)) }
            tail = (tail.1, tail.2, UInt64(scalar))
            count += 1
        }
        self.lower = hash
        prefix3 = prefix
        let basis = TaggerFeatures.offsetBasis
        suffix2 = count >= 2 ? TaggerFeatures.mix(TaggerFeatures.mix(basis, tail.1), tail.2)
            : count == 1 ? TaggerFeatures.mix(basis, tail.2) : basis
        suffix3 = count >= 3
            ? TaggerFeatures.mix(TaggerFeatures.mix(TaggerFeatures.mix(basis, tail.0), tail.1), tail.2) : suffix2
        var shape = TaggerFeatures.offsetBasis
        var last: UInt64 = 0
        var letters = 0
        var uppers = 0
        var digit = false
        var firstUpper = false
        var first = true
        for b in original where b < 0x80 || b >= 0xC0 {  // one step per scalar, ASCII classes exact
            let c: UInt64
            if ByteText.isUpper(b) {
                c = 0x58  // X
                uppers += 1
                letters += 1
                if first { firstUpper = true }
            } else if ByteText.isLower(b) || b >= 0xC0 {
                c = 0x78  // x (non-ASCII letters count as lowercase: mail names are rarely non-ASCII capitals)
                letters += 1
            } else if ByteText.isDigit(b) {
                c = 0x64  // d
                digit = true
            } else {
                c = UInt64(b)
            }
            if c != last { shape = TaggerFeatures.mix(shape, c) }
            last = c
            first = false
        }
        self.shape = shape
        isUpper = letters >= 2 && uppers == letters
        isTitle = uppers == 1 && firstUpper
        hasDigit = digit
        isMention = original.first == 0x40 || original.first == 0x23
    }
}

enum TaggerFeatures {
    static let offsetBasis: UInt64 = 14_695_981_039_346_656_037
    static let prime: UInt64 = 1_099_511_628_211
    static let start = hash("<s>".utf8)
    static let end = hash("</s>".utf8)
    static let flagTitle = hash("title".utf8)
    static let flagUpper = hash("upper".utf8)
    static let flagDigit = hash("digit".utf8)
    static let flagMention = hash("mention".utf8)
    static let flagFirst = hash("first".utf8)

    @inline(__always) static func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 { (hash ^ value) &* prime }

    static func hash(_ bytes: String.UTF8View) -> UInt64 {
        var h = offsetBasis
        for b in bytes { h = mix(h, UInt64(b)) }
        return h
    }

    /// A feature key: template number and up to three value hashes, finished with a splitmix step.
    @inline(__always) static func key(_ template: UInt64, _ a: UInt64 = 0, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt64 {
        var h = mix(mix(mix(mix(offsetBasis, template), a), b), c)
        h ^= h >> 31
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        return h == 0 ? 1 : h  // 0 marks an empty slot in the weight table
    }

    /// Calls `body` with each feature key of token `i`, given the hashes of the two tags before it.
    @inline(__always) static func visit(
        _ tokens: UnsafeBufferPointer<TaggerToken>, _ i: Int, previous: UInt64, previous2: UInt64,
        _ body: (UInt64) -> Void
    ) {
        let t = tokens[i]
        let n = tokens.count
        @inline(__always) func lower(_ j: Int) -> UInt64 { j < 0 ? start : j >= n ? end : tokens[j].lower }
        @inline(__always) func shape(_ j: Int) -> UInt64 { j < 0 ? start : j >= n ? end : tokens[j].shape }
        body(key(0))
        body(key(1, t.lower))
        body(key(2, t.prefix3))
        body(key(3, t.suffix3))
        body(key(4, t.shape))
        body(key(15, t.suffix2))
        body(key(6, lower(i - 1)))
        body(key(7, lower(i + 1)))
        body(key(8, lower(i - 2)))
        body(key(9, lower(i + 2)))
        body(key(10, shape(i - 1)))
        body(key(11, shape(i + 1)))
        body(key(12, previous))
        body(key(13, previous2, previous))
        body(key(20, shape(i - 1), t.shape, shape(i + 1)))
        if t.isTitle { body(key(5, flagTitle)) }
        if t.isUpper { body(key(5, flagUpper)) }
        if t.hasDigit { body(key(5, flagDigit)) }
        if t.isMention { body(key(5, flagMention)) }
        if i == 0 { body(key(17, flagFirst, t.shape)) }
    }
}
