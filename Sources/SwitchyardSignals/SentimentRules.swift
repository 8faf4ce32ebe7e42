internal import SwitchyardText

/// The language-specific words that modify lexicon valences: negators, intensifiers and dampeners,
/// contrast conjunctions, and words that mark anger rather than mere dissatisfaction.
public struct SentimentRules: Sendable {
    /// Words that flip (and weaken, x -0.74) a valence within the three words after them.
    public var negations: Set<String>
    /// Prefixes that make a word a negator ("kein" covers keine, keinen, keinerlei...).
    public var negationPrefixes: [String]
    /// Negators that may follow a verb in the same clause ("das gefällt mir nicht").
    public var trailingNegations: Set<String>
    /// Intensifier (+) or dampener (-) increments, VADER's 0.293 step.
    public var boosters: [String: Double]
    /// "but"/"aber": before it a clause counts half, after it one and a half times.
    public var contrasts: Set<String>
    /// Words that signal anger when the message is strongly negative.
    public var angerWords: Set<String>

    static let boost = 0.293
    static let negationScalar = -0.74
    static let capsIncrement = 0.733

    public static let english = SentimentRules(
        negations: [
            "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without", "cannot",
            "can't", "cant", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "wasn't",
            "wasnt",
            "aren't", "arent", "weren't", "werent", "won't", "wont", "wouldn't", "wouldnt", "shouldn't", "shouldnt",
            "couldn't", "couldnt", "haven't", "havent", "hasn't", "hasnt", "hadn't", "hadnt", "ain't", "aint",
            "mustn't",
            "needn't", "rarely", "seldom", "hardly", "barely",
        ],
        negationPrefixes: [],
        trailingNegations: [],
        boosters: [
            "absolutely": boost, "amazingly": boost, "awfully": boost, "completely": boost, "considerably": boost,
            "deeply": boost, "especially": boost, "exceptionally": boost, "extremely": boost, "fully": boost,
            "greatly": boost, "highly": boost, "hugely": boost, "incredibly": boost, "really": boost, "so": boost,
            "very": boost, "totally": boost, "utterly": boost, "truly": boost, "terribly": boost, "most": boost,
            "more": boost, "super": boost, "too": boost, "seriously": boost, "particularly": boost, "entirely": boost,
            "slightly": -boost, "somewhat": -boost, "marginally": -boost, "partly": -boost, "kinda": -boost,
            "fairly": -boost, "little": -boost, "less": -boost, "occasionally": -boost, "sort": -boost, "kind": -boost,
            "almost": -boost, "quite": -boost, "mostly": -boost,
        ],
        contrasts: ["but", "however", "although", "though", "yet"],
        angerWords: [
            "unacceptable", "ridiculous", "outrageous", "furious", "disgusting", "scam", "joke", "pathetic", "livid",
            "fraud", "useless", "incompetent", "angry", "sick", "fed",
        ])

    public static let german = SentimentRules(
        negations: [
            "nicht", "nie", "niemals", "nichts", "ohne", "weder", "nirgends", "niemand", "kaum", "nix",
            "keinesfalls", "keineswegs", "keinerlei",
        ],
        negationPrefixes: ["kein"],
        trailingNegations: ["nicht", "nie", "niemals", "kaum", "keineswegs", "nix"],
        boosters: [
            "sehr": boost, "extrem": boost, "total": boost, "völlig": boost, "absolut": boost, "wirklich": boost,
            "echt": boost, "besonders": boost, "äußerst": boost, "äusserst": boost, "so": boost, "ziemlich": boost,
            "enorm": boost, "erheblich": boost, "zutiefst": boost, "komplett": boost, "unglaublich": boost,
            "höchst": boost, "richtig": boost, "voll": boost, "viel": boost, "mega": boost, "zu": boost,
            "etwas": -boost, "leicht": -boost, "eher": -boost, "fast": -boost, "wenig": -boost, "bisschen": -boost,
            "einigermaßen": -boost, "teilweise": -boost, "halbwegs": -boost,
        ],
        contrasts: ["aber", "jedoch", "allerdings", "trotzdem", "dennoch", "sondern"],
        angerWords: [
            "unverschämt", "unverschämtheit", "frechheit", "sauerei", "zumutung", "unzumutbar", "inakzeptabel",
            "lächerlich", "wütend", "sauer", "abzocke", "betrug", "skandal", "unfassbar", "verarsche",
        ])

    /// Every rule word with its roles, keyed in the tokenizer's normalisation: one hash probe per token.
    func roleTable(_ tokenizer: Tokenizer) -> [String: WordRole] {
        var table: [String: WordRole] = [:]
        for word in negations { table[tokenizer.normalize(word), default: WordRole()].negation = true }
        for word in trailingNegations { table[tokenizer.normalize(word), default: WordRole()].trailingNegation = true }
        for (word, step) in boosters { table[tokenizer.normalize(word), default: WordRole()].booster = step }
        for word in contrasts { table[tokenizer.normalize(word), default: WordRole()].contrast = true }
        for word in angerWords { table[tokenizer.normalize(word), default: WordRole()].anger = true }
        return table
    }
}

/// What a word does to its neighbours' valences.
struct WordRole: Sendable {
    // The Double first: 16 bytes rather than 24, and every token carries one.
    var booster = 0.0
    var negation = false
    var trailingNegation = false
    var contrast = false
    var anger = false
}

/// Emoticons and emoji with valences (VADER scale); angry faces also raise the anger flag.
enum Emoticons {
    static let valences: [String: Double] = [
        "🙂": 1.5, "😊": 2.0, "😀": 2.0, "😃": 2.0, "😄": 2.2, "😁": 2.0, "😍": 2.8, "🥰": 2.8, "👍": 1.8,
        "❤": 2.5, "💕": 2.5, "🎉": 2.0, "🙏": 1.2, "😉": 1.2, "🤩": 2.6, "👌": 1.6, "✅": 0.8,
        "🙁": -1.5, "☹": -1.8, "😞": -2.0, "😟": -1.8, "😢": -2.0, "😭": -2.4, "😠": -2.6, "😡": -3.0, "🤬": -3.3,
        "😤": -2.2, "👎": -2.0, "💩": -2.2, "😒": -1.6, "🙄": -1.6, "😩": -2.0, "😫": -2.0, "🤮": -2.8,
    ]
    static let angry: Set<String> = ["😠", "😡", "🤬", "😤", "🤮", ">:(", ">:-(", "-.-"]
}
