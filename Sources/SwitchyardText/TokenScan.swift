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
    /// The normalised texts of all items, back to back.
    package private(set) var text: [UInt8] = []

    package init() {}

    package init(reservingFor byteCount: Int) {
        items.reserveCapacity(byteCount / 4)
        text.reserveCapacity(byteCount)
    }

    /// The normalised text of `item`.
    package func text(of item: Item) -> ArraySlice<UInt8> {
        text[item.textRange]
    }

    mutating func append(_ range: Range<Int>, _ kind: TokenKind, placeholder: String) {
        let start = text.count
        text.append(contentsOf: placeholder.utf8)
        items.append(Item(range: range, kind: kind, textRange: start..<text.count))
    }

    mutating func append(_ range: Range<Int>, _ kind: TokenKind, verbatim bytes: UnsafeBufferPointer<UInt8>) {
        let start = text.count
        text.append(contentsOf: bytes)
        items.append(Item(range: range, kind: kind, textRange: start..<text.count))
    }

    mutating func append(
        _ range: Range<Int>, _ kind: TokenKind, folding bytes: UnsafeBufferPointer<UInt8>, _ folding: CaseFolding,
        fastPath: Bool
    ) {
        let start = text.count
        TextFolding.fold(bytes, folding, into: &text, latinFastPath: fastPath)
        items.append(Item(range: range, kind: kind, textRange: start..<text.count))
    }

    /// Appends `placeholder` to the text buffer, for an item made by merging others.
    mutating func appendText(_ placeholder: String) -> Range<Int> {
        let start = text.count
        text.append(contentsOf: placeholder.utf8)
        return start..<text.count
    }
}
