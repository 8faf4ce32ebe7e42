internal import CICU

/// Decodes bytes in a declared (or undeclared) charset to a String, only through ICU's `ucnv`.
/// Resolves the aliases and mislabels real mail carries before asking ICU.
public enum Charset {
    /// The result of one decode: the text, the charset actually used and what went wrong.
    public struct Decoded: Sendable, Hashable {
        public var text: String
        public var charset: String
        public var problem: MessageDefect.Kind?
    }

    /// Decodes `bytes` declared as `label` (nil or empty = unlabeled). Pure ASCII never reaches ICU.
    public static func decode(_ bytes: ArraySlice<UInt8>, label: String?) -> Decoded {
        if bytes.isEmpty { return Decoded(text: "", charset: "us-ascii", problem: nil) }
        // Runs for every header and part: eight bytes at a time.
        let (isASCII, hasEscape) = Self.scan(bytes)
        let declared = label.map(normalize) ?? ""
        let stateful = !declared.isEmpty && isStateful(declared)
        if isASCII && !stateful && !(declared.isEmpty && hasEscape && isISO2022JP(bytes)) {
            return Decoded(text: String(decoding: bytes, as: UTF8.self), charset: "us-ascii", problem: nil)
        }
        if declared.isEmpty || isUnknownLabel(declared) {
            if isASCII && isISO2022JP(bytes), let converted = convert(bytes, charset: "iso-2022-jp") {
                return Decoded(text: converted.text, charset: "iso-2022-jp", problem: .charsetDetected)
            }
            return detect(bytes)
        }
        if declared == "us-ascii" {
            // 8-bit bytes under an ASCII label: the writer's software forgot the real charset.
            var guess = detect(bytes)
            guess.problem = .invalidCharsetData
            return guess
        }
        if declared == "utf-8" {
            if let text = validUTF8(bytes) { return Decoded(text: text, charset: "utf-8", problem: nil) }
            // Mail labelled UTF-8 that is not: a person reads it as the writer's legacy charset.
            var guess = detect(bytes)
            guess.problem = .invalidCharsetData
            return guess
        }
        let effective = superset(of: declared, bytes: bytes)
        if let converted = convert(bytes, charset: effective) {
            return Decoded(
                text: converted.text, charset: effective,
                problem: converted.substitutions > 0 ? .invalidCharsetData : nil)
        }
        var guess = detect(bytes)
        guess.problem = .unknownCharset
        return guess
    }

