/// One token of a text as the analysis stages see it: its normalised text, what kind of token it
/// is, and where it came from in the input.
///
/// Offsets are UTF-8 byte offsets into the string that was tokenised (`input.utf8`), so they are
/// stable across platforms and cheap to turn back into a `String.Index` (see `range(in:)`).
public struct Token: Sendable, Hashable {
    /// Normalised text: NFKC, case-folded, with U+2019 apostrophes as "'". URLs, e-mail addresses,
    /// numbers and amounts are replaced by their placeholders (`TokenKind.placeholder`).
    public var text: String
    /// What the token is.
    public var kind: TokenKind
    /// UTF-8 byte offsets of the token in the input.
    public var utf8Range: Range<Int>

    public init(text: String, kind: TokenKind, utf8Range: Range<Int>) {
        self.text = text
        self.kind = kind
        self.utf8Range = utf8Range
    }

    /// The token's range in `input`, which must be the string that was tokenised.
    public func range(in input: String) -> Range<String.Index> {
        let utf8 = input.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: min(utf8Range.lowerBound, utf8.count))
        let upper = utf8.index(lower, offsetBy: min(utf8Range.count, utf8.count - utf8Range.lowerBound))
        return lower..<upper
    }

    /// The token exactly as written in `input` (the string that was tokenised).
    public func original(in input: String) -> Substring {
        input[range(in: input)]
    }
}

/// The kinds of token the tokenizer tells apart.
public enum TokenKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Letters (any script), possibly with digits or in-word apostrophes ("don't", "10k").
    case word
    /// Digits, with in-number separators ("1,000.50").
    case number
    /// A number with a currency symbol or ISO code next to it ("$12", "12,50 €", "EUR 40").
    case amount
    /// A web address ("https://…", "www.…").
    case url
    /// An e-mail address.
    case email
    /// Punctuation.
    case punctuation
    /// Other symbols (math, currency on its own, marks).
    case symbol
    /// Emoji and pictographs.
    case emoji

    /// The normalised text used for tokens of this kind, when the kind stands for a class of
    /// strings rather than the string itself; `nil` for kinds that keep their own text.
    public var placeholder: String? {
        switch self {
        case .number: return "<num>"
        case .amount: return "<amount>"
        case .url: return "<url>"
        case .email: return "<email>"
        case .word, .punctuation, .symbol, .emoji: return nil
        }
    }

    /// Whether tokens of this kind carry meaning as words (feature extraction keeps these).
    public var isWordLike: Bool {
        switch self {
        case .word, .number, .amount, .url, .email, .emoji: return true
        case .punctuation, .symbol: return false
        }
    }
}
