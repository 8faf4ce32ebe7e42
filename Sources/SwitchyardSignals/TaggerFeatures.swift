/// Per-token views and hashed feature templates of the entity tagger. Features are 64-bit FNV-1a
/// hashes of (template, values): no strings are built per feature at tagging time.
struct TaggerToken {
    var lower: String
    var shape: String
    var prefix3: String
    var suffix3: String
    var suffix2: String
    var isTitle: Bool
    var isUpper: Bool
    var hasDigit: Bool
    var isMention: Bool

    /// `original` as written; `lower` normalised (the tokenizer's case folding, or its placeholder).
    init(original: String, lower: String) {
        self.lower = lower
        let scalars = Array(lower.unicodeScalars)
        prefix3 = String(String.UnicodeScalarView(scalars.prefix(3)))
        suffix3 = String(String.UnicodeScalarView(scalars.suffix(3)))
        suffix2 = String(String.UnicodeScalarView(scalars.suffix(2)))
        var shape = ""
        var last: Character = " "
        var letters = 0
        var uppers = 0
        var digit = false
        for scalar in original.unicodeScalars {
            let properties = scalar.properties
            let c: Character
            if properties.isUppercase {
                c = "X"
                uppers += 1
                letters += 1
            } else if properties.isAlphabetic {
                c = "x"
                letters += 1
            } else if ("0"..."9").contains(scalar) {
                c = "d"
                digit = true
            } else {
                c = Character(scalar)
            }
            if c != last { shape.append(c) }
            last = c
        }
        self.shape = shape
        isUpper = letters >= 2 && uppers == letters
        isTitle = uppers == 1 && original.unicodeScalars.first?.properties.isUppercase == true
        hasDigit = digit
        isMention = original.hasPrefix("@") || original.hasPrefix("#")
    }
}

enum TaggerFeatures {
    static let offsetBasis: UInt64 = 14_695_981_039_346_656_037
    static let prime: UInt64 = 1_099_511_628_211

    @inline(__always) static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* prime }

    static func hash(_ template: UInt8, _ parts: String...) -> UInt64 {
        var h = mix(offsetBasis, template)
        for part in parts {
            for b in part.utf8 { h = mix(h, b) }
            h = mix(h, 0x1F)
        }
        return h
    }

    /// Feature hashes of token `i`, given the two tags predicted before it.
    static func features(_ tokens: [TaggerToken], _ i: Int, previous: String, previous2: String) -> [UInt64] {
        let t = tokens[i]
        func lower(_ j: Int) -> String { j < 0 ? "<s>" : j >= tokens.count ? "</s>" : tokens[j].lower }
        func shape(_ j: Int) -> String { j < 0 ? "<s>" : j >= tokens.count ? "</s>" : tokens[j].shape }
        var out: [UInt64] = [
            hash(0), hash(1, t.lower), hash(2, t.prefix3), hash(3, t.suffix3), hash(4, t.shape), hash(15, t.suffix2),
            hash(6, lower(i - 1)), hash(7, lower(i + 1)), hash(8, lower(i - 2)), hash(9, lower(i + 2)),
            hash(10, shape(i - 1)), hash(11, shape(i + 1)), hash(12, previous), hash(13, previous2, previous),
            hash(14, previous, t.lower), hash(18, lower(i - 1), t.lower), hash(19, t.lower, lower(i + 1)),
            hash(20, shape(i - 1), t.shape, shape(i + 1)),
        ]
        if t.isTitle { out.append(hash(5, "title")) }
        if t.isUpper { out.append(hash(5, "upper")) }
        if t.hasDigit { out.append(hash(5, "digit")) }
        if t.isMention { out.append(hash(5, "mention")) }
        if i == 0 { out.append(hash(17, "first", t.shape)) }
        return out
    }
}
