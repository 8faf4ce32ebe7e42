internal import CICU

/// Splits text into normalised tokens: ICU word segmentation (UAX #29 with dictionaries for
/// scripts without spaces), NFKC + case folding, and placeholder tokens for web addresses, e-mail
/// addresses, numbers and amounts. Whitespace is dropped; everything else becomes a token.
///
/// ```swift
/// let tokens = Tokenizer().tokens(in: "Refund €12,50 to anna@example.com")
/// // ["refund", "<amount>", "to", "<email>"], each with its UTF-8 offsets in the input
/// ```
public struct Tokenizer: Sendable {
    /// Tokenizer settings.
    public struct Configuration: Sendable, Hashable, Codable {
        /// Case folding variant (`.turkic` only for text known to be Turkish/Azerbaijani).
        public var caseFolding: CaseFolding
        /// Only the first `maxInputBytes` UTF-8 bytes are tokenised (cut at a character boundary):
        /// bounds the work one hostile message can cause. Default 1 MiB.
        public var maxInputBytes: Int

        public init(caseFolding: CaseFolding = .standard, maxInputBytes: Int = 1 << 20) {
            self.caseFolding = caseFolding
            self.maxInputBytes = maxInputBytes
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The tokens of `text`, in order. Offsets are UTF-8 byte offsets into `text`.
    public func tokens(in text: String) -> [Token] {
        tokens(in: text, asciiFastPath: true)
    }

    /// `tokens(in:)` with every segment cut by ICU: the reference the ASCII fast path must equal.
    func tokensViaICU(in text: String) -> [Token] {
        tokens(in: text, asciiFastPath: false)
    }

    private func tokens(in text: String, asciiFastPath: Bool) -> [Token] {
        var text = text
        return text.withUTF8 { all in
            let limit = Self.scalarBoundary(all, atMost: max(0, configuration.maxInputBytes))
            let bytes = UnsafeBufferPointer(rebasing: all[0..<limit])
            var tokens: [Token] = []
            tokens.reserveCapacity(bytes.count / 4)
            var segmenter = GapSegmenter(asciiFastPath: asciiFastPath)
            var position = 0
            for span in LinkScanner.spans(in: bytes) {
                segment(bytes, position..<span.range.lowerBound, with: &segmenter, into: &tokens)
                tokens.append(Token(text: span.kind.placeholder ?? "", kind: span.kind, utf8Range: span.range))
                position = span.range.upperBound
            }
            segment(bytes, position..<bytes.count, with: &segmenter, into: &tokens)
            AmountMerger.merge(&tokens, in: bytes)
            return tokens
        }
    }

    /// `word` normalised the way the tokenizer normalises word tokens (NFKC, case folding), for
    /// looking words up in lexicons and models.
    public func normalize(_ word: String) -> String {
        var word = word
        return word.withUTF8 { TextFolding.fold($0, configuration.caseFolding) }
    }

    private func segment(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, with segmenter: inout GapSegmenter,
        into tokens: inout [Token]
    ) {
        guard !range.isEmpty else { return }
        segmenter.segment(bytes, range)
        let segments = segmenter.segments
        for k in 0..<segments.count {
            let lower = Int(segments.starts[k])
            let upper = Int(segments.ends[k])
            guard lower < upper, lower >= range.lowerBound, upper <= range.upperBound else { continue }
            let piece = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
            switch Int32(segments.kinds[k]) {
            case Int32(CICU_WORD_NUMBER):
                tokens.append(Token(text: TokenKind.number.placeholder ?? "", kind: .number, utf8Range: lower..<upper))
            case Int32(CICU_WORD_LETTER), Int32(CICU_WORD_KANA), Int32(CICU_WORD_IDEO):
                let text = TextFolding.fold(piece, configuration.caseFolding)
                tokens.append(Token(text: text, kind: .word, utf8Range: lower..<upper))
            default:
                if let kind = Self.classifyOther(piece) {
                    let text =
                        kind == .emoji
                        ? String(decoding: piece, as: UTF8.self)
                        : TextFolding.fold(piece, configuration.caseFolding)
                    tokens.append(Token(text: text, kind: kind, utf8Range: lower..<upper))
                }
            }
        }
    }

    /// Kind of a segment ICU did not call a word or number; nil for whitespace and invisible
    /// format/control characters.
    static func classifyOther(_ piece: UnsafeBufferPointer<UInt8>) -> TokenKind? {
        guard let lead = piece.first else { return nil }
        if lead < 0x80 {
            // ASCII: most segments are single spaces and punctuation; skip the property lookup.
            switch lead {
            case 0x00...0x20, 0x7F: return nil
            case UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
                UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                return .symbol
            default: return .punctuation
            }
        }
        var iterator = piece.makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let first) = decoder.decode(&iterator) else { return nil }
        let properties = first.properties
        if properties.isWhitespace { return nil }
        if properties.isEmojiPresentation || (properties.isEmoji && first.value > 0xFF) { return .emoji }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return nil
        default:
            return .symbol
        }
    }

    /// The largest prefix length <= limit that does not cut a UTF-8 sequence.
    static func scalarBoundary(_ bytes: UnsafeBufferPointer<UInt8>, atMost limit: Int) -> Int {
        guard limit < bytes.count else { return bytes.count }
        var end = limit
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return end
    }
}
