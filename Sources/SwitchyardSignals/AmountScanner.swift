/// Finds money amounts with a currency in English and German notation: "€12,50", "12,50 €",
/// "12.50 EUR", "$1,200.00", "EUR 1.200,00", "49,- Euro".
struct AmountScanner {
    private static let symbols: [(bytes: [UInt8], code: String)] = [
        (Array("€".utf8), "EUR"), (Array("US$".utf8), "USD"), (Array("$".utf8), "USD"),
        (Array("£".utf8), "GBP"), (Array("¥".utf8), "JPY"),
    ]
    private static let codes: Set<String> = [
        "EUR", "USD", "GBP", "CHF", "JPY", "PLN", "SEK", "NOK", "DKK", "CZK", "HUF", "CAD", "AUD",
    ]
    private static let words: [String: String] = [
        "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "franken": "CHF",
    ]

    /// - Parameter starts: digits at a word start (`EntityCandidates.numbers`), ascending.
    func scan(_ bytes: [UInt8], starts: [Int], into found: inout [Entity]) {
        let count = bytes.count
        var index = 0
        for start in starts where start >= index {
            index = start
            guard ByteText.isDigit(bytes[index]), index == 0 || !ByteText.isAlnum(bytes[index - 1]),
                index < 2
                    || !((bytes[index - 1] == 0x2E || bytes[index - 1] == 0x2C) && ByteText.isDigit(bytes[index - 2]))
            else {
                index += 1
                continue
            }
            var end = index
            while end < count {
                let b = bytes[end]
                if ByteText.isDigit(b) {
                    end += 1
                } else if b == 0x2E || b == 0x2C || b == 0x27, end + 1 < count, ByteText.isDigit(bytes[end + 1]) {
                    end += 1
                } else {
                    break
                }
            }
            let numberEnd = end
            var roundDash = false
            if end + 1 < count, bytes[end] == 0x2C || bytes[end] == 0x2E, bytes[end + 1] == 0x2D {
                end += 2  // "49,-": a round amount
                roundDash = true
            }
            defer { index = max(end, index + 1) }
            guard ByteText.boundaryAfter(bytes, end) || bytes[end] == 0x20 else { continue }
            // A currency next to a number is rarer than a well-formed number: look for it first.
            if let (code, start) = currencyBefore(bytes, index) {
                guard let value = Self.normalise(bytes[index..<numberEnd], roundDash: roundDash) else { continue }
                found.append(entity(bytes, start, end, value, code))
            } else if let (code, last) = currencyAfter(bytes, end) {
                guard let value = Self.normalise(bytes[index..<numberEnd], roundDash: roundDash) else { continue }
                found.append(entity(bytes, index, last, value, code))
                end = last
            }
        }
    }

    private func entity(_ bytes: [UInt8], _ start: Int, _ end: Int, _ value: String, _ code: String) -> Entity {
        Entity(
            type: .amount, text: ByteText.string(bytes, start, end), start: start, end: end,
            value: "\(value) \(code)", kind: code)
    }

    private func currencyBefore(_ bytes: [UInt8], _ index: Int) -> (String, Int)? {
        var end = index
        if end >= 1, bytes[end - 1] == 0x20 {
            end -= 1
        } else if end >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
            end -= 2
        }
        for symbol in Self.symbols where end >= symbol.bytes.count {
            if bytes[(end - symbol.bytes.count)..<end].elementsEqual(symbol.bytes) {
                return (symbol.code, end - symbol.bytes.count)
            }
        }
        guard end >= 3, ByteText.boundaryBefore(bytes, end - 3) else { return nil }
        let code = String(decoding: bytes[(end - 3)..<end], as: UTF8.self)
        return Self.codes.contains(code) ? (code, end - 3) : nil
    }

    private func currencyAfter(_ bytes: [UInt8], _ index: Int) -> (String, Int)? {
        var start = index
        if start < bytes.count, bytes[start] == 0x20 {
            start += 1
        } else if start + 1 < bytes.count, bytes[start] == 0xC2, bytes[start + 1] == 0xA0 {
            start += 2
        }
        for symbol in Self.symbols where start + symbol.bytes.count <= bytes.count {
            if bytes[start..<(start + symbol.bytes.count)].elementsEqual(symbol.bytes) {
                return (symbol.code, start + symbol.bytes.count)
            }
        }
        var end = start
        while end < bytes.count, ByteText.isAlpha(bytes[end]), end - start < 8 { end += 1 }
        guard end > start, ByteText.boundaryAfter(bytes, end) else { return nil }
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        if Self.codes.contains(word) { return (word, end) }
        if let code = Self.words[word.lowercased()] { return (code, end) }
        return nil
    }

    /// "1.200,50" / "1,200.50" / "12,5" / "1'200" to "1200.50"; nil when the grouping is not a number.
    static func normalise(_ token: ArraySlice<UInt8>, roundDash: Bool) -> String? {
        var separators: [(index: Int, byte: UInt8)] = []
        for index in token.indices where !ByteText.isDigit(token[index]) {
            separators.append((index, token[index]))
        }
        var decimalIndex: Int?
        if let last = separators.last, last.byte != 0x27, !roundDash {
            let digitsAfter = token.endIndex - last.index - 1
            let sameKind = separators.filter { $0.byte == last.byte }.count
            let mixed = separators.contains { $0.byte != last.byte }
            if digitsAfter <= 2 || (mixed && sameKind == 1) {
                decimalIndex = last.index
            }
        }
        let groupSeparators = separators.filter { $0.index != decimalIndex }
        if let first = groupSeparators.first {
            guard groupSeparators.allSatisfy({ $0.byte == first.byte }) else { return nil }
            guard first.index - token.startIndex <= 3 else { return nil }
            var boundaries = groupSeparators.map(\.index)
            boundaries.append(decimalIndex ?? token.endIndex)
            for pair in zip(boundaries, boundaries.dropFirst()) where pair.1 - pair.0 != 4 { return nil }
        }
        var integer = ""
        var fraction = ""
        for index in token.indices where ByteText.isDigit(token[index]) {
            if let decimalIndex, index > decimalIndex {
                fraction.append(Character(Unicode.Scalar(token[index])))
            } else {
                integer.append(Character(Unicode.Scalar(token[index])))
            }
        }
        while fraction.count < 2 { fraction.append("0") }
        return "\(integer).\(fraction)"
    }
}
