/// A Content-Type or Content-Disposition value: the type (or disposition) and its parameters,
/// with RFC 2231 continuations and charsets already joined and decoded.
public struct ContentType: Sendable, Hashable, Codable, CustomStringConvertible {
    public var type: String
    public var subtype: String
    /// Parameters in order, names lower-cased, values decoded.
    public var parameters: [Parameter]

    /// One parameter: name (lower-cased, without RFC 2231 markers) and decoded value.
    public struct Parameter: Sendable, Hashable, Codable {
        public var name: String
        public var value: String
    }

    public init(type: String, subtype: String, parameters: [Parameter] = []) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// text/plain; charset=us-ascii: what RFC 2045 §5.2 says a missing header means.
    public static let defaultText = ContentType(type: "text", subtype: "plain")
    /// message/rfc822: the default inside multipart/digest (RFC 2046 §5.1.5).
    public static let defaultDigestPart = ContentType(type: "message", subtype: "rfc822")

    public var mimeType: String { subtype.isEmpty ? type : type + "/" + subtype }

    public subscript(parameter name: String) -> String? {
        let key = name.lowercased()
        return parameters.first { $0.name == key }?.value
    }

    public var charset: String? { self[parameter: "charset"] }
    public var boundary: String? { self[parameter: "boundary"] }

    public func `is`(_ type: String, _ subtype: String? = nil) -> Bool {
        self.type == type && (subtype == nil || self.subtype == subtype)
    }

    public var description: String { mimeType }

    /// Parses "type/subtype; a=b; c*0*=utf-8''x; c*1=y". A bare word ("inline") is a type
    /// without subtype, so the same parser serves Content-Disposition.
    public static func parse(_ value: String) -> ContentType {
        let bytes = Array(value.utf8)
        var index = 0
        var head = readUntil(bytes, &index, stop: UInt8(ascii: ";"))
        var raw: [(name: String, value: String)] = []
        // Byte gate before the Character search: a "=" Character needs a "=" byte.
        if head.utf8.contains(UInt8(ascii: "=")), let equals = head.firstIndex(of: "="),
            let blank = head[..<equals].lastIndex(where: { $0 == " " || $0 == "\t" })
        {
            // Parameters without the ";" separator ("type/sub name=value"): folded lines lost it.
            raw += looseParameters(String(head[head.index(after: blank)...]))
            head = String(head[..<blank])
        }
        let cleanHead = asciiCleanHead(head) ?? HeaderComments.strip(head).filter { !$0.isWhitespace }.lowercased()
        var type = cleanHead
        var subtype = ""
        if let slash = cleanHead.firstIndex(of: "/") {
            type = String(cleanHead[..<slash])
            subtype = String(cleanHead[cleanHead.index(after: slash)...])
        }
        while index < bytes.count {
            index += 1  // the ";"
            let name = readUntil(bytes, &index, stop: UInt8(ascii: "="), or: UInt8(ascii: ";"))
                .trimmingBlanks().lowercased()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                continue
            }
            index += 1
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                let quoted = readQuoted(bytes, &index)
                let rest = readUntil(bytes, &index, stop: UInt8(ascii: ";"))
                if !name.isEmpty && !name.contains(" ") { raw.append((name, quoted)) }
                raw += looseParameters(rest)
                continue
            }
            let value = HeaderComments.strip(readUntil(bytes, &index, stop: UInt8(ascii: ";"))).trimmingBlanks()
            if !name.isEmpty && !name.contains(" ") {
                raw += looseParameters(name + "=" + value)
            }
        }
        return ContentType(type: type, subtype: subtype, parameters: RFC2231.join(raw))
    }

    /// "a=1 b=2 c" -> a=1, b=2 (blank-separated parameters); words without "=" join the value
    /// before them, so an unquoted "name=My File.pdf" keeps its blank.
    private static func looseParameters(_ text: String) -> [(name: String, value: String)] {
        if let ascii = asciiLooseParameters(text) { return ascii }
        var result: [(name: String, value: String)] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if let equals = word.firstIndex(of: "="), equals != word.startIndex {
                let name = word[..<equals].lowercased()
                result.append((name, String(word[word.index(after: equals)...])))
            } else if !result.isEmpty {
                result[result.count - 1].value += " " + word
            }
        }
        return result.map { item in
            var value = item.value
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return (item.name, value)
        }
    }

    private static func readUntil(_ bytes: [UInt8], _ index: inout Int, stop: UInt8, or other: UInt8? = nil) -> String {
        let start = index
        let second = other ?? stop
        var inQuote = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { inQuote.toggle() }
            if !inQuote && (byte == stop || byte == second) { break }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The type/subtype head without comments and blanks, lower-cased, over bytes for ASCII text
    /// (each Character one byte, CRLF aside, whose two bytes are both blanks); nil otherwise.
    private static func asciiCleanHead(_ head: String) -> String? {
        guard !head.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        let kept = HeaderComments.strip(bytes: head.utf8).compactMap { byte -> UInt8? in
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return nil }
            return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// ``looseParameters(_:)`` over bytes for ASCII text; nil otherwise.
    private static func asciiLooseParameters(_ text: String) -> [(name: String, value: String)]? {
        var copy = text
        return copy.withUTF8 { buffer -> [(name: String, value: String)]? in
            guard !buffer.contains(where: { $0 >= 0x80 }) else { return nil }
            var result: [(name: String, value: [UInt8])] = []
            for word in buffer.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }) {
                if let equals = word.firstIndex(of: UInt8(ascii: "=")), equals != word.startIndex {
                    let name = word[..<equals].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                    result.append((String(decoding: name, as: UTF8.self), Array(word[(equals + 1)...])))
                } else if !result.isEmpty {
                    result[result.count - 1].value += [0x20] + word
                }
            }
            return result.map { item in
                var value = item.value[...]
                if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
                    value = value.dropFirst().dropLast()
                }
                return (item.name, String(decoding: value, as: UTF8.self))
            }
        }
    }

    private static func readQuoted(_ bytes: [UInt8], _ index: inout Int) -> String {
        var text: [UInt8] = []
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
            text.append(bytes[index])
            index += 1
        }
        if index < bytes.count { index += 1 }
        return String(decoding: text, as: UTF8.self)
    }
}

