/// Everything the signal stage found in one message, as carried into `parse --json`, the routing
/// decision and its explanation.
///
/// Entity offsets (`start`, `end`) are UTF-8 byte offsets into the field named by `field`
/// (`subject` or `body`), start inclusive, end exclusive.
public struct Signals: Codable, Sendable, Equatable {
    public var language: LanguageGuess
    public var sentiment: Sentiment
    public var entities: [Entity]

    public init(language: LanguageGuess, sentiment: Sentiment, entities: [Entity]) {
        self.language = language
        self.sentiment = sentiment
        self.entities = entities
    }
}

/// The language a text is written in, or `unknown` when the text is too short or too mixed.
public struct LanguageGuess: Codable, Sendable, Equatable {
    /// ISO 639-1 code ("en", "de", "zh-cn", ...) or "unknown".
    public var code: String
    /// Posterior probability of `code` among the candidate languages, 0...1.
    public var confidence: Double

    public static let unknownCode = "unknown"

    public init(code: String, confidence: Double) {
        self.code = code
        self.confidence = confidence
    }

    public var isUnknown: Bool { code == Self.unknownCode }
}

/// Polarity label of a sentiment score.
public enum SentimentLabel: String, Codable, Sendable, Equatable {
    case negative, neutral, positive
}

/// One word or symbol that moved the sentiment score, with its signed contribution.
public struct SentimentEvidence: Codable, Sendable, Equatable {
    /// The word as written ("NOT", "happy", ":-(").
    public var text: String
    /// Signed valence after negation, intensifiers, contrast and emphasis (VADER scale, about -4...+4).
    public var contribution: Double
    /// Rules that changed the lexicon value, e.g. "negated", "boosted", "caps", "after-contrast".
    public var rules: [String]

    public init(text: String, contribution: Double, rules: [String]) {
        self.text = text
        self.contribution = contribution
        self.rules = rules
    }
}

/// How positive or negative a message reads, with the words that made it so.
public struct Sentiment: Codable, Sendable, Equatable {
    /// Normalised compound score in -1...1.
    public var score: Double
    public var label: SentimentLabel
    /// Strongest contributions first.
    public var evidence: [SentimentEvidence]
    /// Strongly negative and emphatic (caps, "!!!", angry emoji): the sender is upset.
    public var anger: Bool

    public init(score: Double, label: SentimentLabel, evidence: [SentimentEvidence], anger: Bool) {
        self.score = score
        self.label = label
        self.evidence = evidence
        self.anger = anger
    }

    public static let neutral = Sentiment(score: 0, label: .neutral, evidence: [], anger: false)
}

/// Kinds of entity the signal stage finds.
public enum EntityType: String, Codable, Sendable, Equatable, CaseIterable {
    case email, url, phone, iban
    case paymentCard = "payment_card"
    case amount, date, reference
    case trackingNumber = "tracking_number"
    case person, location, organization, product
    case creativeWork = "creative_work"
    case group
}

/// One entity found in a text, with its span and, where a check exists, whether it passed.
public struct Entity: Codable, Sendable, Equatable {
    public var type: EntityType
    /// The text as written in the message.
    public var text: String
    /// UTF-8 byte offset of the first byte, in `field`.
    public var start: Int
    /// UTF-8 byte offset one past the last byte, in `field`.
    public var end: Int
    /// False when the candidate has the right shape but fails its check (IBAN mod-97, impossible date).
    public var valid: Bool
    /// Normalised value: E.164 phone, ISO date, "1200.00 EUR", IBAN without spaces, carrier name, ...
    public var value: String?
    /// For references and tracking numbers: the configured pattern name or the carrier.
    public var kind: String?
    /// "subject" or "body".
    public var field: String

    public init(
        type: EntityType, text: String, start: Int, end: Int, valid: Bool = true,
        value: String? = nil, kind: String? = nil, field: String = "body"
    ) {
        self.type = type
        self.text = text
        self.start = start
        self.end = end
        self.valid = valid
        self.value = value
        self.kind = kind
        self.field = field
    }
}
