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

    /// - throws: `ReferencePatterns.InvalidPattern` when a configured reference pattern does not compile.
    public init(models: SignalModels, configuration: SignalConfiguration = SignalConfiguration()) throws {
        self.configuration = configuration
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
            trackingContextWindow: configuration.trackingContextWindow)
        if configuration.taggerEnabled, let tagger = models.tagger {
            naming = NameTagging(
                tagger: tagger, tokenizer: Tokenizer(), maximumTokens: configuration.taggerMaximumTokens)
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
        let language = identifier.identify(combined)
        let mood = sentiment.analyze(combined, language: language.code)
        let day = referenceDate.map {
            CivilDate(secondsSince1970: $0.timeIntervalSince1970, utcOffsetSeconds: utcOffsetSeconds)
        }
        var entities: [Entity] = []
        for (field, value) in [("subject", subject), ("body", text)] where !value.isEmpty {
            var found = extractor.extract(from: value, reference: day, language: language.code, field: field)
            if let naming, configuration.taggerLanguages.contains(language.code) {
                let bytes = ByteText.prefix(value, limit: configuration.entityMaximumBytes)
                let clipped = bytes.count == value.utf8.count ? value : String(decoding: bytes, as: UTF8.self)
                for name in naming.entities(clipped, bytes, field: field)
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
