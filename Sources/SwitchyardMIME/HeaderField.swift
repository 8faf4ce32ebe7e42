/// One header field as written: its name, the unfolded raw value (8-bit bytes decoded as
/// UTF-8 per RFC 6532, or by detection), and the RFC 2047-decoded value a person would read.
public struct HeaderField: Sendable, Hashable, Codable {
    public var name: String
    /// Unfolded, not RFC 2047-decoded: the input for structured parsers (addresses, parameters).
    public var rawValue: String
    /// Unfolded and RFC 2047-decoded.
    public var value: String

    public init(name: String, rawValue: String) {
        self.name = name
        self.rawValue = rawValue
        self.value = EncodedWords.decode(rawValue)
    }
}

/// The header fields of a message or part, in order, with case-insensitive lookup.
public struct HeaderFields: Sendable, Hashable, Codable, Sequence {
    public private(set) var fields: [HeaderField]
    /// Per field, its name's length and first seven bytes ASCII lower-cased: a lookup compares
    /// integers and checks the whole name only on a match (about 25 lookups a message over
    /// 20-60 fields, so the names themselves are rarely walked).
    private var keys: [UInt64]

    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
        self.keys = fields.map { Self.key($0.name) }
    }

    private enum CodingKeys: String, CodingKey {
        case fields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode([HeaderField].self, forKey: .fields))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fields, forKey: .fields)
    }

    public func makeIterator() -> IndexingIterator<[HeaderField]> {
        fields.makeIterator()
    }

    public var count: Int { fields.count }

    /// The first field with this name (case-insensitive).
    public func first(_ name: String) -> HeaderField? {
        let key = Self.key(name)
        for index in keys.indices where keys[index] == key && fields[index].name.caseInsensitiveEquals(name) {
            return fields[index]
        }
        return nil
    }

    /// Every field with this name, in order.
    public func all(_ name: String) -> [HeaderField] {
        let key = Self.key(name)
        return keys.indices.filter { keys[$0] == key && fields[$0].name.caseInsensitiveEquals(name) }.map { fields[$0] }
    }

    /// The decoded value of the first field with this name.
    public subscript(_ name: String) -> String? {
        first(name)?.value
    }

    mutating func append(_ field: HeaderField) {
        fields.append(field)
        keys.append(Self.key(field.name))
    }

    private static func key(_ name: String) -> UInt64 {
        var text = name
        return text.withUTF8 { buffer in
            var key = UInt64(Swift.min(buffer.count, 255))
            var shift: UInt64 = 8
            for byte in buffer.prefix(7) {
                key |= UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) << shift
                shift += 8
            }
            return key
        }
    }
}

extension String {
    /// Trims spaces, tabs and line breaks (not all Unicode whitespace: NBSP is content).
    func trimmingBlanks() -> String {
        let bytes = utf8
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
            let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return "" }
        let end = bytes.index(after: last)  // a scalar boundary: the byte after is ASCII or the end
        if first == bytes.startIndex && end == bytes.endIndex { return self }
        return String(self[first..<end])
    }

    /// Collapses every run of whitespace into one space and trims the ends.
    func collapsingWhitespace() -> String {
        if let ascii = asciiCollapsingWhitespace() { return ascii }
        var result = ""
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for character in self {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// The same for ASCII text over bytes (ASCII White_Space is TAB...CR and SPACE; a CRLF
    /// Character is white space like its two bytes); nil when the text is not ASCII.
    private func asciiCollapsingWhitespace() -> String? {
        var text = self
        return text.withUTF8 { buffer -> String? in
            var result: [UInt8] = []
            result.reserveCapacity(buffer.count)
            var pendingSpace = false
            for byte in buffer {
                if byte >= 0x80 { return nil }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !result.isEmpty
                } else {
                    if pendingSpace { result.append(0x20) }
                    pendingSpace = false
                    result.append(byte)
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}

extension StringProtocol {
    /// The string without trailing characters matching `predicate`, walking back from the end only.
    func droppingTrailing(while predicate: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            guard predicate(self[previous]) else { break }
            end = previous
        }
        return self[..<end]
    }
}
