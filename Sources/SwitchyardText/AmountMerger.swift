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

    /// Merges in place, left to right, each token pair with a number in it that `joins`. Only the
    /// pairs around `numbers` (the indices of the number tokens, ascending) can merge, so only they
    /// are looked at, in the order a walk over every pair would reach them: most texts have no
    /// amount, and then nothing is copied.
    static func merge(_ scan: inout TokenScan, numbers: [Int], in bytes: UnsafeBufferPointer<UInt8>) {
        let count = scan.items.count
        guard count > 1 else { return }
        var pairs: [Int] = []
        scan.items.withUnsafeBufferPointer { items in
            // The next pair that may start a merge: not one already merged or already found wanting.
            var next = 0
            for number in numbers {
                let first = max(next, number - 1)
                guard first <= number else { continue }
                for k in first...number where k + 1 < count {
                    next = k + 1
                    if joins(items[k], items[k + 1], scan, bytes) {
                        pairs.append(k)
                        next = k + 2
                        break
                    }
                }
            }
        }
        guard !pairs.isEmpty else { return }
        let amount = scan.placeholderRange(of: .amount)
        let kept = scan.items.withUnsafeMutableBufferPointer { items in
            // Moves the items down over each pair's second half: `write` never passes `read`.
            var write = 0
            var read = 0
            for k in pairs + [count] {
                while read < k {
                    items[write] = items[read]
                    write += 1
                    read += 1
                }
                guard k < count else { break }
                items[write] = TokenScan.Item(
                    range: items[k].range.lowerBound..<items[k + 1].range.upperBound, kind: .amount, textRange: amount)
                write += 1
                read = k + 2
            }
            return write
        }
        scan.items.removeSubrange(kept...)
    }

    /// Whether `token` and `next` (one of them a number) make an amount.
    private static func joins(
        _ token: TokenScan.Item, _ next: TokenScan.Item, _ scan: TokenScan, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let joined =
            next.kind == .number && isCurrency(token, scan, bytes)
            || token.kind == .number && isCurrency(next, scan, bytes)
        return joined && isShortGap(token.range.upperBound, next.range.lowerBound, bytes)
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
