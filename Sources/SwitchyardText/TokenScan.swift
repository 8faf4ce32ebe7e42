/// The tokens of one text without a `String` per token: each token's kind and byte range, and its
/// normalised text as a range into one shared byte buffer. `Tokenizer.tokens(in:)` is built on it;
/// stages that only look tokens up (sentiment) read it directly and never allocate per token.
package struct TokenScan: Sendable {
    /// One token: what `Token` holds, with the text as bytes of `TokenScan.text`.
    package struct Item: Sendable, Equatable {
        /// UTF-8 byte offsets of the token in the scanned text.
        package var range: Range<Int>
        package var kind: TokenKind
        /// Where the normalised text (placeholder for numbers, amounts, URLs and e-mail addresses;
        /// the bytes as written for emoji) lies in `text`.
        package var textRange: Range<Int>
    }

    package internal(set) var items: [Item] = []
    /// The normalised texts of the items. For a scan of a text it starts as a copy of the text with
    /// ASCII capitals lowered, so that a token whose normalised form has its source's length (most
    /// do) is normalised in place and points at its own range; placeholders and the texts of other
    /// tokens follow the copy.
    package private(set) var text: [UInt8] = []
    /// Where each placeholder's text is, by `TokenKind` (number, amount, url, email).
    private var placeholders: [Range<Int>] = []

    /// The scan of tokens made by `Tokenizer.tokens(in:)`, for stages given those.
    package init(_ tokens: some Collection<Token>) {
        items.reserveCapacity(tokens.count)
        for token in tokens {
            let start = text.count
            text.append(contentsOf: token.text.utf8)
            items.append(Item(range: token.utf8Range, kind: token.kind, textRange: start..<text.count))
        }
    }

    /// An empty scan of no text.
    init() {}

    /// An empty scan of `bytes`, whose copy is the start of `text`.
    init(copying bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        text = [UInt8](unsafeUninitializedCapacity: count + 64) { buffer, initialized in
            // Branch-free so that it vectorises: ASCII capitals get bit 5, nothing else changes.
            for k in 0..<count {
                let b = bytes[k]
                buffer[k] = b | (b &- 0x41 < 26 ? 0x20 : 0)
            }
            initialized = count
        }
        for kind in [TokenKind.number, .amount, .url, .email] {
            let start = text.count
            text.append(contentsOf: (kind.placeholder ?? "").utf8)
            placeholders.append(start..<text.count)
        }
    }

    /// The normalised text of `item`.
    package func text(of item: Item) -> ArraySlice<UInt8> {
        text[item.textRange]
    }

    /// The text of an emoji token: its bytes as written. Only ASCII capitals (never part of one in
    /// practice) would have been changed in the copy.
    mutating func verbatimText(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        guard bytes.contains(where: { $0 &- 0x41 < 26 }) else { return range }
        let start = text.count
        text.append(contentsOf: bytes)
        return start..<text.count
    }

    /// The text of a token folded: in place when it is ASCII or Latin-1 letters (see `TextFolding`),
    /// else by ICU after the copy. `fastPath: false` always uses ICU (the reference).
    mutating func foldedText(
        _ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ folding: CaseFolding, fastPath: Bool
    ) -> Range<Int> {
        var latin = false
        var sharpS = false
        var viaICU = !fastPath
        var i = 0
        let n = bytes.count
        while i < n, !viaICU {
            let b = bytes[i]
            if b < 0x80 {
                // Turkic folding sends "I" to a dotless i: ICU's business.
                if b == UInt8(ascii: "I"), folding == .turkic { viaICU = true }
                i += 1
            } else if b == 0xC3, i + 1 < n {
                latin = true
                if bytes[i + 1] == 0x9F { sharpS = true }
                i += 2
            } else {
                viaICU = true
            }
        }
        if viaICU {
            let start = text.count
            TextFolding.fold(bytes, folding, into: &text, latinFastPath: false)
            return start..<text.count
        }
        if latin {
            text.withUnsafeMutableBufferPointer { text in
                var k = range.lowerBound
                while k < range.upperBound {
                    if text[k] == 0xC3 {
                        text[k + 1] = TextFolding.latin1Lowered(text[k + 1])
                        k += 2
                    } else {
                        k += 1
                    }
                }
            }
        }
        guard sharpS else { return range }
        // ß folds to "ss": longer than its source, so the text goes after the copy.
        let start = text.count
        TextFolding.appendExpandingSharpS(Array(text[range]), to: &text)
        return start..<text.count
    }

    /// Where the placeholder text of `kind` (number, amount, url or email) is in `text`.
    func placeholderRange(of kind: TokenKind) -> Range<Int> {
        switch kind {
        case .number: return placeholders[0]
        case .amount: return placeholders[1]
        case .url: return placeholders[2]
        default: return placeholders[3]
        }
    }
}
