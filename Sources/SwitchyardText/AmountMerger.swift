/// Joins a number with the currency symbol or ISO 4217 code written next to it into one
/// `.amount` token ("$12", "12,50 €", "EUR 40", "40EUR").
enum AmountMerger {
    /// Codes recognised next to a number. "TRY" is left out: "try 3 times" is far more common.
    static let currencyCodes: Set<String> = [
        "usd", "eur", "gbp", "chf", "jpy", "cad", "aud", "nzd", "sek", "nok", "dkk", "pln", "czk", "huf",
        "inr", "cny", "rmb", "hkd", "sgd", "zar", "brl", "mxn", "rub", "uah", "ron", "bgn", "isk",
    ]

    static func merge(_ tokens: inout [Token], in bytes: UnsafeBufferPointer<UInt8>) {
        guard tokens.count > 1 else { return }
        var merged: [Token] = []
        merged.reserveCapacity(tokens.count)
        var k = 0
        while k < tokens.count {
            let token = tokens[k]
            if k + 1 < tokens.count {
                let next = tokens[k + 1]
                let joined = isCurrency(token, bytes) && next.kind == .number
                    || token.kind == .number && isCurrency(next, bytes)
                if joined, isShortGap(token.utf8Range.upperBound, next.utf8Range.lowerBound, bytes) {
                    let range = token.utf8Range.lowerBound..<next.utf8Range.upperBound
                    merged.append(Token(text: TokenKind.amount.placeholder ?? "", kind: .amount, utf8Range: range))
                    k += 2
                    continue
                }
            }
            merged.append(token)
            k += 1
        }
        tokens = merged
    }

    private static func isCurrency(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch token.kind {
        case .symbol:
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.utf8Range]), as: UTF8.self)
            return text.unicodeScalars.first?.properties.generalCategory == .currencySymbol
        case .word:
            return token.text.utf8.count == 3 && currencyCodes.contains(token.text)
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
