internal import SwitchyardText

/// A word or emoticon as the sentiment rules see it, built from `SwitchyardText.Tokenizer` tokens.
struct SentimentToken {
    /// As written ("NOT", "happy", ":-(", "😡").
    var text: String
    /// Case-folded, for lexicon lookup (the tokenizer's normalisation).
    var folded: String
    /// Two or more letters, all capitals.
    var isShouted: Bool
    /// An emoticon or emoji rather than a word.
    var isSymbol: Bool
    /// Punctuation (, ; : . ! ?) after this token ends the clause: negation and boosters stop here.
    var endsClause: Bool
    /// . ! ? or a line break after this token ends the sentence: contrast scope stops here.
    var endsSentence: Bool
}

/// Turns tokenizer output into sentiment tokens. ICU splits ":-(" into three punctuation marks,
/// so runs of touching punctuation/symbols are rejoined and looked up as emoticons first.
enum SentimentTokenizer {
    static func tokens(_ text: String, _ bytes: [UInt8], tokenizer: Tokenizer, lexicon: SentimentLexicon)
        -> [SentimentToken]
    {
        var result: [SentimentToken] = []
        let raw = tokenizer.tokens(in: text)
        var index = 0
        var previousEnd = 0
        while index < raw.count {
            let token = raw[index]
            let range = token.utf8Range
            if range.lowerBound > previousEnd, bytes[previousEnd..<min(range.lowerBound, bytes.count)].contains(0x0A),
                !result.isEmpty
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
                let run = String(decoding: bytes[runRange], as: UTF8.self)
                if lexicon.entry(run) != nil || Emoticons.angry.contains(run) {
                    result.append(symbol(run))
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
                result.append(symbol(emoji))
            default:
                let original = bytes[range]
                let letters = original.filter(ByteText.isAlpha).count
                let shouted = letters >= 2 && !original.contains(where: ByteText.isLower) && !original.contains { $0 >= 0x80 }
                result.append(SentimentToken(
                    text: String(decoding: original, as: UTF8.self), folded: token.text, isShouted: shouted,
                    isSymbol: false, endsClause: false, endsSentence: false))
            }
            previousEnd = range.upperBound
            index += 1
        }
        return result
    }

    private static func symbol(_ text: String) -> SentimentToken {
        SentimentToken(text: text, folded: text, isShouted: false, isSymbol: true, endsClause: false, endsSentence: false)
    }
}
