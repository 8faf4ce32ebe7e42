/// A whitespace-delimited word for sentiment, VADER's convention: emoticons survive as tokens
/// (a word tokenizer would drop ":-(" and "!!!"), surrounding punctuation is stripped.
struct SentimentToken {
    /// As written, without surrounding punctuation ("NOT", "happy", ":-(", "😡").
    var text: String
    /// Lowercased for lexicon lookup.
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

enum SentimentTokenizer {
    private static let trimmable: Set<UInt8> = Set(Array("\"'()[]{}<>.,;:!?*_~`|/\\-".utf8))
    private static let unicodePunctuation: [[UInt8]] = ["“", "”", "„", "‚", "‘", "’", "«", "»", "…", "–", "—"].map {
        Array($0.utf8)
    }

    static func tokens(_ bytes: [UInt8], lexicon: SentimentLexicon) -> [SentimentToken] {
        var tokens: [SentimentToken] = []
        var index = 0
        let count = bytes.count
        while index < count {
            if ByteText.isSpace(bytes[index]) {
                if bytes[index] == 0x0A, !tokens.isEmpty { tokens[tokens.count - 1].endsSentence = true }
                index += 1
                continue
            }
            let start = index
            while index < count, !ByteText.isSpace(bytes[index]) { index += 1 }
            split(bytes[start..<index], lexicon: lexicon, into: &tokens)
        }
        return tokens
    }

    private static func split(_ raw: ArraySlice<UInt8>, lexicon: SentimentLexicon, into tokens: inout [SentimentToken]) {
        let whole = String(decoding: raw, as: UTF8.self)
        if lexicon.entry(whole) != nil, !raw.contains(where: ByteText.isAlpha) || raw.count <= 3,
            !raw.allSatisfy(ByteText.isAlnum)
        {
            tokens.append(symbol(whole))  // ":-(", ":)", "<3"
            return
        }
        var word = raw
        while let last = word.last {
            if trimmable.contains(last) {
                word = word.dropLast()
            } else if let p = unicodePunctuation.first(where: { word.count >= $0.count && word.suffix($0.count).elementsEqual($0) }) {
                word = word.dropLast(p.count)
            } else {
                break
            }
        }
        while let first = word.first {
            if trimmable.contains(first) {
                word = word.dropFirst()
            } else if let p = unicodePunctuation.first(where: { word.count >= $0.count && word.prefix($0.count).elementsEqual($0) }) {
                word = word.dropFirst(p.count)
            } else {
                break
            }
        }
        // Emoji glued to a word ("thanks😊") become tokens of their own.
        var letters = String.UnicodeScalarView()
        var symbols: [String] = []
        for scalar in String(decoding: word, as: UTF8.self).unicodeScalars {
            if scalar.value >= 0x1F300 || (0x2600...0x27BF).contains(scalar.value) {
                symbols.append(String(scalar))
            } else if scalar.value != 0xFE0F, scalar.value != 0x200D {
                letters.append(scalar)
            }
        }
        let text = String(letters).replacingApostrophes()
        if !text.isEmpty {
            let letterCount = text.utf8.filter(ByteText.isAlpha).count
            let shouted = letterCount >= 2 && !text.utf8.contains(where: ByteText.isLower)
            tokens.append(SentimentToken(
                text: text, folded: text.lowercased(), isShouted: shouted, isSymbol: false,
                endsClause: false, endsSentence: false))
        }
        for emoji in symbols where Emoticons.valences[emoji] != nil { tokens.append(symbol(emoji)) }
        guard !tokens.isEmpty else { return }
        let tail = raw[word.endIndex...]
        if tail.contains(where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x3A }) { tokens[tokens.count - 1].endsClause = true }
        if tail.contains(where: { $0 == 0x2E || $0 == 0x21 || $0 == 0x3F }) {
            tokens[tokens.count - 1].endsClause = true
            tokens[tokens.count - 1].endsSentence = true
        }
    }

    private static func symbol(_ text: String) -> SentimentToken {
        SentimentToken(text: text, folded: text, isShouted: false, isSymbol: true, endsClause: false, endsSentence: false)
    }
}

extension String {
    /// "don’t" -> "don't": mail clients type typographic apostrophes.
    fileprivate func replacingApostrophes() -> String {
        guard utf8.contains(0xE2) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0.value == 0x2019 ? "'" : $0 }))
    }
}
