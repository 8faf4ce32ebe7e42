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
        var text = text
        return text.withUTF8 { all in
            let limit = Self.scalarBoundary(all, atMost: max(0, configuration.maxInputBytes))
            let bytes = UnsafeBufferPointer(rebasing: all[0..<limit])
            var tokens: [Token] = []
            tokens.reserveCapacity(bytes.count / 4)
            var position = 0
            for span in LinkScanner.spans(in: bytes) {
                segment(bytes, position..<span.range.lowerBound, into: &tokens)
                tokens.append(Token(text: span.kind.placeholder ?? "", kind: span.kind, utf8Range: span.range))
                position = span.range.upperBound
            }
            segment(bytes, position..<bytes.count, into: &tokens)
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

    private func segment(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into tokens: inout [Token]) {
        guard !range.isEmpty, let base = bytes.baseAddress else { return }
        let length = range.count
        var starts = [Int32](repeating: 0, count: length)
        var ends = [Int32](repeating: 0, count: length)
        var kinds = [UInt8](repeating: 0, count: length)
        let count = (base + range.lowerBound).withMemoryRebound(to: CChar.self, capacity: length) { src in
            Int(cicu_word_segments(src, Int32(length), &starts, &ends, &kinds, Int32(length)))
        }
        guard count > 0 else { return }
        for k in 0..<count {
            let lower = range.lowerBound + Int(starts[k])
            let upper = range.lowerBound + Int(ends[k])
            guard lower < upper, upper <= range.upperBound else { continue }
            let piece = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
            switch Int32(kinds[k]) {
            case Int32(CICU_WORD_NUMBER):
                tokens.append(Token(text: TokenKind.number.placeholder ?? "", kind: .number, utf8Range: lower..<upper))
            case Int32(CICU_WORD_LETTER), Int32(CICU_WORD_KANA), Int32(CICU_WORD_IDEO):
                let text = TextFolding.fold(piece, configuration.caseFolding)
                tokens.append(Token(text: text, kind: .word, utf8Range: lower..<upper))
            default:
                if let kind = Self.classifyOther(piece) {
                    let text = kind == .emoji ? String(decoding: piece, as: UTF8.self)
                        : TextFolding.fold(piece, configuration.caseFolding)
                    tokens.append(Token(text: text, kind: kind, utf8Range: lower..<upper))
                }
            }
        }
    }

    /// Kind of a segment ICU did not call a word or number; nil for whitespace and invisible
    /// format/control characters.
    static func classifyOther(_ piece: UnsafeBufferPointer<UInt8>) -> TokenKind? {
        guard let first = String(decoding: piece, as: UTF8.self).unicodeScalars.first else { return nil }
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
