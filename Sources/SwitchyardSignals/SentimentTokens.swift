internal import SwitchyardText

/// A word or emoticon as the sentiment rules see it, built from a `TokenScan`, with its lexicon
/// entry and rule role looked up once.
struct SentimentToken {
    /// UTF-8 range in the analysed text (the evidence text is built only for contributing words).
    var range: Range<Int>
    /// Index of the emoticon's or emoji's text in `SentimentTokens.symbols` (emoji without
    /// U+FE0F); -1 for words, whose text is never needed as a `String` unless they contribute.
    var symbol: Int32
    /// Two or more letters, all capitals.
    var isShouted: Bool
    /// Punctuation (, ; : . ! ?) after this token ends the clause: negation and boosters stop here.
    var endsClause: Bool
    /// . ! ? or a line break after this token ends the sentence: contrast scope stops here.
    var endsSentence: Bool
    var entry: SentimentLexicon.Entry?
    var role: WordRole

    /// An emoticon or emoji rather than a word.
    var isSymbol: Bool { symbol >= 0 }
}

/// The sentiment tokens of one text, with the texts of its few emoticons and emoji.
struct SentimentTokens {
    var tokens: [SentimentToken] = []
    var symbols: [String] = []
}

/// Turns tokenizer output into sentiment tokens. ICU splits ":-(" into three punctuation marks,
/// so runs of touching punctuation/symbols are rejoined and looked up as emoticons first.
struct SentimentTokenizer: Sendable {
    var table: SentimentTable
    /// Normalised prefixes that make a word a negator ("kein").
    var negationPrefixes: [[UInt8]]
    var lexicon: SentimentLexicon

    init(tokenizer: Tokenizer, rules: SentimentRules, lexicon: SentimentLexicon) {
        self.lexicon = lexicon
        table = SentimentTable(lexicon: lexicon, roles: rules.roleTable(tokenizer), angryEmoticons: Emoticons.angry)
        negationPrefixes = rules.negationPrefixes.map { Array(tokenizer.normalize($0).utf8) }
    }

    /// From a scan of `bytes` (offsets into them).
    func tokens(_ scan: TokenScan, _ bytes: UnsafeBufferPointer<UInt8>) -> SentimentTokens {
        var result = SentimentTokens()
        result.tokens.reserveCapacity(scan.items.count)
        let items = scan.items
        var index = 0
        var previousEnd = 0
        scan.text.withUnsafeBufferPointer { texts in
            while index < items.count {
                let item = items[index]
                let range = item.range
                if range.lowerBound > previousEnd, !result.tokens.isEmpty,
                    Self.containsNewline(bytes, previousEnd..<min(range.lowerBound, bytes.count))
                {
                    result.tokens[result.tokens.count - 1].endsClause = true
                    result.tokens[result.tokens.count - 1].endsSentence = true
                }
                switch item.kind {
                case .punctuation, .symbol:
                    var end = index
                    while end + 1 < items.count, items[end + 1].kind == .punctuation || items[end + 1].kind == .symbol,
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

    private func word(_ range: Range<Int>, _ folded: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>)
        -> SentimentToken
    {
        var letters = 0
        var lower = false
        for b in UnsafeBufferPointer(rebasing: bytes[range]) {
            if ByteText.isUpper(b) { letters += 1 } else if ByteText.isLower(b) || b >= 0x80 { lower = true }
        }
        let facts = table.facts(folded)
        var role = facts?.role ?? WordRole()
        if !role.negation, hasNegationPrefix(folded) || Self.endsInNegatedContraction(folded) {
            role.negation = true
        }
        return SentimentToken(
            range: range, symbol: -1, isShouted: letters >= 2 && !lower, endsClause: false, endsSentence: false,
            entry: facts?.entry, role: role)
    }

    /// `String.hasPrefix` on bytes: the same answer unless a non-ASCII character follows the prefix
    /// (it might combine with the prefix's last letter), which is left to `String`.
    private func hasNegationPrefix(_ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        for prefix in negationPrefixes where folded.count >= prefix.count {
            guard folded.starts(with: prefix) else { continue }
            if folded.count == prefix.count || folded[prefix.count] < 0x80 { return true }
            let text = String(decoding: folded, as: UTF8.self)
            if text.hasPrefix(String(decoding: prefix, as: UTF8.self)) { return true }
        }
        return false
    }

    /// `hasSuffix("n't")` on bytes; a non-ASCII character before it goes to `String` (a prepended
    /// mark would join the "n" into one character).
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
            if b == 0x2C || b == 0x3B || b == 0x3A { tokens[last].endsClause = true }
            if b == 0x2E || b == 0x21 || b == 0x3F {
                tokens[last].endsClause = true
                tokens[last].endsSentence = true
            }
        }
    }

    private func append(
        symbol text: String, _ range: Range<Int>, _ entry: SentimentLexicon.Entry?, angry: Bool,
        into result: inout SentimentTokens
    ) {
        var role = WordRole()
        role.anger = angry
        result.tokens.append(
            SentimentToken(
                range: range, symbol: Int32(result.symbols.count), isShouted: false, endsClause: false,
                endsSentence: false, entry: entry, role: role))
        result.symbols.append(text)
    }
}
