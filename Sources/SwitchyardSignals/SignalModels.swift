/// The model files the signal stage loads from a models directory: language profiles, the two
/// sentiment lexicons and the entity tagger (optional: without it only structured entities are found).
public struct SignalModels: Sendable {
    public var languageProfiles: LanguageProfiles
    public var englishLexicon: SentimentLexicon
    public var germanLexicon: SentimentLexicon
    public var tagger: EntityTagger?

    public static let languageFile = "langid.tsv"
    public static let englishLexiconFile = "sentiment-en.tsv"
    public static let germanLexiconFile = "sentiment-de.tsv"
    public static let taggerFile = "entity-tagger.tsv"

    public init(
        languageProfiles: LanguageProfiles, englishLexicon: SentimentLexicon, germanLexicon: SentimentLexicon,
        tagger: EntityTagger?
    ) {
        self.languageProfiles = languageProfiles
        self.englishLexicon = englishLexicon
        self.germanLexicon = germanLexicon
        self.tagger = tagger
    }

    /// Loads the shipped files from `directory` (the repository's models/).
    /// - throws: when a file is missing or malformed; the error names the file's line.
    public static func load(directory: String, loadTagger: Bool = true) throws -> SignalModels {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return SignalModels(
            languageProfiles: try LanguageProfiles(contentsOf: base + languageFile),
            englishLexicon: try SentimentLexicon(contentsOf: base + englishLexiconFile),
            germanLexicon: try SentimentLexicon(contentsOf: base + germanLexiconFile),
            tagger: loadTagger ? try EntityTagger(contentsOf: base + taggerFile) : nil)
    }
}
