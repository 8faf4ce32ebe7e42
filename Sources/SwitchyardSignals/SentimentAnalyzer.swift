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
        englishTokens = SentimentTokenizer(
            tokenizer: tokenizer, roles: SentimentRules.english.roleTable(tokenizer),
            negationPrefixes: SentimentRules.english.negationPrefixes.map(tokenizer.normalize), lexicon: english)
        germanTokens = SentimentTokenizer(
            tokenizer: tokenizer, roles: SentimentRules.german.roleTable(tokenizer),
            negationPrefixes: SentimentRules.german.negationPrefixes.map(tokenizer.normalize), lexicon: german)
    }

    /// - Parameter language: "de" uses the German lexicon and rules; anything else English.
    public func analyze(_ text: String, language: String) -> Sentiment {
        let bytes = ByteText.prefix(text, limit: maximumBytes)
        let clipped = bytes.count == text.utf8.count ? text : String(decoding: bytes, as: UTF8.self)
        let tokens = (language == "de" ? germanTokens : englishTokens).tokens(clipped, bytes)
        return score(tokens, bytes)
    }

    /// Sentiment of tokens the caller already made of `bytes` (the analyzer shares one tokenization
    /// between sentiment and the name tagger); tokens past `maximumBytes` are ignored.
    func analyze(tokens raw: [Token], bytes all: [UInt8], language: String) -> Sentiment {
        var limit = min(maximumBytes, all.count)
        while limit > 0, limit < all.count, all[limit] & 0xC0 == 0x80 { limit -= 1 }
        let bytes = Array(all[..<limit])
        let kept = Array(raw.prefix { $0.utf8Range.upperBound <= limit })
        return score((language == "de" ? germanTokens : englishTokens).tokens(kept, bytes), bytes)
    }

    private func score(_ tokens: [SentimentToken], _ bytes: [UInt8]) -> Sentiment {
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
        var contributions = contributions(tokens, bytes, capsMatter: capsMatter)
        var sum = contributions.reduce(0) { $0 + $1.contribution }
        var exclamations = 0
        var questions = 0
        for b in bytes {
            if b == 0x21 { exclamations += 1 } else if b == 0x3F { questions += 1 }
        }
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

    private func contributions(_ tokens: [SentimentToken], _ bytes: [UInt8], capsMatter: Bool) -> [SentimentEvidence] {
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
                let text =
                    tokens[item.index].isSymbol
                    ? tokens[item.index].folded
                    : ByteText.string(
                        bytes, tokens[item.index].range.lowerBound,
                        tokens[item.index].range.upperBound)
                evidence.append(
                    SentimentEvidence(text: text, contribution: (valence * 1000).rounded() / 1000, rules: applied))
            }
            pending.removeAll()
            contrastAt = nil
        }
        for (index, token) in tokens.enumerated() {
            if token.role.contrast, contrastAt == nil, index > sentenceStart { contrastAt = index }
            if let valence = valence(of: token, at: index, tokens, capsMatter: capsMatter) {
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

    private func valence(of token: SentimentToken, at index: Int, _ tokens: [SentimentToken], capsMatter: Bool)
        -> (Double, [String])?
    {
        if token.isSymbol {
            if let value = Emoticons.valences[token.folded] { return (value, ["emoji"]) }
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
