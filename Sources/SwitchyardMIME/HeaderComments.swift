/// RFC 5322 comments — "(...)", nested — removed from structured header values (Content-Type,
/// Date). Unbalanced ")" is kept: broken headers are read leniently, never rejected.
enum HeaderComments {
    /// - Parameter newlineAsSpace: a newline inside a comment becomes a space (the date parser
    ///   needs the tokens on either side of a folded comment kept apart).
    static func strip(_ text: String, newlineAsSpace: Bool = false) -> String {
        // Byte gate first: without a "(" byte or a non-ASCII byte there is no "(" Character either.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 >= 0x80 }), text.contains("(") else {
            return text
        }
        var depth = 0
        var result = ""
        for character in text {
            if character == "(" {
                depth += 1
                continue
            }
            if character == ")", depth > 0 {
                depth -= 1
                continue
            }
            if depth == 0 {
                result.append(character)
            } else if newlineAsSpace && character == "\n" {
                result.append(" ")
            }
        }
        return result
    }

    /// The same over the bytes of ASCII text without CR (where each Character is one byte).
    static func strip<Bytes: Collection<UInt8>>(bytes: Bytes, newlineAsSpace: Bool = false) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "(")) else { return Array(bytes) }
        var depth = 0
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")"), depth > 0 {
                depth -= 1
            } else if depth == 0 {
                result.append(byte)
            } else if newlineAsSpace && byte == 0x0A {
                result.append(0x20)
            }
        }
        return result
    }
}
