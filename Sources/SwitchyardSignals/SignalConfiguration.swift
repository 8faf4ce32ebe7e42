/// Every limit and threshold of the signal stage, with defaults; Codable so the gateway's
/// configuration file can override any of them.
public struct SignalConfiguration: Codable, Sendable, Equatable {
    /// Fewer letters give language "unknown".
    public var languageMinimumLetters: Int = 12
    /// Characters of the text examined for n-grams.
    public var languageMaximumCharacters: Int = 600
    /// Below this posterior the language is "unknown".
    public var languageMinimumConfidence: Double = 0.4
    /// Sentiment words reported as evidence.
    public var sentimentMaximumEvidence: Int = 8
    /// |score| below this is neutral.
    public var sentimentNeutralThreshold: Double = 0.05
    /// Score at or below which emphasis sets the anger flag.
    public var angerThreshold: Double = -0.5
    /// UTF-8 bytes of subject + body read for sentiment.
    public var sentimentMaximumBytes: Int = 16_384
    /// UTF-8 bytes of a field scanned for structured entities.
    public var entityMaximumBytes: Int = 65_536
    /// Bytes before a bare digit run searched for a shipping word.
    public var trackingContextWindow: Int = 80
    /// Bytes before an ungrouped card-shaped number that fails Luhn searched for a card word ("card",
    /// "Karte"): with one it is reported (valid false, a mistyped card) and masked; without, ignored.
    public var cardContextWindow: Int = 24
    /// Reference patterns, `name: regex` (e.g. `order: ORD-\d{6}`), normally from rules/.
    public var references: [String: String] = [:]
    /// Run the learned name tagger (person, organisation, product, location...).
    public var taggerEnabled: Bool = true
    /// Languages the tagger runs on: it was trained on English, and German capitalises every noun.
    public var taggerLanguages: [String] = ["en"]
    /// Tokens of the body given to the tagger (bounded work; names sit near the top of mail).
    public var taggerMaximumTokens: Int = 400

    public init() {}

    /// Every key is optional in a configuration file: a missing key keeps its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SignalConfiguration()
        languageMinimumLetters =
            try c.decodeIfPresent(Int.self, forKey: .languageMinimumLetters) ?? d.languageMinimumLetters
        languageMaximumCharacters =
            try c.decodeIfPresent(Int.self, forKey: .languageMaximumCharacters) ?? d.languageMaximumCharacters
        languageMinimumConfidence =
            try c.decodeIfPresent(Double.self, forKey: .languageMinimumConfidence) ?? d.languageMinimumConfidence
        sentimentMaximumEvidence =
            try c.decodeIfPresent(Int.self, forKey: .sentimentMaximumEvidence) ?? d.sentimentMaximumEvidence
        sentimentNeutralThreshold =
            try c.decodeIfPresent(Double.self, forKey: .sentimentNeutralThreshold) ?? d.sentimentNeutralThreshold
        angerThreshold = try c.decodeIfPresent(Double.self, forKey: .angerThreshold) ?? d.angerThreshold
        sentimentMaximumBytes =
            try c.decodeIfPresent(Int.self, forKey: .sentimentMaximumBytes) ?? d.sentimentMaximumBytes
        entityMaximumBytes = try c.decodeIfPresent(Int.self, forKey: .entityMaximumBytes) ?? d.entityMaximumBytes
        trackingContextWindow =
            try c.decodeIfPresent(Int.self, forKey: .trackingContextWindow) ?? d.trackingContextWindow
        cardContextWindow = try c.decodeIfPresent(Int.self, forKey: .cardContextWindow) ?? d.cardContextWindow
        references = try c.decodeIfPresent([String: String].self, forKey: .references) ?? d.references
        taggerEnabled = try c.decodeIfPresent(Bool.self, forKey: .taggerEnabled) ?? d.taggerEnabled
        taggerLanguages = try c.decodeIfPresent([String].self, forKey: .taggerLanguages) ?? d.taggerLanguages
        taggerMaximumTokens = try c.decodeIfPresent(Int.self, forKey: .taggerMaximumTokens) ?? d.taggerMaximumTokens
    }
}
