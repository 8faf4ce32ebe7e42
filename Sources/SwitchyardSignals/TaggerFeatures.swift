/// Per-token views and hashed feature templates of the entity tagger. Each token's strings are
/// hashed once (FNV-1a); a feature is an integer mix of a template number and those hashes, so
/// tagging builds no strings per feature.
struct TaggerToken {
    var lower: UInt64
    /// Character classes (X x d, other bytes as themselves) with runs collapsed, and uncollapsed
    /// for the first eight characters.
    var shape: UInt64
    var longShape: UInt64
    /// Hashes of the first and last 1...4 scalars of `lower` (all of them when it is shorter).
    var prefixes: (UInt64, UInt64, UInt64, UInt64)
    var suffixes: (UInt64, UInt64, UInt64, UInt64)
    var flags: UInt8

    static let title: UInt8 = 1
    static let upper: UInt8 = 2
    static let digit: UInt8 = 4
    static let mention: UInt8 = 8
    static let hashtag: UInt8 = 16
    static let hyphen: UInt8 = 32

    /// `original` as written (UTF-8); `lower` normalised (the tokenizer's case folding, or its placeholder).
    init<Original: Collection<UInt8>>(original: Original, lower: String) {
        // One pass over `lower`'s UTF-8: its hash, and its first and last four scalars for the affixes.
        var hash = TaggerFeatures.offsetBasis
        var head = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var tail = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var count = 0
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
            let value = UInt64(scalar)
            switch count {
            case 0: head.0 = value
            case 1: head.1 = value
            case 2: head.2 = value
            case 3: head.3 = value
            default: break
            }
            tail = (tail.1, tail.2, tail.3, value)
            count += 1
        }
        self.lower = hash
        let m = TaggerFeatures.mix
        let p1 = m(TaggerFeatures.offsetBasis, head.0)
        let p2 = count >= 2 ? m(p1, head.1) : p1
        let p3 = count >= 3 ? m(p2, head.2) : p2
        prefixes = (p1, p2, p3, count >= 4 ? m(p3, head.3) : p3)
        let basis = TaggerFeatures.offsetBasis
        let s1 = m(basis, tail.3)
        let s2 = count >= 2 ? m(m(basis, tail.2), tail.3) : s1
        let s3 = count >= 3 ? m(m(m(basis, tail.1), tail.2), tail.3) : s2
        let s4 = count >= 4 ? m(m(m(m(basis, tail.0), tail.1), tail.2), tail.3) : s3
        suffixes = (s1, s2, s3, s4)
        var shape = basis
        var longShape = basis
        var last: UInt64 = 0
        var letters = 0
        var uppers = 0
        var characters = 0
        var flags: UInt8 = 0
        var firstUpper = false
        for b in original where b < 0x80 || b >= 0xC0 {  // one step per scalar, ASCII classes exact
            let c: UInt64
            if ByteText.isUpper(b) {
                c = 0x58  // X
                uppers += 1
                letters += 1
                if characters == 0 { firstUpper = true }
            } else if ByteText.isLower(b) || b >= 0xC0 {
                c = 0x78  // x (non-ASCII letters count as lowercase: mail names are rarely non-ASCII capitals)
                letters += 1
            } else if ByteText.isDigit(b) {
                c = 0x64  // d
                flags |= Self.digit
            } else {
                c = UInt64(b)
                if b == 0x2D { flags |= Self.hyphen }
            }
            if c != last { shape = m(shape, c) }
            if characters < 8 { longShape = m(longShape, c) }
            last = c
            characters += 1
        }
        self.shape = shape
        self.longShape = longShape
        if letters >= 2 && uppers == letters { flags |= Self.upper }
        if uppers == 1 && firstUpper { flags |= Self.title }
        if original.first == 0x40 { flags |= Self.mention }
        if original.first == 0x23 { flags |= Self.hashtag }
        self.flags = flags
    }
}

/// Hashing and the feature templates. Templates beyond the base set are switched by the bits of a
/// mask the model file records, so a model is always read with the templates it was trained with.
enum TaggerFeatures {
    static let offsetBasis: UInt64 = 14_695_981_039_346_656_037
    static let prime: UInt64 = 1_099_511_628_211
    static let start = hash("<s>".utf8)
    static let end = hash("</s>".utf8)

    /// Template groups (mask bits).
    static let affixes: UInt64 = 1  // prefixes and suffixes of length 1, 2 and 4 (3 is in the base set)
    static let wideShape: UInt64 = 2  // uncollapsed shape, and hashtag/mention/hyphen flags
    static let wordBigrams: UInt64 = 4  // (word i-1, word i) and (word i, word i+1)
    static let contextShape: UInt64 = 8  // (word i-1, shape i) and (shape i, word i+1)
    static let neighbourSuffixes: UInt64 = 16  // 3-suffix of words i-1 and i+1
    static let allGroups: UInt64 = 31
    /// Not a template: decoding allows I-x only after B-x or I-x.
    static let bioConstraint: UInt64 = 64

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

    /// The transition feature: label `previous` (its hash, or `start`) before the scored label.
    @inline(__always) static func transition(_ previous: UInt64) -> UInt64 { key(12, previous) }

    /// Calls `body` with each emission (label-independent) feature key of token `i`.
    @inline(__always) static func visit(
        _ tokens: UnsafeBufferPointer<TaggerToken>, _ i: Int, mask: UInt64, _ body: (UInt64) -> Void
    ) {
        let t = tokens[i]
        let n = tokens.count
        @inline(__always) func lower(_ j: Int) -> UInt64 { j < 0 ? start : j >= n ? end : tokens[j].lower }
        @inline(__always) func shape(_ j: Int) -> UInt64 { j < 0 ? start : j >= n ? end : tokens[j].shape }
        @inline(__always) func suffix(_ j: Int) -> UInt64 { j < 0 ? start : j >= n ? end : tokens[j].suffixes.2 }
        body(key(0))
        body(key(1, t.lower))
        body(key(2, t.prefixes.2))
        body(key(3, t.suffixes.2))
        body(key(4, t.shape))
        body(key(15, t.suffixes.1))
        body(key(6, lower(i - 1)))
        body(key(7, lower(i + 1)))
        body(key(8, lower(i - 2)))
        body(key(9, lower(i + 2)))
        body(key(10, shape(i - 1)))
        body(key(11, shape(i + 1)))
        body(key(20, shape(i - 1), t.shape, shape(i + 1)))
        var flags = t.flags & (mask & wideShape != 0 ? 0xFF : 0x0F)
        while flags != 0 {
            body(key(5, UInt64(flags & (~flags &+ 1))))  // one feature per set flag
            flags &= flags &- 1
        }
        if i == 0 { body(key(17, t.shape)) }
        if mask & affixes != 0 {
            body(key(21, t.prefixes.0))
            body(key(22, t.prefixes.1))
            body(key(23, t.prefixes.3))
            body(key(24, t.suffixes.0))
            body(key(25, t.suffixes.3))
        }
        if mask & wideShape != 0 { body(key(26, t.longShape)) }
        if mask & wordBigrams != 0 {
            body(key(27, lower(i - 1), t.lower))
            body(key(28, t.lower, lower(i + 1)))
        }
        if mask & contextShape != 0 {
            body(key(29, lower(i - 1), t.shape))
            body(key(30, t.shape, lower(i + 1)))
        }
        if mask & neighbourSuffixes != 0 {
            body(key(31, suffix(i - 1)))
            body(key(32, suffix(i + 1)))
        }
    }
}
