internal import SwitchyardText

/// Lexicon-and-rules sentiment for English and German mail (VADER's method): negation, intensifiers
/// and dampeners, contrast, ALL-CAPS, repeated "!"/"?" and emoticons adjust word valences; the
/// sum is normalised to -1...1. Every contributing word is reported with its final contribution.
public struct SentimentAnalyzer: Sendable {
    public var english: SentimentLexicon
    public var german: SentimentLexicon
    /// Words reported as evidence, strongest first.
    public var maximumEvidence: Int
    /// |score| below this is neutral (VADER's convention: 0.05).
    public var neutralThreshold: Double
    /// Score at or below which emphasis (caps, "!!", angry emoji or words) sets the anger flag.
    public var angerThreshold: Double
    /// Longest text read, in UTF-8 bytes (bounded work on huge bodies).
    public var maximumBytes: Int
    /// VADER's normalisation constant: score = sum / sqrt(sum^2 + alpha).
    public var alpha: Double
    let tokenizer: Tokenizer
    let englishTokens: SentimentTokenizer
    let germanTokens: SentimentTokenizer

    public init(
        english: SentimentLexicon, german: SentimentLexicon, maximumEvidence: Int = 8, neutralThreshold: Double = 0.05,
        angerThreshold: Double = -0.5, maximumBytes: Int = 16_384, alpha: Double = 15
    ) {
        self.english = english
        self.german = german
        self.maximumEvidence = maximumEvidence
        self.neutralThreshold = neutralThreshold
        self.angerThreshold = angerThreshold
        self.maximumBytes = maximumBytes
        self.alpha = alpha
        let tokenizer = Tokenizer()
        self.tokenizer = tokenizer
        englishTokens = SentimentTokenizer(tokenizer: tokenizer, rules: .english, lexicon: english)
        germanTokens = SentimentTokenizer(tokenizer: tokenizer, rules: .german, lexicon: german)
    }

    /// - Parameter language: "de" uses the German lexicon and rules; anything else English.
    public func analyze(_ text: String, language: String) -> Sentiment {
        var text = text
        return text.withUTF8 { analyze(bytes: $0, language: language) }
    }

    /// Sentiment of UTF-8 `bytes` (valid UTF-8): tokenised without a `String` per token.
    func analyze(bytes all: UnsafeBufferPointer<UInt8>, language: String) -> Sentiment {
        let bytes = UnsafeBufferPointer(rebasing: all[..<boundary(all)])
        let scan = tokenizer.scan(bytes)
        return score((language == "de" ? germanTokens : englishTokens).tokens(scan, bytes), bytes)
    }

    /// Sentiment of tokens the caller already made of `bytes` (the analyzer shares one tokenization
    /// with the name tagger when that runs); tokens past `maximumBytes` are ignored.
    func analyze(tokens raw: [Token], bytes all: [UInt8], language: String) -> Sentiment {
        all.withUnsafeBufferPointer { all in
            let limit = boundary(all)
            let bytes = UnsafeBufferPointer(rebasing: all[..<limit])
            let scan = TokenScan(raw.prefix { $0.utf8Range.upperBound <= limit })
            return score((language == "de" ? germanTokens : englishTokens).tokens(scan, bytes), bytes)
        }
    }

    /// The first `maximumBytes` of `bytes`, cut back to a character boundary.
    private func boundary(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var limit = min(max(0, maximumBytes), bytes.count)
        while limit > 0, limit < bytes.count, bytes[limit] & 0xC0 == 0x80 { limit -= 1 }
        return limit
    }

    private func score(_ sentimentTokens: SentimentTokens, _ bytes: UnsafeBufferPointer<UInt8>) -> Sentiment {
        let tokens = sentimentTokens.tokens
        var words = 0
        var shoutedWords = 0
        var angerWord = false
        for token in tokens {
            if !token.isSymbol { words += 1 }
            if token.isShouted { shoutedWords += 1 }
            if token.role.anger { angerWord = true }
        }
        // Caps are emphasis only when the rest of the text is not shouted too (VADER's cap differential).
        let capsMatter = shoutedWords > 0 && shoutedWords < words
        var contributions = contributions(sentimentTokens, bytes, capsMatter: capsMatter)
        var sum = contributions.reduce(0) { $0 + $1.contribution }
        // Every byte counts (a "!" inside a URL too).
        let exclamations = Self.count(0x21, in: bytes)
        let questions = Self.count(0x3F, in: bytes)
        var emphasis = Double(min(exclamations, 4)) * 0.292
        if questions > 1 { emphasis += min(Double(questions) * 0.18, 0.96) }
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let score = max(-1, min(1, sum / Math.sqrt(sum * sum + alpha)))
        let label: SentimentLabel =
            score >= neutralThreshold ? .positive : score <= -neutralThreshold ? .negative : .neutral
        let emphatic =
            exclamations >= 2 || angerWord
            || contributions.contains { $0.contribution < 0 && $0.rules.contains("caps") }
        contributions.sort { abs($0.contribution) > abs($1.contribution) }
        return Sentiment(
            score: (score * 10_000).rounded() / 10_000, label: label,
            evidence: Array(contributions.prefix(maximumEvidence)), anger: score <= angerThreshold && emphatic)
    }

