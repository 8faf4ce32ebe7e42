internal import SwitchyardText

/// A word or emoticon as the sentiment rules see it, built from `SwitchyardText.Tokenizer` tokens,
/// with its lexicon entry and rule role looked up once.
struct SentimentToken {
    /// UTF-8 range in the analysed text (the evidence text is built only for contributing words).
    var range: Range<Int>
    /// Case-folded, for lexicon lookup (the tokenizer's normalisation); emoji without U+FE0F.
    var folded: String
    /// Two or more letters, all capitals.
    var isShouted: Bool
    /// An emoticon or emoji rather than a word.
    var isSymbol: Bool
    /// Punctuation (, ; : . ! ?) after this token ends the clause: negation and boosters stop here.
    var endsClause: Bool
    /// . ! ? or a line break after this token ends the sentence: contrast scope stops here.
    var endsSentence: Bool
    var entry: SentimentLexicon.Entry?
    var role: WordRole
}

/// Turns tokenizer output into sentiment tokens. ICU splits ":-(" into three punctuation marks,
/// so runs of touching punctuation/symbols are rejoined and looked up as emoticons first.
struct SentimentTokenizer {
    var tokenizer: Tokenizer
    var roles: [String: WordRole]
    var negationPrefixes: [String]
    var lexicon: SentimentLexicon

    func tokens(_ text: String, _ bytes: [UInt8]) -> [SentimentToken] {
        tokens(tokenizer.tokens(in: text), bytes)
    }

    /// From tokens already made of `bytes` (offsets into them).
    func tokens(_ raw: [Token], _ bytes: [UInt8]) -> [SentimentToken] {
        var result: [SentimentToken] = []
        result.reserveCapacity(raw.count)
        var index = 0
        var previousEnd = 0
        while index < raw.count {
            let token = raw[index]
            let range = token.utf8Range
            if range.lowerBound > previousEnd, !result.isEmpty,
                bytes[previousEnd..<min(range.lowerBound, bytes.count)].contains(0x0A)
            {
                result[result.count - 1].endsClause = true
                result[result.count - 1].endsSentence = true
            }
            switch token.kind {
            case .punctuation, .symbol:
                var end = index
                while end + 1 < raw.count, raw[end + 1].kind == .punctuation || raw[end + 1].kind == .symbol,
                    raw[end + 1].utf8Range.lowerBound == raw[end].utf8Range.upperBound
                {
                    end += 1
                }
                let runRange = range.lowerBound..<raw[end].utf8Range.upperBound
                let run = end > index || runRange.count > 1 ? String(decoding: bytes[runRange], as: UTF8.self) : ""
                if !run.isEmpty, let entry = lexicon.entry(run) {
                    result.append(symbol(runRange, run, entry))
                } else if !run.isEmpty, Emoticons.angry.contains(run) {
                    result.append(symbol(runRange, run, nil))
                } else if !result.isEmpty {
                    for b in bytes[runRange] {
                        if b == 0x2C || b == 0x3B || b == 0x3A { result[result.count - 1].endsClause = true }
                        if b == 0x2E || b == 0x21 || b == 0x3F {
                            result[result.count - 1].endsClause = true
                            result[result.count - 1].endsSentence = true
                        }
                    }
                }
                previousEnd = runRange.upperBound
                index = end + 1
                continue
            case .emoji:
                let emoji = String(String.UnicodeScalarView(token.text.unicodeScalars.filter { $0.value != 0xFE0F }))
                result.append(symbol(range, emoji, nil))
            default:
                var letters = 0
                var lower = false
                for b in bytes[range] {
                    if ByteText.isUpper(b) { letters += 1 } else if ByteText.isLower(b) || b >= 0x80 { lower = true }
                }
                var role = roles[token.text] ?? WordRole()
                if !role.negation,
                    negationPrefixes.contains(where: { token.text.hasPrefix($0) }) || token.text.hasSuffix("n't")
                {
                    role.negation = true
                }
                result.append(
                    SentimentToken(
                        range: range, folded: token.text, isShouted: letters >= 2 && !lower, isSymbol: false,
                        endsClause: false, endsSentence: false, entry: lexicon.entry(token.text), role: role))
            }
            previousEnd = range.upperBound
            index += 1
        }
        return result
    }

    private func symbol(_ range: Range<Int>, _ text: String, _ entry: SentimentLexicon.Entry?) -> SentimentToken {
        var role = WordRole()
        role.anger = Emoticons.angry.contains(text)
        return SentimentToken(
            range: range, folded: text, isShouted: false, isSymbol: true, endsClause: false, endsSentence: false,
            entry: entry, role: role)
    }
}
