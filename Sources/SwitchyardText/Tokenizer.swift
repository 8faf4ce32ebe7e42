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
        tokens(in: text, fastPath: true)
    }

    /// `tokens(in:)` with every segment cut and folded by ICU: the reference the fast paths must equal.
    func tokensViaICU(in text: String) -> [Token] {
        tokens(in: text, fastPath: false)
    }

    private func tokens(in text: String, fastPath: Bool) -> [Token] {
        var text = text
        let scan = text.withUTF8 { self.scan($0, fastPath: fastPath) }
        return scan.items.map { item in
            Token(text: String(decoding: scan.text(of: item), as: UTF8.self), kind: item.kind, utf8Range: item.range)
        }
    }

    /// The tokens of UTF-8 `bytes` (valid UTF-8, e.g. a `String`'s storage) without a `String` per
    /// token: what `tokens(in:)` returns, for stages that only compare token texts with their tables.
    package func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> TokenScan {
        scan(bytes, fastPath: true)
    }

    private func scan(_ all: UnsafeBufferPointer<UInt8>, fastPath: Bool) -> TokenScan {
        let limit = Self.scalarBoundary(all, atMost: max(0, configuration.maxInputBytes))
        let bytes = UnsafeBufferPointer(rebasing: all[0..<limit])
        var scan = TokenScan()
        var movedOut: [TokenScan.Item]?
        var numbers: [Int] = []
        // Mail text has about one token per five bytes; the items move out if there are more.
        let items = [TokenScan.Item](unsafeUninitializedCapacity: bytes.count / 4 + 16) { storage, initialized in
            var sink = ScanSink(
                scan: TokenScan(copying: bytes), items: ScanItemBuffer(writingInto: storage), bytes: bytes,
                folding: configuration.caseFolding, fastPath: fastPath)
            var segmenter = GapSegmenter(fastPath: fastPath)
            var position = 0
            for span in LinkScanner.spans(in: bytes) {
                sink.gap = position..<span.range.lowerBound
                segmenter.segment(bytes, sink.gap, into: &sink)
                let placeholder = sink.scan.placeholderRange(of: span.kind)
                sink.items.append(TokenScan.Item(range: span.range, kind: span.kind, textRange: placeholder))
                position = span.range.upperBound
            }
            sink.gap = position..<bytes.count
            segmenter.segment(bytes, sink.gap, into: &sink)
            numbers = sink.numbers
            (scan, initialized, movedOut) = sink.finish()
        }
        scan.items = movedOut ?? items
        AmountMerger.merge(&scan, numbers: numbers, in: bytes)
        return scan
    }

    /// `word` normalised the way the tokenizer normalises word tokens (NFKC, case folding), for
    /// looking words up in lexicons and models.
    public func normalize(_ word: String) -> String {
        var word = word
        return word.withUTF8 { TextFolding.fold($0, configuration.caseFolding) }
    }

    /// Turns each word segment into a token as the segmenter finds it.
    private struct ScanSink: WordSegmentSink, ~Copyable {
        var scan: TokenScan
        var items: ScanItemBuffer
        /// Where the number tokens are among the items: only they can become amounts.
        var numbers: [Int] = []
        let bytes: UnsafeBufferPointer<UInt8>
        let folding: CaseFolding
        let fastPath: Bool
        /// The text between links being segmented: ICU's offsets are checked against it.
        var gap = 0..<0

        /// The scan, and its items as `ScanItemBuffer.finish` gives them.
        consuming func finish() -> (TokenScan, Int, [TokenScan.Item]?) {
            let (inStorage, movedOut) = items.finish()
            return (scan, inStorage, movedOut)
        }

        @inline(__always)
        mutating func segment(_ lower: Int, _ upper: Int, _ kind: Int32) {
            guard lower < upper, lower >= gap.lowerBound, upper <= gap.upperBound else { return }
            let piece = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
            let range = lower..<upper
            switch kind {
            case Int32(CICU_WORD_NUMBER):
                numbers.append(items.count)
                items.append(TokenScan.Item(range: range, kind: .number, textRange: scan.placeholderRange(of: .number)))
            case Int32(CICU_WORD_LETTER), Int32(CICU_WORD_KANA), Int32(CICU_WORD_IDEO):
                let text = scan.foldedText(range, piece, folding, fastPath: fastPath)
                items.append(TokenScan.Item(range: range, kind: .word, textRange: text))
            default:
                // Spaces are the most common segment of all: no token, no further look.
                if piece[0] == 0x20 { return }
                guard let kind = Tokenizer.classifyOther(piece) else { return }
                let text =
                    kind == .emoji
                    ? scan.verbatimText(range, piece) : scan.foldedText(range, piece, folding, fastPath: fastPath)
                items.append(TokenScan.Item(range: range, kind: kind, textRange: text))
            }
        }

        /// An ASCII word folds to its lowered copy, so it is its own text (but for Turkic "I").
        @inline(__always)
        mutating func asciiWord(_ lower: Int, _ upper: Int) {
            guard folding == .standard else { return segment(lower, upper, Int32(CICU_WORD_LETTER)) }
            items.append(TokenScan.Item(range: lower..<upper, kind: .word, textRange: lower..<upper))
        }

        /// ASCII punctuation and symbols are their own text: the copy changed only capitals.
        @inline(__always)
        mutating func asciiMark(_ at: Int, _ kind: TokenKind) {
            items.append(TokenScan.Item(range: at..<at + 1, kind: kind, textRange: at..<at + 1))
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
