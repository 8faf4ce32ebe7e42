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
        let words = language == "de" ? germanTokens : englishTokens
        return score(words.tokens(scan, bytes), words.table, bytes)
    }

    /// Sentiment of tokens the caller already made of `bytes` (the analyzer shares one tokenization
    /// with the name tagger when that runs); tokens past `maximumBytes` are ignored.
    func analyze(tokens raw: [Token], bytes all: [UInt8], language: String) -> Sentiment {
        all.withUnsafeBufferPointer { all in
            let limit = boundary(all)
            let bytes = UnsafeBufferPointer(rebasing: all[..<limit])
            let scan = TokenScan(raw.prefix { $0.utf8Range.upperBound <= limit })
            let words = language == "de" ? germanTokens : englishTokens
            return score(words.tokens(scan, bytes), words.table, bytes)
        }
    }

    /// The first `maximumBytes` of `bytes`, cut back to a character boundary.
    private func boundary(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var limit = min(max(0, maximumBytes), bytes.count)
        while limit > 0, limit < bytes.count, bytes[limit] & 0xC0 == 0x80 { limit -= 1 }
        return limit
    }
}
