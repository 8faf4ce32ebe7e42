/// One HTML tag as the converter needs it: name, open/close, and whether it hides its content.
/// Comments, doctypes and processing instructions read as a tag with an empty name.
struct Tag {
    var name: String
    var closing: Bool
    var selfClosing: Bool
    var hidden: Bool
    /// Index just past the tag.
    var end: Int

    /// Reads the tag at `start` (which holds "<"); nil when "<" starts no tag ("a < b").
    static func read(_ bytes: [UInt8], at start: Int) -> Tag? {
        var index = start + 1
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        if first == UInt8(ascii: "!") || first == UInt8(ascii: "?") {
            let isComment = index + 2 < bytes.count && bytes[index + 1] == 0x2D && bytes[index + 2] == 0x2D
            if isComment {
                var probe = index + 3
                while probe + 2 < bytes.count {
                    if bytes[probe] == 0x2D && bytes[probe + 1] == 0x2D && bytes[probe + 2] == UInt8(ascii: ">") {
                        return Tag(name: "", closing: false, selfClosing: false, hidden: false, end: probe + 3)
                    }
                    probe += 1
                }
                return Tag(name: "", closing: false, selfClosing: false, hidden: false, end: bytes.count)
            }
            let end = (bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1
            return Tag(name: "", closing: false, selfClosing: false, hidden: false, end: end)
        }
        var closing = false
        if first == UInt8(ascii: "/") {
            closing = true
            index += 1
        }
        guard index < bytes.count, isLetter(bytes[index]) else { return nil }
        let nameStart = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        var hidden = false
        var selfClosing = false
        // Attributes: name, name=value, name="value", name='value'.
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/") {
                selfClosing = true
                index += 1
                continue
            }
            if isBlank(byte) {
                index += 1
                continue
            }
            selfClosing = false
            let attributeStart = index
            while index < bytes.count, !isBlank(bytes[index]), bytes[index] != UInt8(ascii: "="),
                bytes[index] != UInt8(ascii: ">")
            {
                index += 1
            }
            let attribute = bytes[attributeStart..<index]
            var value: ArraySlice<UInt8> = []
            while index < bytes.count, isBlank(bytes[index]) { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                while index < bytes.count, isBlank(bytes[index]) { index += 1 }
                if index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 {
                    let quote = bytes[index]
                    let valueStart = index + 1
                    let valueEnd = bytes[valueStart...].firstIndex(of: quote) ?? bytes.count
                    value = bytes[valueStart..<valueEnd]
                    index = min(bytes.count, valueEnd + 1)
                } else {
                    let valueStart = index
                    while index < bytes.count, !isBlank(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    value = bytes[valueStart..<index]
                }
            }
            if named(attribute, "hidden") {
                hidden = true
            } else if named(attribute, "style") {
                hidden = hidden || hides(style: value.filter { !isBlank($0) })
            }
        }
        let end = min(bytes.count, index + 1)
        return Tag(name: name, closing: closing, selfClosing: selfClosing, hidden: hidden, end: end)
    }

    /// Whether the attribute name is `lowerName` case-insensitively: ASCII over bytes, other
    /// text with Unicode lower-casing (the Kelvin sign lower-cases to an ASCII "k").
    private static func named(_ attribute: ArraySlice<UInt8>, _ lowerName: String) -> Bool {
        guard !attribute.contains(where: { $0 >= 0x80 }) else {
            return String(decoding: attribute, as: UTF8.self).lowercased() == lowerName
        }
        return attribute.count == lowerName.utf8.count
            && zip(attribute, lowerName.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    /// A style (blanks removed) that hides the element. ASCII is searched as bytes; other text
    /// keeps the Character search with Unicode lower-casing.
    private static func hides(style: [UInt8]) -> Bool {
        guard !style.contains(where: { $0 >= 0x80 }) else {
            let text = String(decoding: style, as: UTF8.self).lowercased()
            return text.contains("display:none") || text.contains("visibility:hidden")
        }
        let lower = ByteSearch.asciiLowercased(style)
        return ByteSearch.contains(lower, displayNone) || ByteSearch.contains(lower, visibilityHidden)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == 0x2D || byte == 0x3A
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
