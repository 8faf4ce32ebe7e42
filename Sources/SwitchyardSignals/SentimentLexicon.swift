#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Word valences of one language on VADER's scale (about -4...+4), loaded from a shipped
/// `models/sentiment-<lang>.tsv` (built by `signals-tool lexicon-build`).
///
/// File format: `#` comments, then `word<TAB>valence[<TAB>v]` lines; words are lowercase; the
/// optional `v` marks a verb form, whose negation may follow it ("gefällt mir nicht").
public struct SentimentLexicon: Sendable {
    /// A malformed lexicon line.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "sentiment lexicon line \(line): \(reason)" }
    }

    struct Entry: Sendable {
        var valence: Float
        var isVerb: Bool
    }

    let entries: [String: Entry]

    public var count: Int { entries.count }

    public init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(text: String(decoding: data, as: UTF8.self))
    }

    public init(text: String) throws {
        var entries: [String: Entry] = [:]
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[0].isEmpty, let valence = Float(fields[1]), valence.isFinite else {
                throw FormatError(line: number + 1, reason: "expected word<TAB>valence")
            }
            entries[String(fields[0])] = Entry(valence: valence, isVerb: fields.count > 2 && fields[2] == "v")
        }
        self.entries = entries
    }

    /// Valence of a lowercase word, or nil when the word carries none.
    public func valence(of word: String) -> Double? {
        entries[word].map { Double($0.valence) }
    }

    func entry(_ word: String) -> Entry? { entries[word] }
}
