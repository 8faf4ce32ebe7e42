internal import CICU

/// How letters are case-folded. Folding is language-neutral except for the dotted and dotless i,
/// which Turkish and Azerbaijani pair differently from every other language.
public enum CaseFolding: String, Sendable, Hashable, Codable {
    /// Unicode full case folding ("Straße" → "strasse"); "İ" folds to "i" (not "i" + U+0307) and
    /// "ı" stays "ı", so Turkish text written with either I keeps matching itself.
    case standard
    /// Turkic folding: "I" → "ı", "İ" → "i" (for text known to be Turkish or Azerbaijani).
    case turkic

    var icuVariant: Int32 {
        switch self {
        case .standard: return Int32(CICU_FOLD_DEFAULT)
        case .turkic: return Int32(CICU_FOLD_TURKIC)
        }
    }
}

/// NFKC normalisation + case folding of one token's UTF-8 bytes.
enum TextFolding {
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, _ folding: CaseFolding) -> String {
        var ascii = true
        for b in bytes where b >= 0x80 || (folding == .turkic && b == UInt8(ascii: "I")) {
            ascii = false
            break
        }
        if ascii {
            // NFKC is the identity on ASCII and folding is lowercasing: skip the trip through ICU.
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for (k, b) in bytes.enumerated() { out[k] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
                return bytes.count
            }
        }
        guard let base = bytes.baseAddress else { return "" }
        let folded = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { src -> String? in
            // Folded straight into the string's storage; a second pass only when it grew past the guess.
            var needed = bytes.count * 3 + 16
            for _ in 0..<2 {
                var failed = false
                let capacity = needed
                let text = String(unsafeUninitializedCapacity: capacity) { out in
                    let n = out.withMemoryRebound(to: CChar.self) { dst in
                        Int(cicu_fold(src, Int32(bytes.count), folding.icuVariant, dst.baseAddress, Int32(capacity)))
                    }
                    if n < 0 { failed = true }
                    if n < 0 || n > capacity {
                        needed = max(n, 0)
                        return 0
                    }
                    return n
                }
                if failed { return nil }
                if needed <= capacity { return text }
            }
            return nil
        }
        // ICU only fails on allocation; fall back to the text as written rather than lose it.
        let text = folded ?? String(decoding: bytes, as: UTF8.self)
        return text.contains("\u{2019}") ? text.replacingApostrophes() : text
    }
}

extension String {
    fileprivate func replacingApostrophes() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 }))
    }
}