    /// How many bytes of `bytes` equal `byte`, eight at a time: a byte of `x` is zero exactly when
    /// the high bit of `~(((x & 0x7F..) + 0x7F..) | x)` is set in it (no carry crosses bytes).
    static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = UInt64(byte) &* ones
        let low7 = ones &* 0x7F
        var total = 0
        var k = 0
        let n = bytes.count
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while k + 8 <= n {
                let x = base.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ pattern
                let zeros = ~(((x & low7) &+ low7) | x) & (ones &* 0x80)
                total &+= zeros.nonzeroBitCount
                k += 8
            }
        }
        while k < n {
            if bytes[k] == byte { total &+= 1 }
            k += 1
        }
        return total
    }

    private func contributions(
        _ sentimentTokens: SentimentTokens, _ bytes: UnsafeBufferPointer<UInt8>, capsMatter: Bool
    ) -> [SentimentEvidence] {
        let tokens = sentimentTokens.tokens
        var evidence: [SentimentEvidence] = []
        var sentenceStart = 0
        var contrastAt: Int?
        var pending: [(index: Int, valence: Double, rules: [String])] = []
        func flushSentence() {
            for item in pending {
                var valence = item.valence
                var applied = item.rules
                if let contrastAt {
                    if item.index < contrastAt {
                        valence *= 0.5
                        applied.append("before-contrast")
                    } else {
                        valence *= 1.5
                        applied.append("after-contrast")
                    }
                }
                let token = tokens[item.index]
                let text =
                    token.isSymbol
                    ? sentimentTokens.symbols[Int(token.symbol)]
                    : String(decoding: UnsafeBufferPointer(rebasing: bytes[token.range]), as: UTF8.self)
                evidence.append(
                    SentimentEvidence(text: text, contribution: (valence * 1000).rounded() / 1000, rules: applied))
            }
            pending.removeAll()
            contrastAt = nil
        }
        for (index, token) in tokens.enumerated() {
            if token.role.contrast, contrastAt == nil, index > sentenceStart { contrastAt = index }
            if let valence = valence(of: token, at: index, sentimentTokens, capsMatter: capsMatter) {
                pending.append((index, valence.0, valence.1))
            }
            if token.endsSentence {
                flushSentence()
                sentenceStart = index + 1
            }
        }
        flushSentence()
        return evidence
    }

    private func valence(of token: SentimentToken, at index: Int, _ sentimentTokens: SentimentTokens, capsMatter: Bool)
        -> (Double, [String])?
    {
        let tokens = sentimentTokens.tokens
        if token.isSymbol {
            if let value = Emoticons.valences[sentimentTokens.symbols[Int(token.symbol)]] { return (value, ["emoji"]) }
            return token.entry.map { (Double($0.valence), ["emoticon"]) }
        }
        guard let entry = token.entry, token.role.booster == 0, !token.role.negation else { return nil }
        var valence = Double(entry.valence)
        var applied: [String] = []
        if capsMatter, token.isShouted {
            valence += valence > 0 ? SentimentRules.capsIncrement : -SentimentRules.capsIncrement
            applied.append("caps")
        }
        var negated = false
        var distance = 1
        while distance <= 3, index - distance >= 0 {
            let previous = tokens[index - distance]
            if previous.endsClause { break }
            let step = previous.role.booster
            if step != 0 {
                var scalar = step * [1.0, 0.95, 0.9][distance - 1]
                if capsMatter, previous.isShouted { scalar += step > 0 ? SentimentRules.capsIncrement : 0 }
                valence += valence > 0 ? scalar : -scalar
                applied.append(step > 0 ? "boosted" : "dampened")
            }
            if previous.role.negation { negated = true }
            distance += 1
        }
        if entry.isVerb, !token.endsClause {
            var ahead = index + 1
            while ahead < tokens.count, ahead - index <= 3 {
                if tokens[ahead].role.trailingNegation { negated = true }
                if tokens[ahead].endsClause { break }
                ahead += 1
            }
        }
        if negated {
            valence *= SentimentRules.negationScalar
            applied.append("negated")
        }
        return (valence, applied)
    }
}
