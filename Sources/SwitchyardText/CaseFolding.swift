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
        var out: [UInt8] = []
        fold(bytes, folding, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the folded form of `bytes` to `out`. Text of ASCII and Latin-1 letters (U+00C0-U+00FF,
    /// most of English and German mail) is folded here; anything else goes through ICU.
    /// `latinFastPath: false` sends everything to ICU: the reference the fast path must equal.
    static func fold(
        _ bytes: UnsafeBufferPointer<UInt8>, _ folding: CaseFolding, into out: inout [UInt8], latinFastPath: Bool = true
    ) {
        if latinFastPath, foldLatin(bytes, folding, into: &out) { return }
        foldViaICU(bytes, folding, into: &out)
    }

    /// Folds text made only of ASCII and of U+00C0-U+00FF; false (nothing appended) for anything
    /// else. NFKC is the identity on these characters (they are precomposed and no combining mark
    /// follows them), and full case folding is lowercasing plus ß -> "ss". The bytes are copied
    /// first and lowered in place: most words are a few ASCII letters.
    private static func foldLatin(
        _ bytes: UnsafeBufferPointer<UInt8>, _ folding: CaseFolding, into out: inout [UInt8]
    ) -> Bool {
        let start = out.count
        out.append(contentsOf: bytes)
        let turkic = folding == .turkic
        var sharpS = false
        let folded = out.withUnsafeMutableBufferPointer { buffer -> Bool in
            var i = start
            let end = buffer.count
            while i < end {
                let b = buffer[i]
                if b < 0x80 {
                    if b &- 0x41 < 26 {
                        // Turkic folding sends "I" to a dotless i: ICU's business.
                        if turkic, b == UInt8(ascii: "I") { return false }
                        buffer[i] = b | 0x20
                    }
                    i += 1
                } else {
                    guard b == 0xC3, i + 1 < end else { return false }
                    let c = buffer[i + 1]
                    buffer[i + 1] = Self.latin1Lowered(c)
                    if c == 0x9F { sharpS = true }
                    i += 2
                }
            }
            return true
        }
        guard folded else {
            out.removeSubrange(start...)
            return false
        }
        if sharpS {
            let lowered = Array(out[start...])
            out.removeSubrange(start...)
            appendExpandingSharpS(lowered, to: &out)
        }
        return true
    }

    /// The second byte of a C3-led character (U+00C0-U+00FF) lowercased: U+00C0-U+00DE, but
    /// U+00D7 (the multiplication sign), fold 32 code points down.
    @inline(__always) static func latin1Lowered(_ c: UInt8) -> UInt8 {
        c >= 0x80 && c <= 0x9E && c != 0x97 ? c + 0x20 : c
    }

    /// Appends `lowered` (already lowercased Latin-1 text) with each ß (C3 9F) as "ss", its full
    /// case folding: the only Latin-1 letter whose folded form is longer than itself.
    static func appendExpandingSharpS(_ lowered: [UInt8], to out: inout [UInt8]) {
        out.reserveCapacity(out.count + lowered.count + 8)
        var i = 0
        while i < lowered.count {
            if lowered[i] == 0xC3, i + 1 < lowered.count, lowered[i + 1] == 0x9F {
                out.append(UInt8(ascii: "s"))
                out.append(UInt8(ascii: "s"))
                i += 2
            } else {
                out.append(lowered[i])
                i += 1
            }
        }
    }

    private static func foldViaICU(
        _ bytes: UnsafeBufferPointer<UInt8>, _ folding: CaseFolding, into out: inout [UInt8]
    ) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let start = out.count
        // Folded straight into `out`; a second pass only when it grew past the guess.
        var needed = bytes.count * 3 + 16
        var written = -1
        for _ in 0..<2 {
            let capacity = needed
            out.append(contentsOf: repeatElement(0, count: capacity))
            let n = out.withUnsafeMutableBufferPointer { buffer -> Int in
                guard let target = buffer.baseAddress else { return -1 }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { src in
                    (target + start).withMemoryRebound(to: CChar.self, capacity: capacity) { dst in
                        Int(cicu_fold(src, Int32(bytes.count), folding.icuVariant, dst, Int32(capacity)))
                    }
                }
            }
            out.removeSubrange((start + max(0, min(n, capacity)))...)
            if n < 0 { break }
            if n <= capacity {
                written = n
                break
            }
            needed = n
        }
        if written < 0 {
            // ICU only fails on allocation; fall back to the text as written rather than lose it.
            out.append(contentsOf: bytes)
        }
        replaceApostrophes(&out, from: start)
    }

    /// U+2019 (E2 80 99) -> "'", so "don’t" and "don't" are one word.
    private static func replaceApostrophes(_ out: inout [UInt8], from start: Int) {
        var read = start
        var write = start
        let n = out.count
        while read < n {
            if out[read] == 0xE2, read + 2 < n, out[read + 1] == 0x80, out[read + 2] == 0x99 {
                out[write] = UInt8(ascii: "'")
                read += 3
            } else {
                out[write] = out[read]
                read += 1
            }
            write += 1
        }
        out.removeSubrange(write...)
    }
}
