/// The definition of the feature space a text classifier sees: which n-grams exist, how they are
/// named (hashed) and weighted. Stored in every model file, so a model scores the same text the
/// same way on every machine.
///
/// Features (version 1):
/// - word n-grams of `wordNgrams` over word-like tokens (`TokenKind.isWordLike`; punctuation is
///   skipped, as scikit-learn's default token pattern does), keyed `FNV1a64("w" + tokens joined
///   by U+0020)`; n-grams never cross from the subject into the body;
/// - character n-grams of `charNgrams` scalars within word tokens padded with one space on each
///   side (scikit-learn's `char_wb`), keyed `FNV1a64("c" + n-gram)`; placeholders and emoji do not
///   produce character n-grams;
/// - a feature's raw count is the number of occurrences in the body plus `subjectWeight` times its
///   occurrences in the subject; its value is `(1 + ln count)` when `sublinearTF` else the count,
///   times its inverse document frequency `ln((1 + N) / (1 + df)) + 1` from the training set;
/// - the word block and the character block are each scaled to unit L2 norm, then concatenated.
///
/// Quoted replies and signatures are not features: callers pass only the message's new text.
public struct FeatureSpace: Sendable, Hashable, Codable {
    /// Bumped whenever the meaning of any field or of the hashing changes.
    public static let currentVersion = 1

    public var version: Int
    /// Word n-gram lengths (e.g. 1...2 for unigrams and bigrams).
    public var wordNgrams: ClosedRange<Int>
    /// Character n-gram lengths in Unicode scalars (e.g. 2...5).
    public var charNgrams: ClosedRange<Int>
    /// How many times a subject occurrence counts relative to one in the body.
    public var subjectWeight: Double
    /// Use `1 + ln(count)` rather than the count.
    public var sublinearTF: Bool
    /// Features seen in fewer training documents are left out of the model.
    public var minDocumentFrequency: Int
    /// Tokenizer settings the features are computed with.
    public var tokenizer: Tokenizer.Configuration

    public init(
        wordNgrams: ClosedRange<Int> = 1...2,
        charNgrams: ClosedRange<Int> = 2...5,
        subjectWeight: Double = 2,
        sublinearTF: Bool = true,
        minDocumentFrequency: Int = 2,
        tokenizer: Tokenizer.Configuration = Tokenizer.Configuration()
    ) {
        self.version = Self.currentVersion
        self.wordNgrams = wordNgrams
        self.charNgrams = charNgrams
        self.subjectWeight = subjectWeight
        self.sublinearTF = sublinearTF
        self.minDocumentFrequency = minDocumentFrequency
        self.tokenizer = tokenizer
    }
}

/// The two blocks of the feature vector, each normalised on its own.
public enum FeatureBlock: UInt8, Sendable, Hashable, Codable {
    case word = 0
    case character = 1

    /// Namespace byte hashed in front of the feature text.
    var namespace: UInt8 {
        switch self {
        case .word: return UInt8(ascii: "w")
        case .character: return UInt8(ascii: "c")
        }
    }
}
