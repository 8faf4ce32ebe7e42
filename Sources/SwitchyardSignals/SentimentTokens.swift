internal import SwitchyardText

/// A word or emoticon as the sentiment rules see it, built from a `TokenScan`, with its lexicon
/// entry and rule role looked up once. Small (32 bytes): a text has one per token, and most are
/// plain words that only take up a place in the rules' three-word windows.
struct SentimentToken {
    /// What the rules ask of a token without looking its facts up.
    struct Flags: OptionSet {
        var rawValue: UInt8
        /// Two or more letters, all capitals.
        static let shouted = Flags(rawValue: 1 << 0)
        /// Punctuation (, ; : . ! ?) after this token ends the clause: negation and boosters stop here.
        static let endsClause = Flags(rawValue: 1 << 1)
        /// . ! ? or a line break after this token ends the sentence: contrast scope stops here.
        static let endsSentence = Flags(rawValue: 1 << 2)
        /// A negator: listed, or by prefix ("keine") or the n't suffix.
        static let negation = Flags(rawValue: 1 << 3)
        static let trailingNegation = Flags(rawValue: 1 << 4)
        static let contrast = Flags(rawValue: 1 << 5)
        /// An anger word or an angry emoticon or emoji.
        static let anger = Flags(rawValue: 1 << 6)
        /// An intensifier or dampener (its step is in the table's facts).
        static let booster = Flags(rawValue: 1 << 7)
    }

    /// UTF-8 range in the analysed text (the evidence text is built only for reported words).
    var range: Range<Int>
    /// Index of a word's facts in its language's `SentimentTable`; -1 when it has none and for symbols.
    var facts: Int32
    /// Index of the emoticon or emoji in `SentimentTokens.symbols`; -1 for words.
    var symbol: Int32
    var flags: Flags

    /// An emoticon or emoji rather than a word.
    var isSymbol: Bool { symbol >= 0 }
}

/// An emoticon or emoji of a text: its text (emoji without U+FE0F) and lexicon entry.
struct SentimentSymbol {
    var text: String
    var entry: SentimentLexicon.Entry?
}

/// The sentiment tokens of one text, with its few emoticons and emoji.
struct SentimentTokens {
    var tokens: [SentimentToken] = []
    var symbols: [SentimentSymbol] = []
}

/// Turns tokenizer output into sentiment tokens. ICU splits ":-(" into three punctuation marks,
/// so runs of touching punctuation/symbols are rejoined and looked up as emoticons first.
struct SentimentTokenizer: Sendable {
    var table: SentimentTable
    /// Normalised prefixes that make a word a negator ("kein").
    var negationPrefixes: [[UInt8]]
    /// Bit b (of 256) set when some negation prefix starts with byte b, or every bit when one is
    /// empty: most words start with no such byte and skip the prefix tests.
    private var negationStarts: [UInt64]
    var lexicon: SentimentLexicon

    init(tokenizer: Tokenizer, rules: SentimentRules, lexicon: SentimentLexicon) {
        self.lexicon = lexicon
        table = SentimentTable(lexicon: lexicon, roles: rules.roleTable(tokenizer), angryEmoticons: Emoticons.angry)
        negationPrefixes = rules.negationPrefixes.map { Array(tokenizer.normalize($0).utf8) }
        var starts = [UInt64](repeating: 0, count: 4)
        for prefix in negationPrefixes {
            if let first = prefix.first {
                starts[Int(first >> 6)] |= 1 << (first & 63)
            } else {
                starts = [UInt64](repeating: .max, count: 4)
            }
        }
        negationStarts = starts
    }

