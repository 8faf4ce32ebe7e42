/// HTML character references in text content, decoded as the WHATWG HTML tokenizer does from the
/// data state (HTML §13.2.5.72-80): every name of the standard's table (generated into
/// HTMLEntityTable.swift), legacy names without ";" by longest prefix, numeric references with the
/// standard's replacements. Anything that is not a reference stays as written.
enum HTMLEntities {
    /// Replacement text by name exactly as the standard spells it: "amp;" and the legacy "amp",
    /// "bne;" (two code points). Parsed from `records` on first use.
    static let table: [String: String] = parse(records)

    /// Numeric references 0x80-0x9F: windows-1252's characters where it has one, else the C1
    /// control itself (the table in the standard's numeric character reference end state).
    private static let c1: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static let ampersand = UInt8(ascii: "&")
    private static let semicolon = UInt8(ascii: ";")

    /// Text with every character reference replaced by the characters it stands for.
    static func decode(_ bytes: [UInt8]) -> String {
        guard bytes.contains(ampersand) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while let reference = bytes[index...].firstIndex(of: ampersand) {
            output.append(contentsOf: bytes[index..<reference])
            if let end = appendReference(bytes, at: reference, to: &output) {
                index = end
            } else {
                output.append(ampersand)
                index = reference + 1
            }
        }
        output.append(contentsOf: bytes[index...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends what the reference at `start` (an "&") stands for and returns the index after it;
    /// nil, appending nothing, when no reference starts there (the "&" is then plain text).
    private static func appendReference(_ bytes: [UInt8], at start: Int, to output: inout [UInt8]) -> Int? {
        let first = start + 1
        guard first < bytes.count else { return nil }
        if bytes[first] == UInt8(ascii: "#") {
            return appendNumeric(bytes, from: first + 1, to: &output)
        }
        // Names are ASCII letters and digits, then ";" unless legacy. A name with ";" can only
        // match the whole alphanumeric run; otherwise the longest legacy name that prefixes it wins
        // ("&notit;" is "¬it;"; "&notin;" is "∉").
        let limit = min(bytes.count, first + longestName)
        var end = first
        while end < limit, isAlphanumeric(bytes[end]) { end += 1 }
        guard end > first else { return nil }
        if end < bytes.count, bytes[end] == semicolon,
            let value = table[String(decoding: bytes[first...end], as: UTF8.self)]
        {
            output.append(contentsOf: value.utf8)
            return end + 1
        }
        var length = min(end - first, longestLegacyName)
        while length > 0 {
            if let value = table[String(decoding: bytes[first..<first + length], as: UTF8.self)] {
                output.append(contentsOf: value.utf8)
                return first + length
            }
            length -= 1
        }
        return nil
    }

    /// "&#" followed by decimal digits, or "&#x" by hex digits, ";" optional. Without digits it is
    /// no reference and stays text.
    private static func appendNumeric(_ bytes: [UInt8], from start: Int, to output: inout [UInt8]) -> Int? {
        var index = start
        let hex = index < bytes.count && bytes[index] | 0x20 == UInt8(ascii: "x")
        if hex { index += 1 }
        let digitsStart = index
        var number: UInt32 = 0
        while index < bytes.count, let digit = digitValue(bytes[index], hex: hex) {
            // Past 0x10FFFF the value no longer matters: clamp instead of overflowing.
            number = min(number * (hex ? 16 : 10) + digit, 0x11_0000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < bytes.count, bytes[index] == semicolon { index += 1 }
        UTF8.encode(scalar(forNumber: number)) { output.append($0) }
        return index
    }

    /// The standard's numeric character reference end state: NUL, surrogates and numbers past
    /// U+10FFFF become U+FFFD; 0x80-0x9F go through the windows-1252 table; the rest (including
    /// noncharacters and other controls, which are only parse errors) stand for themselves.
    static func scalar(forNumber number: UInt32) -> Unicode.Scalar {
        let replacement: Unicode.Scalar = "\u{FFFD}"
        if number == 0 { return replacement }
        if number >= 0x80 && number <= 0x9F {
            return Unicode.Scalar(c1[Int(number - 0x80)]) ?? replacement
        }
        return Unicode.Scalar(number) ?? replacement
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return UInt32(byte - UInt8(ascii: "0")) }
        let lower = byte | 0x20
        if hex && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") {
            return UInt32(lower - UInt8(ascii: "a") + 10)
        }
        return nil
    }

    /// Reads "name=HEX[,HEX]" records separated by blanks (see the generator script).
    private static func parse(_ records: String) -> [String: String] {
        var result: [String: String] = [:]
        result.reserveCapacity(2_300)
        var records = records
        records.withUTF8 { buffer in
            func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A }
            var index = 0
            while index < buffer.count {
                while index < buffer.count, isBlank(buffer[index]) { index += 1 }
                let nameStart = index
                while index < buffer.count, buffer[index] != UInt8(ascii: "=") { index += 1 }
                guard index < buffer.count else { break }
                let name = String(decoding: UnsafeBufferPointer(rebasing: buffer[nameStart..<index]), as: UTF8.self)
                index += 1
                var value = String.UnicodeScalarView()
                var number: UInt32 = 0
                while index <= buffer.count {
                    let byte = index < buffer.count ? buffer[index] : 0x20
                    index += 1
                    if byte == UInt8(ascii: ",") || isBlank(byte) {
                        if let scalar = Unicode.Scalar(number) { value.append(scalar) }
                        number = 0
                        if isBlank(byte) { break }
                    } else {
                        number = number &* 16 &+ (digitValue(byte, hex: true) ?? 0)
                    }
                }
                result[name] = String(value)
            }
        }
        return result
    }
}
