/// Splits a header section (RFC 5322 §2.2) into fields and finds where the body starts.
/// Lenient like Python's `email`: LF or CRLF, obsolete "Name :" syntax, a leading mbox
/// "From " line; a line that is no header ends the section (defect) and starts the body.
struct HeaderSection {
    var fields = HeaderFields()
    var bodyStart: Int
    var defects: [MessageDefect.Kind] = []

    init(_ bytes: [UInt8], from start: Int, to end: Int, limits: ParserLimits, allowMbox: Bool) {
        var index = start
        bodyStart = end
        if allowMbox, end - index >= 5, bytes[index..<index + 5].elementsEqual("From ".utf8) {
            index = Self.lineEnd(bytes, from: index, to: end)
        }
        // The field being unfolded: its name and value bytes (one buffer, reused for every field).
        var pendingName: String?
        var pendingValue: [UInt8] = []
        var headerBytes = 0
        var capped = false
        while index < end {
            let next = Self.lineEnd(bytes, from: index, to: end)
            var contentEnd = next
            if contentEnd > index, bytes[contentEnd - 1] == 0x0A { contentEnd -= 1 }
            if contentEnd > index, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == index {  // the blank line
                bodyStart = next
                break
            }
            headerBytes += next - index
            if !capped, headerBytes > limits.maxHeaderBytes {
                defects.append(.headerBytesExceeded)
                capped = true
            }
            if capped {
                index = next
                continue
            }
            let first = bytes[index]
            if first == 0x20 || first == 0x09 {
                if pendingName != nil {
                    pendingValue.append(0x20)
                    pendingValue.append(contentsOf: Self.trimmed(bytes, index, contentEnd))
                } else {
                    defects.append(.malformedHeaderLine)
                }
                index = next
                continue
            }
            guard let colon = bytes[index..<contentEnd].firstIndex(of: UInt8(ascii: ":")),
                Self.isFieldName(bytes[index..<colon])
            else {
                defects.append(.missingHeaderBodySeparator)
                bodyStart = index
                break
            }
            if let name = pendingName { flush(name, pendingValue) }
            if fields.count >= limits.maxHeaderCount {
                defects.append(.headerCountExceeded)
                capped = true
                pendingName = nil
                index = next
                continue
            }
            var nameEnd = colon
            while nameEnd > index, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            let name = String(decoding: bytes[index..<nameEnd], as: UTF8.self)
            pendingName = name
            pendingValue.removeAll(keepingCapacity: true)
            pendingValue.append(contentsOf: Self.trimmed(bytes, colon + 1, contentEnd))
            index = next
        }
        if index >= end { bodyStart = end }
        if let name = pendingName { flush(name, pendingValue) }
    }

    private mutating func flush(_ name: String, _ value: [UInt8]) {
        var end = value.count
        while end > 0, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
        let text = Charset.decode(value[..<end], label: nil).text
        fields.append(HeaderField(name: name, rawValue: text))
    }

    /// Index just past the next LF (or `end`).
    static func lineEnd(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            ByteSearch.firstIndex(of: 0x0A, in: buffer, from: start, to: end).map { $0 + 1 } ?? end
        }
    }

    private static func trimmed(_ bytes: [UInt8], _ start: Int, _ end: Int) -> ArraySlice<UInt8> {
        var lower = start
        var upper = end
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return bytes[lower..<upper]
    }

    private static func isFieldName(_ name: ArraySlice<UInt8>) -> Bool {
        var sawSpace = false
        var count = 0
        for byte in name {
            if byte == 0x20 || byte == 0x09 {
                sawSpace = true
                continue
            }
            // Obsolete syntax allows blanks before the colon, not inside the name.
            if sawSpace || byte < 0x21 || byte > 0x7E { return false }
            count += 1
        }
        return count > 0
    }
}
