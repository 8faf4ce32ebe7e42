internal import SwitchyardText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Builds the compact shipped lexicons from the shared sources: VADER's English lexicon (MIT) and
/// the UZH German polarity lexicon (Apache-2.0), the latter expanded with inflected forms so that
/// run-time lookup is one hash probe per word.
public enum SentimentLexiconBuilder {
    /// German strengths are 0...1; VADER's typical word valences are about 1.5-3.
    public static let germanScale = 2.5

    /// Support-mail words the German source lacks (hand-rated on VADER's scale, documented in models/README.md).
    public static let germanSupplement: [(String, Double)] = [
        ("danke", 1.5), ("dankeschön", 1.8), ("kaputt", -1.8), ("defekt", -1.8), ("beschädigt", -1.6),
        ("unbrauchbar", -2.2), ("frechheit", -2.8), ("sauerei", -2.6), ("zumutung", -2.5), ("unzumutbar", -2.5),
        ("schnell", 0.8), ("langsam", -0.9), ("reklamation", -0.8), ("ärgerlich", -1.8), ("geärgert", -1.8),
        ("verärgert", -2.0), ("unzuverlässig", -1.8), ("abzocke", -2.8), ("betrug", -2.6), ("wunderbar", 2.6),
        ("hervorragend", 2.8), ("spitze", 2.2), ("begeistert", 2.6), ("enttäuschend", -2.2), ("katastrophe", -2.8),
        ("skandal", -2.5), ("einwandfrei", 2.0), ("einwandfreiem", 2.0), ("lob", 2.0),
    ]

    /// Irregular or support-specific verb forms, marked as verbs so a following "nicht" negates them
    /// ("funktioniert nicht", "gefällt mir nicht"): mildly positive on their own.
    public static let germanSupplementVerbs: [(String, Double)] = [
        ("gefällt", 1.8), ("gefiel", 1.8), ("funktioniert", 1.0), ("funktionierte", 1.0), ("klappt", 1.0),
        ("klappte", 1.0), ("hilft", 1.2), ("half", 1.0), ("passt", 0.8), ("lohnt", 1.0),
    ]

    /// Words whose general-language polarity is transactional in support mail ("Bitte senden Sie",
    /// "Passwort vergessen", "der Link", "Abrechnung" = the bill): removed with their inflections.
    public static let germanNeutral: [String] = [
        "bitte", "bitten", "reparatur", "abrechnung", "qualität", "hoch", "angebot", "link", "kündigen", "vergessen",
    ]

    /// Keys are stored as the tokenizer normalises words (NFKC + case folding: "ß" -> "ss").
    static let tokenizer = Tokenizer()

    public static func buildEnglish(vaderLexicon path: String) throws -> String {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        var lines = [
            "# English valences from VADER's vader_lexicon.txt (MIT, Hutto & Gilbert 2014).",
            "# Rebuild: swift run signals-tool lexicon-build",
        ]
        var seen: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2, let valence = Double(fields[1]) else { continue }
            let word = tokenizer.normalize(String(fields[0]))
            guard !word.contains("\t"), seen.insert(word).inserted else { continue }
            lines.append("\(word)\t\(format(valence))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func buildGerman(polarityLexicon path: String) throws -> String {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        var base: [(word: String, valence: Double, pos: String)] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("%") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, !fields[0].contains("_") else { continue }
            let polarity = fields[1].split(separator: "=")
            guard polarity.count == 2, let strength = Double(polarity[1]) else { continue }
            let sign: Double
            switch polarity[0] {
            case "POS": sign = 1
            case "NEG": sign = -1
            default: continue  // NEU, shifters and intensifiers live in the rules, not the lexicon
            }
            guard strength > 0 else { continue }
            base.append((fields[0].lowercased(), sign * strength * germanScale, String(fields[2])))
        }
        var table: [String: (Double, Bool)] = [:]
        for entry in base where table[entry.word] == nil || abs(entry.valence) > abs(table[entry.word]?.0 ?? 0) {
            table[entry.word] = (entry.valence, entry.pos == "verben")
        }
        for (word, valence) in germanSupplement { table[word] = (valence, false) }
        for (word, valence) in germanSupplementVerbs { table[word] = (valence, true) }
        var inflected: [String: (Double, Bool)] = [:]
        for entry in base {
            for form in inflections(entry.word, pos: entry.pos) where table[form] == nil && inflected[form] == nil {
                inflected[form] = (entry.valence, entry.pos == "verben")
            }
        }
        table.merge(inflected) { old, _ in old }
        for word in germanNeutral {
            table[word] = nil
            for pos in ["adj", "nomen", "verben"] { for form in inflections(word, pos: pos) { table[form] = nil } }
        }
        var lines = [
            "# German valences from the UZH polarity lexicon germanlex_original.txt (Apache-2.0,",
            "# Clematide & Klenner), strength x \(germanScale), with inflected forms and a small support-mail",
            "# supplement (SentimentLexiconBuilder.germanSupplement). Rebuild: swift run signals-tool lexicon-build",
        ]
        var folded: [String: (Double, Bool)] = [:]
        for word in table.keys.sorted() {  // sorted: ties between forms that fold alike resolve the same way
            guard let entry = table[word] else { continue }
            let key = tokenizer.normalize(word)
            if let existing = folded[key], abs(existing.0) >= abs(entry.0) { continue }
            folded[key] = entry
        }
        for word in folded.keys.sorted() {
            guard let (valence, verb) = folded[word] else { continue }
            lines.append("\(word)\t\(format(valence))" + (verb ? "\tv" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Regular inflections: adjective endings, noun plurals/cases, present and past verb forms.
    static func inflections(_ word: String, pos: String) -> [String] {
        switch pos {
        case "adj":
            return ["e", "en", "er", "es", "em"].map { word + $0 }
        case "nomen":
            return [word + "n", word + "en", word + "s", word + "e"]
        case "verben":
            guard word.hasSuffix("n"), word.count > 3 else { return [] }
            let stem = word.hasSuffix("en") ? String(word.dropLast(2)) : String(word.dropLast())
            let past = stem.hasSuffix("t") || stem.hasSuffix("d") ? stem + "et" : stem + "t"
            return [
                stem + "e", stem + "st", past, past + "e", past + "en", past + "er", "ge" + past, "ge" + past + "e",
                "ge" + past + "en", stem + "te", stem + "ten",
            ]
        default:
            return []
        }
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
