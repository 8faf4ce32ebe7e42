internal import CICU

/// Writing systems, counted with ICU's `uscript_getScript`, that decide or narrow the language
/// before any n-gram is scored: Cyrillic, Greek or CJK text is never called English.
enum WritingScript: Int, CaseIterable, Sendable {
    case other = 0
    case latin, cyrillic, greek, arabic, hebrew, devanagari, bengali, gurmukhi, gujarati, tamil
    case telugu, kannada, malayalam, thai, hangul, hiragana, katakana, han

    /// Profile codes that can be written in this script (langdetect's 55 profiles).
    var languages: [String] {
        switch self {
        case .latin:
            return [
                "af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt", "lv",
                "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi",
            ]
        case .cyrillic: return ["bg", "mk", "ru", "uk"]
        case .greek: return ["el"]
        case .arabic: return ["ar", "fa", "ur"]
        case .hebrew: return ["he"]
        case .devanagari: return ["hi", "mr", "ne"]
        case .bengali: return ["bn"]
        case .gurmukhi: return ["pa"]
        case .gujarati: return ["gu"]
        case .tamil: return ["ta"]
        case .telugu: return ["te"]
        case .kannada: return ["kn"]
        case .malayalam: return ["ml"]
        case .thai: return ["th"]
        case .hangul: return ["ko"]
        case .hiragana, .katakana: return ["ja"]
        case .han: return ["zh-cn", "zh-tw", "ja"]
        case .other: return []
        }
    }
}

/// Letter counts per writing script of a text.
struct ScriptHistogram {
    var counts: [Int]

    init(_ bytes: [UInt8], limit: Int) {
        var raw = [Int32](repeating: 0, count: Int(CICU_SCRIPT_COUNT))
        _ = bytes.withUnsafeBufferPointer { buffer in
            raw.withUnsafeMutableBufferPointer { out in
                cicu_script_histogram(buffer.baseAddress, Int32(buffer.count), Int32(clamping: limit), out.baseAddress)
            }
        }
        counts = raw.map(Int.init)
    }

    var letters: Int { counts.reduce(0, +) }

    /// The script with most letters (kana outranks Han: Japanese mixes both).
    var dominant: WritingScript {
        if counts[WritingScript.hiragana.rawValue] + counts[WritingScript.katakana.rawValue] > 0,
            counts[WritingScript.hiragana.rawValue] + counts[WritingScript.katakana.rawValue]
                + counts[WritingScript.han.rawValue] >= counts.max() ?? 0
        {
            return .hiragana
        }
        var best = WritingScript.other
        var bestCount = 0
        for script in WritingScript.allCases where counts[script.rawValue] > bestCount {
            best = script
            bestCount = counts[script.rawValue]
        }
        return best
    }
}
