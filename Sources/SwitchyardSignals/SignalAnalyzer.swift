internal import SwitchyardText

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The signal stage: language, sentiment and entities of one message, each with its evidence.
///
/// ```swift
/// let analyzer = try SignalAnalyzer(models: .load(directory: "models"))
/// let signals = analyzer.analyze(text: body, subject: subject, referenceDate: message.date)
/// ```
public struct SignalAnalyzer: Sendable {
    public let configuration: SignalConfiguration
    let identifier: LanguageIdentifier
    let sentiment: SentimentAnalyzer
    let extractor: EntityExtractor
    let naming: NameTagging?
    let tokenizer: Tokenizer

    /// - throws: `ReferencePatterns.InvalidPattern` when a configured reference pattern does not compile.
    public init(models: SignalModels, configuration: SignalConfiguration = SignalConfiguration()) throws {
        self.configuration = configuration
        tokenizer = Tokenizer()
        identifier = LanguageIdentifier(
            profiles: models.languageProfiles, minimumLetters: configuration.languageMinimumLetters,
            maximumCharacters: configuration.languageMaximumCharacters,
            minimumConfidence: configuration.languageMinimumConfidence)
        sentiment = SentimentAnalyzer(
            english: models.englishLexicon, german: models.germanLexicon,
            maximumEvidence: configuration.sentimentMaximumEvidence,
            neutralThreshold: configuration.sentimentNeutralThreshold, angerThreshold: configuration.angerThreshold,
            maximumBytes: configuration.sentimentMaximumBytes)
        extractor = EntityExtractor(
            references: try ReferencePatterns(configuration.references), maximumBytes: configuration.entityMaximumBytes,
            trackingContextWindow: configuration.trackingContextWindow,
            cardContextWindow: configuration.cardContextWindow)
        if configuration.taggerEnabled, let tagger = models.tagger {
            naming = NameTagging(
                tagger: tagger, maximumTokens: configuration.taggerMaximumTokens)
        } else {
            naming = nil
        }
    }

    /// Analyses a message's subject and body text.
    /// - Parameters:
    ///   - referenceDate: the message's Date header, for "yesterday"/"gestern" and year-less dates.
    ///   - utcOffsetSeconds: the Date header's zone offset, so "today" is the sender's day.
    public func analyze(text: String, subject: String = "", referenceDate: Date? = nil, utcOffsetSeconds: Int = 0)
        -> Signals
    {
        let combined = subject.isEmpty ? text : subject + "\n" + text
        let bodyOffset = subject.isEmpty ? 0 : subject.utf8.count + 1
        let language = identifier.identify(combined)
        let tagging = configuration.taggerLanguages.contains(language.code) ? naming : nil
        // Without the name tagger, sentiment scans the text without a String per token; with it, one
        // tokenization serves both.
        let reach =
            tagging == nil
            ? configuration.sentimentMaximumBytes
            : max(configuration.sentimentMaximumBytes, bodyOffset + configuration.entityMaximumBytes)
        let bytes = ByteText.prefix(combined, limit: reach)
        let tokens: [Token]
        let mood: Sentiment
        if tagging == nil {
            tokens = []
            mood = bytes.withUnsafeBufferPointer { sentiment.analyze(bytes: $0, language: language.code) }
        } else {
            tokens = tokenizer.tokens(
                in: bytes.count == combined.utf8.count ? combined : String(decoding: bytes, as: UTF8.self))
            mood = sentiment.analyze(tokens: tokens, bytes: bytes, language: language.code)
        }
        let day = referenceDate.map {
            CivilDate(secondsSince1970: $0.timeIntervalSince1970, utcOffsetSeconds: utcOffsetSeconds)
        }
        var entities: [Entity] = []
        for (field, value, offset) in [("subject", subject, 0), ("body", text, bodyOffset)] where !value.isEmpty {
            var found = extractor.extract(from: value, reference: day, language: language.code, field: field)
            if let tagging {
                let fieldBytes = ByteText.prefix(value, limit: configuration.entityMaximumBytes)
                let end = offset + fieldBytes.count
                let fieldTokens = tokens.compactMap { token -> Token? in
                    guard token.utf8Range.lowerBound >= offset, token.utf8Range.upperBound <= end else { return nil }
                    var shifted = token
                    shifted.utf8Range = (token.utf8Range.lowerBound - offset)..<(token.utf8Range.upperBound - offset)
                    return shifted
                }
                for name in tagging.entities(fieldTokens, fieldBytes, field: field)
                where !found.contains(where: { $0.start < name.end && name.start < $0.end }) {
                    found.append(name)
                }
                found.sort { $0.start < $1.start }
            }
            entities.append(contentsOf: found)
        }
        return Signals(language: language, sentiment: mood, entities: entities)
    }
}
