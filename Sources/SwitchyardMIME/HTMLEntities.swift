/// HTML character references: numeric ones and the named ones that occur in mail. The full
/// HTML5 table has 2,231 names; mail uses a small, stable subset.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "shy": "", "zwnj": "", "zwj": "", "lrm": "", "rlm": "",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}",
        "ndash": "–", "mdash": "—", "hellip": "…", "bull": "•", "middot": "·", "prime": "′", "Prime": "″",
        "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³",
        "micro": "µ", "para": "¶", "sect": "§", "dagger": "†", "Dagger": "‡", "permil": "‰",
        "euro": "€", "cent": "¢", "pound": "£", "yen": "¥", "curren": "¤", "iexcl": "¡", "iquest": "¿",
        "ordf": "ª", "ordm": "º", "not": "¬", "macr": "¯", "acute": "´", "cedil": "¸", "uml": "¨",
        "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔", "rArr": "⇒", "lArr": "⇐",
        "hearts": "♥", "check": "✓", "minus": "−", "le": "≤", "ge": "≥", "ne": "≠", "asymp": "≈",
        "infin": "∞", "sum": "∑", "radic": "√",
        "Agrave": "À", "Aacute": "Á", "Acirc": "Â", "Atilde": "Ã", "Auml": "Ä", "Aring": "Å", "AElig": "Æ",
        "Ccedil": "Ç", "Egrave": "È", "Eacute": "É", "Ecirc": "Ê", "Euml": "Ë", "Igrave": "Ì", "Iacute": "Í",
        "Icirc": "Î", "Iuml": "Ï", "ETH": "Ð", "Ntilde": "Ñ", "Ograve": "Ò", "Oacute": "Ó", "Ocirc": "Ô",
        "Otilde": "Õ", "Ouml": "Ö", "Oslash": "Ø", "Ugrave": "Ù", "Uacute": "Ú", "Ucirc": "Û", "Uuml": "Ü",
        "Yacute": "Ý", "THORN": "Þ", "szlig": "ß", "agrave": "à", "aacute": "á", "acirc": "â", "atilde": "ã",
        "auml": "ä", "aring": "å", "aelig": "æ", "ccedil": "ç", "egrave": "è", "eacute": "é", "ecirc": "ê",
        "euml": "ë", "igrave": "ì", "iacute": "í", "icirc": "î", "iuml": "ï", "eth": "ð", "ntilde": "ñ",
        "ograve": "ò", "oacute": "ó", "ocirc": "ô", "otilde": "õ", "ouml": "ö", "oslash": "ø", "ugrave": "ù",
        "uacute": "ú", "ucirc": "û", "uuml": "ü", "yacute": "ý", "thorn": "þ", "yuml": "ÿ", "Yuml": "Ÿ",
        "OElig": "Œ", "oelig": "œ", "Scaron": "Š", "scaron": "š", "Zcaron": "Ž", "zcaron": "ž", "fnof": "ƒ",
        "circ": "ˆ", "tilde": "˜", "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "pi": "π",
        "sigma": "σ", "omega": "ω", "mu": "μ", "lambda": "λ", "Omega": "Ω", "Delta": "Δ",
    ]

    /// Resolves the reference starting after "&" (`body` is "amp", "#39", "#x27"); nil if unknown.
    static func resolve(_ body: String) -> String? {
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let value else { return nil }
            // Windows-1252 numbers in the C1 range are what senders meant (HTML5 §13.2.5.80).
            if value >= 0x80 && value <= 0x9F {
                return Charset.decode([UInt8(value)][...], label: "windows-1252").text
            }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return named[body]
    }
}
