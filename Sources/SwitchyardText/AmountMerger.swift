/// Joins a number with the currency symbol or ISO 4217 code written next to it into one
/// `.amount` token ("$12", "12,50 €", "EUR 40", "40EUR").
enum AmountMerger {
    /// Codes recognised next to a number. "TRY" is left out: "try 3 times" is far more common.
    static let currencyCodes: Set<String> = [
        "usd", "eur", "gbp", "chf", "jpy", "cad", "aud", "nzd", "sek", "nok", "dkk", "pln", "czk", "huf",
        "inr", "cny", "rmb", "hkd", "sgd", "zar", "brl", "mxn", "rub", "uah", "ron", "bgn", "isk",
    ]

    /// `currencyCodes` as three bytes in an integer: three-letter words are common, and this check
    /// must not cost a `String` each.
    static let packedCodes: Set<UInt32> = Set(
        currencyCodes.map { code in
            let b = Array(code.utf8)
            return pack(b[0], b[1], b[2])
        })

    @inline(__always)
    static func pack(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    }

    /// Merges in place: most texts have no amount, and then nothing is copied. Only pairs with a
    /// number in them are looked at closely.
    static func merge(_ scan: inout TokenScan, in bytes: UnsafeBufferPointer<UInt8>) {
        let count = scan.items.count
        guard count > 1 else { return }
        var write = 0
        var k = 0
        while k < count {
            if k + 1 < count, scan.items[k].kind == .number || scan.items[k + 1].kind == .number {
                let token = scan.items[k]
                let next = scan.items[k + 1]
                let joined =
                    next.kind == .number && isCurrency(token, scan, bytes)
                    || token.kind == .number && isCurrency(next, scan, bytes)
                if joined, isShortGap(token.range.upperBound, next.range.lowerBound, bytes) {
                    scan.items[write] = TokenScan.Item(
                        range: token.range.lowerBound..<next.range.upperBound, kind: .amount,
                        textRange: scan.placeholderRange(of: .amount))
                    write += 1
                    k += 2
                    continue
                }
            }
            if write != k { scan.items[write] = scan.items[k] }
            write += 1
            k += 1
        }
        if write < count { scan.items.removeSubrange(write...) }
    }

    private static func isCurrency(_ token: TokenScan.Item, _ scan: TokenScan, _ bytes: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        switch token.kind {
        case .symbol:
            let lead = bytes[token.range.lowerBound]
            // The only ASCII currency symbol is "$".
            if lead < 0x80 { return lead == UInt8(ascii: "$") }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.range]), as: UTF8.self)
            return text.unicodeScalars.first?.properties.generalCategory == .currencySymbol
        case .word:
            guard token.textRange.count == 3 else { return false }
            let text = scan.text(of: token)
            let start = text.startIndex
            return packedCodes.contains(pack(text[start], text[start + 1], text[start + 2]))
        default:
            return false
        }
    }

    /// Nothing but at most one (possibly non-breaking) space between the two tokens.
    private static func isShortGap(_ from: Int, _ to: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard from <= to, to - from <= 3 else { return false }
        if from == to { return true }
        let gap = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        return gap.unicodeScalars.count == 1 && (gap.unicodeScalars.first?.properties.isWhitespace ?? false)
    }
}