/// RFC 2231 parameter continuations ("name*0", "name*1*") and charset/language markers.
enum RFC2231 {
    static func join(_ raw: [(name: String, value: String)]) -> [ContentType.Parameter] {
        var result: [ContentType.Parameter] = []
        var sections: [String: [(index: Int, value: String, encoded: Bool)]] = [:]
        var order: [String] = []
        for (name, value) in raw {
            guard let star = name.firstIndex(of: "*") else {
                if !result.contains(where: { $0.name == name }) && sections[name] == nil {
                    result.append(.init(name: name, value: EncodedWords.decode(value)))
                }
                continue
            }
            let base = String(name[..<star])
            let rest = name[name.index(after: star)...]
            let encoded = rest.hasSuffix("*") || rest.isEmpty
            let number = Int(rest.filter(\.isNumber)) ?? 0
            if sections[base] == nil { order.append(base) }
            if (sections[base]?.count ?? 0) < 1_000 { sections[base, default: []].append((number, value, encoded)) }
        }
        for base in order {
            guard let parts = sections[base]?.sorted(by: { $0.index < $1.index }) else { continue }
            var charset: String?
            var bytes: [UInt8] = []
            for (position, part) in parts.enumerated() {
                var value = Substring(part.value)
                if part.encoded && position == 0 {
                    let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if pieces.count == 3 {
                        charset = String(pieces[0])
                        value = pieces[2]
                    }
                }
                bytes += part.encoded ? percentDecoded(value) : Array(value.utf8)
            }
            let text = Charset.decode(bytes[...], label: charset).text
            result.removeAll { $0.name == base }  // the RFC 2231 form wins over a plain duplicate
            result.append(.init(name: base, value: text))
        }
        return result
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = TransferDecoding.hexValue(bytes[index + 1]),
                let low = TransferDecoding.hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
