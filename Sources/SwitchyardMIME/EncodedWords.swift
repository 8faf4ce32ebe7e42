/// RFC 2047 encoded words in header text: adjacent words are joined without the blanks between
/// them, and words in the same charset are joined as bytes first, so a multi-byte character
/// split across two words still decodes. Lenient: words inside text, folded words, bad charsets.
public enum EncodedWords {
    private enum Piece {
        case text([UInt8])
        case word(charset: String, bytes: [UInt8])
    }

    /// Longest encoded word we look for; RFC 2047 allows 75, real mail a bit more.
    private static let maxWordLength = 1_000

    /// Decodes every encoded word in `text`; text without "=?" is returned unchanged.
    public static func decode(_ text: String) -> String {
        // Most header values hold no "=?" at all: answer that without copying the bytes.
        var scanned = text
        let hasWordStart = scanned.withUTF8 { buffer in
            var index = 0
            while let mark = ByteSearch.firstIndex(of: UInt8(ascii: "="), in: buffer, from: index, to: buffer.count) {
                if mark + 1 < buffer.count, buffer[mark + 1] == UInt8(ascii: "?") { return true }
                index = mark + 1
            }
            return false
        }
        guard hasWordStart else { return text }
        let bytes = Array(text.utf8)
        var result = ""
        var literal: [UInt8] = []
        // Bytes of consecutive words in one charset, decoded together (split multi-byte characters).
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        func flushWords() {
            if let charset = pendingCharset { result += Charset.decode(pendingBytes[...], label: charset).text }
            pendingCharset = nil
            pendingBytes.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?"),
                let (word, next) = parseWord(bytes, at: index), case .word(let charset, let decoded) = word
            {
                let blankOnly = literal.allSatisfy { $0 == 0x20 || $0 == 0x09 }
                // Blanks between two encoded words are folding, not content.
                if !(pendingCharset != nil && blankOnly) {
                    flushWords()
                    result += String(decoding: literal, as: UTF8.self)
                }
                literal.removeAll(keepingCapacity: true)
                if let current = pendingCharset, current.lowercased() != charset.lowercased() { flushWords() }
                pendingCharset = charset
                pendingBytes += decoded
                index = next
            } else {
                literal.append(bytes[index])
                index += 1
            }
        }
        flushWords()
        result += String(decoding: literal, as: UTF8.self)
        return result
    }

    private static func parseWord(_ bytes: [UInt8], at start: Int) -> (Piece, Int)? {
        let limit = min(bytes.count, start + maxWordLength)
        var index = start + 2
        let charsetStart = index
        while index < limit, bytes[index] != UInt8(ascii: "?") {
            let byte = bytes[index]
            if byte <= 0x20 || byte == UInt8(ascii: "=") { return nil }
            index += 1
        }
        guard index + 2 < limit, index > charsetStart, bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        let charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self)
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        index += 3
        let textStart = index
        while index + 1 < limit, !(bytes[index] == UInt8(ascii: "?") && bytes[index + 1] == UInt8(ascii: "=")) {
            index += 1
        }
        guard index + 1 < limit else { return nil }
        // Folding inside a word (broken encoders) leaves blanks that are not content.
        let encoded = bytes[textStart..<index].filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
        let decoded =
            encoding == UInt8(ascii: "b")
            ? TransferDecoding.base64(encoded[...]).bytes
            : TransferDecoding.quotedPrintable(encoded[...], header: true).bytes
        return (.word(charset: charset, bytes: decoded), index + 2)
    }
}
