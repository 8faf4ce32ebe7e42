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

    /// `original` as written; `lower` normalised (the tokenizer's case folding, or its placeholder).
    init(original: String, lower: String) {
        self.lower = TaggerFeatures.hash(lower.utf8)
        let scalars = lower.unicodeScalars
        let count = scalars.count
        var prefix = TaggerFeatures.offsetBasis
        var suffix3 = TaggerFeatures.offsetBasis
        var suffix2 = TaggerFeatures.offsetBasis
        for (index, scalar) in scalars.enumerated() {
            let value = UInt64(scalar.value)
            if index < 3 { prefix = TaggerFeatures.mix(prefix, value) }
            if index >= count - 3 { suffix3 = TaggerFeatures.mix(suffix3, value) }
            if index >= count - 2 { suffix2 = TaggerFeatures.mix(suffix2, value) }
        }
        prefix3 = prefix
        self.suffix3 = suffix3
        self.suffix2 = suffix2
        var shape = TaggerFeatures.offsetBasis
        var last: UInt64 = 0
        var letters = 0
        var uppers = 0
        var digit = false
        var firstUpper = false
        var first = true
        for b in original.utf8 where b < 0x80 || b >= 0xC0 {  // one step per scalar, ASCII classes exact
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
        isMention = original.utf8.first == 0x40 || original.utf8.first == 0x23
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

    /// Feature keys of token `i` into `out` (cleared first), given the hashes of the two tags before it.
    static func features(
        _ tokens: [TaggerToken], _ i: Int, previous: UInt64, previous2: UInt64, into out: inout [UInt64]
    ) {
        out.removeAll(keepingCapacity: true)
        let t = tokens[i]
        @inline(__always) func lower(_ j: Int) -> UInt64 { j < 0 ? start : j >= tokens.count ? end : tokens[j].lower }
        @inline(__always) func shape(_ j: Int) -> UInt64 { j < 0 ? start : j >= tokens.count ? end : tokens[j].shape }
        out.append(key(0))
        out.append(key(1, t.lower))
        out.append(key(2, t.prefix3))
        out.append(key(3, t.suffix3))
        out.append(key(4, t.shape))
        out.append(key(15, t.suffix2))
        out.append(key(6, lower(i - 1)))
        out.append(key(7, lower(i + 1)))
        out.append(key(8, lower(i - 2)))
        out.append(key(9, lower(i + 2)))
        out.append(key(10, shape(i - 1)))
        out.append(key(11, shape(i + 1)))
        out.append(key(12, previous))
        out.append(key(13, previous2, previous))
        out.append(key(20, shape(i - 1), t.shape, shape(i + 1)))
        if t.isTitle { out.append(key(5, flagTitle)) }
        if t.isUpper { out.append(key(5, flagUpper)) }
        if t.hasDigit { out.append(key(5, flagDigit)) }
        if t.isMention { out.append(key(5, flagMention)) }
        if i == 0 { out.append(key(17, flagFirst, t.shape)) }
    }
}
