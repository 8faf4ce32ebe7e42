/// Finds e-mail addresses and web links (RFC 5321 dot-atom addresses, http(s) and www. URLs).
struct AddressScanner {
    /// - Parameter ats: positions of '@', ascending.
    func scanEmails(_ bytes: [UInt8], ats: [Int], into found: inout [Entity]) {
        var index = 0
        let count = bytes.count
        for position in ats where position >= index {
            let at = position
            index = at + 1
            var start = at
            while start > 0, Self.isLocalByte(bytes[start - 1]) { start -= 1 }
            while start < at, bytes[start] == 0x2E { start += 1 }  // no leading dot
            guard start < at else { continue }
            var end = at + 1
            while end < count, ByteText.isAlnum(bytes[end]) || bytes[end] == 0x2E || bytes[end] == 0x2D { end += 1 }
            while end > at + 1, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
            guard Self.isDomain(bytes, at + 1, end) else { continue }
            found.append(
                Entity(
                    type: .email, text: ByteText.string(bytes, start, end), start: start, end: end,
                    value: String(decoding: ByteText.foldedWord(bytes[start..<end]), as: UTF8.self)))
            index = end
        }
    }

    /// - Parameter starts: positions that may start "http" or "www" (`EntityCandidates.links`), ascending.
    func scanURLs(_ bytes: [UInt8], starts: [Int], into found: inout [Entity]) {
        var index = 0
        let count = bytes.count
        for start in starts where start >= index {
            index = start
            let b = bytes[index] | 0x20
            guard b == 0x68 || b == 0x77, ByteText.boundaryBefore(bytes, index) else {
                index += 1
                continue
            }
            let prefix: Int
            if ByteText.matchesLowercase(bytes, at: index, "https://") {
                prefix = 8
            } else if ByteText.matchesLowercase(bytes, at: index, "http://") {
                prefix = 7
            } else if ByteText.matchesLowercase(bytes, at: index, "www.") {
                prefix = 4
            } else {
                index += 1
                continue
            }
            var end = index + prefix
            var parens = 0
            while end < count, Self.isURLByte(bytes[end]) {
                if bytes[end] == 0x28 { parens += 1 }
                if bytes[end] == 0x29 {
                    if parens == 0 { break }
                    parens -= 1
                }
                end += 1
            }
            while end > index + prefix, Self.isTrailingPunctuation(bytes[end - 1]) { end -= 1 }
            guard end > index + prefix + 2 else {
                index = end
                continue
            }
            found.append(Entity(type: .url, text: ByteText.string(bytes, index, end), start: index, end: end))
            index = end
        }
    }

    private static func isLocalByte(_ b: UInt8) -> Bool {
        ByteText.isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
    }

    private static func isURLByte(_ b: UInt8) -> Bool {
        b > 0x20 && b != 0x3C && b != 0x3E && b != 0x22 && b != 0x60 && b != 0x7F && b < 0x80
    }

    private static func isTrailingPunctuation(_ b: UInt8) -> Bool {
        b == 0x2E || b == 0x2C || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F || b == 0x27 || b == 0x5D
    }

    /// At least two labels, no empty label, a top-level domain of two or more letters.
    private static func isDomain(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        guard end > start else { return false }
        var labelLength = 0
        var labels = 0
        var lastLabelAlpha = true
        for index in start..<end {
            if bytes[index] == 0x2E {
                if labelLength == 0 { return false }
                labels += 1
                labelLength = 0
                lastLabelAlpha = true
            } else {
                labelLength += 1
                if !ByteText.isAlpha(bytes[index]) { lastLabelAlpha = false }
            }
        }
        return labels >= 1 && labelLength >= 2 && lastLabelAlpha
    }
}