    /// Decodes with ICU's detector (valid UTF-8 first, windows-1252 as the last resort).
    /// The detector reads at most `sampleBytes` of the lines that carry 8-bit bytes (see
    /// ``detectionSample(_:limit:)``); the whole input is decoded with its answer.
    public static func detect(_ bytes: ArraySlice<UInt8>, sampleBytes: Int = 4_096) -> Decoded {
        if let text = validUTF8(bytes) { return Decoded(text: text, charset: "utf-8", problem: nil) }
        var name = [CChar](repeating: 0, count: 64)
        let sample = detectionSample(bytes, limit: sampleBytes)
        let confidence = sample.withUnsafeBufferPointer { buffer in
            cicu_charset_detect(buffer.baseAddress, Int32(clamping: buffer.count), &name, 64)
        }
        var charset = "windows-1252"
        if confidence >= 30 {
            let detected = normalize(
                String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            // Single-byte guesses come from letter statistics and are noise on a short header
            // ("£80m" read as ISO-8859-2); multi-byte charsets have byte patterns and stay reliable.
            let singleByte = detected.hasPrefix("iso-8859") || detected.hasPrefix("windows-12") || detected == "koi8-r"
            let trusted = !singleByte || (bytes.count >= 64 && confidence >= 40)
            // The detector only tells Latin-1 from windows-1252 by C1 bytes; prefer the superset.
            if trusted && detected != "utf-8" && !detected.isEmpty { charset = superset(of: detected, bytes: bytes) }
        }
        if let converted = convert(bytes, charset: charset) {
            return Decoded(text: converted.text, charset: charset, problem: .charsetDetected)
        }
        return Decoded(text: String(decoding: bytes, as: UTF8.self), charset: "utf-8", problem: .charsetDetected)
    }

    /// What the detector reads: the lines holding a byte that tells charsets apart (8-bit, NUL for
    /// UTF-16/32, ESC for ISO-2022), whole and in order, up to `limit` bytes (a first line longer
    /// than that is cut). ASCII-only lines say nothing about the charset but cost ICU about 1,000
    /// instructions a byte across its recognizers; the 8-bit lines still carry the words around
    /// each letter that its language statistics need. Measured on ../shared/corpora: 432 KB read
    /// became 36 KB and one guess changed (Turkish text: ISO-8859-9, where the whole part gave
    /// ISO-8859-9 at a confidence too low to trust; its letters decode the same either way).
    static func detectionSample(_ bytes: ArraySlice<UInt8>, limit: Int) -> [UInt8] {
        var sample: [UInt8] = []
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex && sample.count < limit {
            var lineEnd = lineStart
            var telling = false
            while lineEnd < bytes.endIndex {
                let byte = bytes[lineEnd]
                lineEnd += 1
                if byte == 0x0A { break }
                if byte >= 0x80 || byte == 0x00 || byte == 0x1B { telling = true }
            }
            if telling {
                let room = limit - sample.count
                if lineEnd - lineStart <= room {
                    sample.append(contentsOf: bytes[lineStart..<lineEnd])
                } else {
                    if sample.isEmpty { sample.append(contentsOf: bytes[lineStart..<(lineStart + room)]) }
                    break
                }
            }
            lineStart = lineEnd
        }
        return sample
    }

    /// Whether ICU knows the label after alias resolution.
    public static func isKnown(_ label: String) -> Bool {
        let name = normalize(label)
        if name == "utf-8" || name == "us-ascii" { return true }
        var buffer = [CChar](repeating: 0, count: 64)
        return cicu_charset_canonical(name, &buffer, 64) == 1
    }

    /// Lower-cased, trimmed label with the spellings ICU would not recognise mapped to one it does.
    static func normalize(_ label: String) -> String {
        var name = asciiLabel(label) ?? label.lowercased().filter { !$0.isWhitespace && $0 != "\"" && $0 != "'" }
        while name.hasSuffix(";") || name.hasSuffix(",") { name.removeLast() }
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }  // RFC 2231 language
        switch name {
        case "utf8", "utf-8", "utf_8", "x-utf8", "x-utf-8", "utf-8bit", "unicode-1-1-utf-8", "unicode-2-0-utf-8":
            return "utf-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "7bit", "iso-ir-6":
            return "us-ascii"
        case "unicode-1-1-utf-7", "utf7", "x-utf7":
            return "utf-7"
        case "iso-8859-8-i", "iso-8859-8-e", "iso_8859-8-i":
            return "iso-8859-8"
        case "ks_c_5601-1987", "ks_c_5601", "ksc5601", "ks_c_5601-1989", "euc-kr", "x-euc-kr", "cp949":
            return "windows-949"
        case "gb2312", "x-gbk", "gbk", "gb_2312-80", "chinese", "csgb2312", "euc-cn", "x-euc-cn", "cp936":
            return "gb18030"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "x-ms-cp932", "cp932":
            return "windows-31j"
        case "tis-620", "iso-8859-11", "x-windows-874":
            return "windows-874"
        case "big5", "x-x-big5", "cn-big5", "csbig5", "x-big5":
            return "big5"
        case "x-mac-roman", "mac", "macroman", "x-mac":
            return "macintosh"
        case "latin1", "latin-1", "l1", "iso8859-1", "iso_8859-1", "iso-8859-1:1987", "8859-1", "iso8859_1":
            return "iso-8859-1"
        default:
            break
        }
        // "iso8859-2", "iso_8859-2", "iso-8859_2" -> "iso-8859-2"
        for prefix in ["iso8859-", "iso_8859-", "iso-8859_", "iso8859_", "iso_8859_"] where name.hasPrefix(prefix) {
            return "iso-8859-" + name.dropFirst(prefix.count)
        }
        // "win-1252", "win1252", "windows1252", "cp-1252", "x-cp1252" -> "windows-1252"
        for prefix in ["windows", "win-", "win", "x-cp", "cp-", "cp"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count).drop { $0 == "-" || $0 == "_" }
            if rest.count == 4, rest.hasPrefix("125"), rest.allSatisfy(\.isNumber) { return "windows-" + rest }
        }
        return name
    }

    /// The first step of ``normalize`` over bytes for an ASCII label (all of them in practice):
    /// lower-cased without blanks (ASCII White_Space) and quotes; nil for other text.
    private static func asciiLabel(_ label: String) -> String? {
        var text = label
        return text.withUTF8 { buffer -> String? in
            var kept: [UInt8] = []
            kept.reserveCapacity(buffer.count)
            for byte in buffer {
                if byte >= 0x80 { return nil }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == 0x22 || byte == 0x27 { continue }
                kept.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return String(decoding: kept, as: UTF8.self)
        }
    }

    private static func isUnknownLabel(_ name: String) -> Bool {
        [
            "unknown-8bit", "x-unknown", "unknown", "default", "8bit", "x-user-defined", "none", "charset",
            "_autodetect_all", "_autodetect", "auto", "binary", "x-binaryenc", "dontknow",
        ].contains(name)
    }

    /// 7-bit Japanese: ESC $ B / ESC $ @ / ESC ( J switch sets; unlabeled it looks like ASCII.
    private static func isISO2022JP(_ bytes: ArraySlice<UInt8>) -> Bool {
        let found = bytes.withUnsafeBufferPointer { buffer in buffer.firstIndex(of: 0x1B) }
        guard let offset = found else { return false }
        let escape = bytes.startIndex + offset
        guard bytes.index(escape, offsetBy: 2) < bytes.endIndex else {
            return false
        }
        let first = bytes[bytes.index(after: escape)]
        let second = bytes[bytes.index(escape, offsetBy: 2)]
        return first == UInt8(ascii: "$") && (second == UInt8(ascii: "B") || second == UInt8(ascii: "@"))
            || first == UInt8(ascii: "(") && (second == UInt8(ascii: "J") || second == UInt8(ascii: "B"))
    }

    private static func isStateful(_ name: String) -> Bool {
        name.hasPrefix("iso-2022") || name == "utf-7" || name.hasPrefix("hz") || name.hasPrefix("utf-16")
            || name.hasPrefix("utf-32") || name == "ucs-2"
    }

    private static let supersets: [String: String] = [
        "iso-8859-1": "windows-1252", "iso-8859-15": "windows-1252", "us-ascii": "windows-1252",
        "iso-8859-2": "windows-1250", "iso-8859-4": "windows-1257", "iso-8859-13": "windows-1257",
        "iso-8859-5": "windows-1251", "iso-8859-6": "windows-1256", "iso-8859-7": "windows-1253",
        "iso-8859-8": "windows-1255", "iso-8859-9": "windows-1254",
    ]

    /// ISO-8859-x text that uses the C1 range (0x80-0x9F) was written in the windows-125x superset.
    private static func superset(of name: String, bytes: ArraySlice<UInt8>) -> String {
        guard let replacement = supersets[name] else { return name }
        if name == "iso-8859-1" || name == "us-ascii" { return replacement }  // strict superset
        return bytes.contains { $0 >= 0x80 && $0 <= 0x9F } ? replacement : name
    }

    /// Whether the bytes are ASCII and, if so, whether they hold an ESC (ISO-2022 shifts).
    private static func scan(_ bytes: ArraySlice<UInt8>) -> (isASCII: Bool, hasEscape: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return (true, false) }
            let raw = UnsafeRawPointer(base)
            let escapes = 0x1B &* ByteSearch.lowBits
            var escapeBits: UInt64 = 0
            var index = 0
            while index + 8 <= buffer.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & ByteSearch.highBits != 0 { return (false, false) }
                escapeBits |= ByteSearch.zeroBytes(word ^ escapes)
                index += 8
            }
            var hasEscape = escapeBits != 0
            while index < buffer.count {
                if buffer[index] >= 0x80 { return (false, false) }
                if buffer[index] == 0x1B { hasEscape = true }
                index += 1
            }
            return (true, hasEscape)
        }
    }

    private static func validUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    private static func convert(_ bytes: ArraySlice<UInt8>, charset: String) -> (text: String, substitutions: Int)? {
        let source = Array(bytes)
        var capacity = source.count * 3 + 16
        for _ in 0..<2 {
            var output = [UInt8](repeating: 0, count: capacity)
            var substitutions: Int32 = 0
            let written = source.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    cicu_charset_to_utf8(
                        charset, input.baseAddress, Int32(clamping: input.count),
                        out.baseAddress, Int32(clamping: out.count), &substitutions)
                }
            }
            if written == -1 { return nil }
            if written < -1 {
                capacity = Int(-2 - written) + 16
                continue
            }
            return (String(decoding: output.prefix(Int(written)), as: UTF8.self), Int(substitutions))
        }
        return nil
    }
}