    /// From a scan of `bytes` (offsets into them).
    func tokens(_ scan: TokenScan, _ bytes: UnsafeBufferPointer<UInt8>) -> SentimentTokens {
        var result = SentimentTokens()
        result.tokens.reserveCapacity(scan.items.count)
        var index = 0
        var previousEnd = 0
        scan.items.withUnsafeBufferPointer { items in
            scan.text.withUnsafeBufferPointer { texts in
                while index < items.count {
                    let item = items[index]
                    let range = item.range
                    if range.lowerBound > previousEnd, !result.tokens.isEmpty,
                        Self.containsNewline(bytes, previousEnd..<min(range.lowerBound, bytes.count))
                    {
                        result.tokens[result.tokens.count - 1].flags.formUnion([.endsClause, .endsSentence])
                    }
                    switch item.kind {
                    case .punctuation, .symbol:
                        var end = index
                        while end + 1 < items.count,
                            items[end + 1].kind == .punctuation || items[end + 1].kind == .symbol,
                            items[end + 1].range.lowerBound == items[end].range.upperBound
                        {
                            end += 1
                        }
                        let runRange = range.lowerBound..<items[end].range.upperBound
                        if !(end > index || runRange.count > 1) || !emoticon(runRange, bytes, into: &result) {
                            if !result.tokens.isEmpty { Self.markClauseEnds(bytes, runRange, &result.tokens) }
                        }
                        previousEnd = runRange.upperBound
                        index = end + 1
                        continue
                    case .emoji:
                        let text = String(decoding: texts[item.textRange], as: UTF8.self)
                        let emoji = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value != 0xFE0F }))
                        append(symbol: emoji, range, nil, angry: Emoticons.angry.contains(emoji), into: &result)
                    default:
                        result.tokens.append(word(range, UnsafeBufferPointer(rebasing: texts[item.textRange]), bytes))
                    }
                    previousEnd = range.upperBound
                    index += 1
                }
            }
        }
        return result
    }

    /// Looks a run of touching punctuation up as an emoticon; true when it was one and was appended.
    /// ASCII runs use the byte table; others go through the `String` tables, since only ASCII
    /// makes byte equality the same as `String` equality for text that was not normalised.
    private func emoticon(
        _ runRange: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, into result: inout SentimentTokens
    )
        -> Bool
    {
        let run = UnsafeBufferPointer(rebasing: bytes[runRange])
        if !run.contains(where: { $0 >= 0x80 }) {
            guard let facts = table.facts(run), facts.entry != nil || facts.angryEmoticon else { return false }
            append(
                symbol: String(decoding: run, as: UTF8.self), runRange, facts.entry, angry: facts.angryEmoticon,
                into: &result)
            return true
        }
        let text = String(decoding: run, as: UTF8.self)
        let angry = Emoticons.angry.contains(text)
        if let entry = lexicon.entry(text) {
            append(symbol: text, runRange, entry, angry: angry, into: &result)
        } else if angry {
            append(symbol: text, runRange, nil, angry: true, into: &result)
        } else {
            return false
        }
        return true
    }

    @inline(__always)
    private func word(_ range: Range<Int>, _ folded: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>)
        -> SentimentToken
    {
        var flags: SentimentToken.Flags = Self.isShouted(bytes, range) ? .shouted : []
        let facts = table.index(of: folded)
        if facts >= 0 {
            let role = table.facts(at: facts).role
            if role.negation { flags.insert(.negation) }
            if role.trailingNegation { flags.insert(.trailingNegation) }
            if role.contrast { flags.insert(.contrast) }
            if role.anger { flags.insert(.anger) }
            if role.booster != 0 { flags.insert(.booster) }
        }
        if !flags.contains(.negation),
            (folded.isEmpty || startsNegation(folded[0])) && hasNegationPrefix(folded)
                || Self.endsInNegatedContraction(folded)
        {
            flags.insert(.negation)
        }
        return SentimentToken(range: range, facts: Int32(truncatingIfNeeded: facts), symbol: -1, flags: flags)
    }

    /// Two or more ASCII capitals and no ASCII lowercase or non-ASCII byte; most words show a
    /// lowercase letter within their first two bytes.
    @inline(__always)
    private static func isShouted(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var capitals = 0
        for k in range {
            let b = bytes[k]
            if ByteText.isUpper(b) {
                capitals += 1
            } else if ByteText.isLower(b) || b >= 0x80 {
                return false
            }
        }
        return capitals >= 2
    }

    @inline(__always)
    private func startsNegation(_ byte: UInt8) -> Bool {
        negationStarts[Int(byte >> 6)] >> (byte & 63) & 1 != 0
    }

    /// `String.hasPrefix` on bytes: the same answer unless a non-ASCII character follows the prefix
    /// (it might combine with the prefix's last letter), which is left to `String`.
    private func hasNegationPrefix(_ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        for prefix in negationPrefixes where folded.count >= prefix.count {
            let matches = prefix.withUnsafeBufferPointer {
                SentimentTable.equal(UnsafeBufferPointer(rebasing: folded[..<prefix.count]), $0)
            }
            guard matches else { continue }
            if folded.count == prefix.count || folded[prefix.count] < 0x80 { return true }
            let text = String(decoding: folded, as: UTF8.self)
            if text.hasPrefix(String(decoding: prefix, as: UTF8.self)) { return true }
        }
        return false
    }

    /// `hasSuffix("n't")` on bytes; a non-ASCII character before it goes to `String` (a prepended
    /// mark would join the "n" into one character).
    @inline(__always)
    private static func endsInNegatedContraction(_ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = folded.count
        guard n >= 3, folded[n - 1] == UInt8(ascii: "t"), folded[n - 2] == UInt8(ascii: "'"),
            folded[n - 3] == UInt8(ascii: "n")
        else { return false }
        if n == 3 || folded[n - 4] < 0x80 { return true }
        return String(decoding: folded, as: UTF8.self).hasSuffix("n't")
    }

    private static func containsNewline(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for k in range where bytes[k] == 0x0A { return true }
        return false
    }

    private static func markClauseEnds(
        _ bytes: UnsafeBufferPointer<UInt8>, _ runRange: Range<Int>, _ tokens: inout [SentimentToken]
    ) {
        let last = tokens.count - 1
        for k in runRange {
            let b = bytes[k]
            if b == 0x2C || b == 0x3B || b == 0x3A { tokens[last].flags.insert(.endsClause) }
            if b == 0x2E || b == 0x21 || b == 0x3F { tokens[last].flags.formUnion([.endsClause, .endsSentence]) }
        }
    }

    private func append(
        symbol text: String, _ range: Range<Int>, _ entry: SentimentLexicon.Entry?, angry: Bool,
        into result: inout SentimentTokens
    ) {
        result.tokens.append(
            SentimentToken(
                range: range, facts: -1, symbol: Int32(result.symbols.count), flags: angry ? .anger : []))
        result.symbols.append(SentimentSymbol(text: text, entry: entry))
    }
}
