#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Character 1-3-gram log-probabilities per language, read from the shipped `models/langid.tsv`
/// (built from langdetect's profiles by `signals-tool langid-build`).
///
/// File format: `#` comments; `lang<TAB>code<TAB>n1<TAB>n2<TAB>n3` lines giving each profile's
/// n-gram totals; then `ngram<TAB>index count[<TAB>index count...]` lines.
public struct LanguageProfiles: Sendable {
    /// A malformed profile file, with its line.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "langid profile line \(line): \(reason)" }
    }

    public let codes: [String]
    /// Log-probability charged for an n-gram the language's profile lacks, per language and n (1...3).
    let unseen: [[Float]]
    /// n-gram key -> its ordinal o, as the range o..<o + 1 (every n-gram of the file, including
    /// those no candidate of a script knows: they still count as seen).
    let index: NGramTable
    /// Per `WritingScript` raw value: indices into `codes` of the profiles written in that script,
    /// in the script's order (looked up once here, not per message).
    let scriptCandidates: [[Int]]
    /// Per `WritingScript` raw value: the gains of its candidates, for scripts with more than one.
    let scoring: [LanguageScoring?]

    /// Packs up to three scalars into one key; scalars are never 0, so lengths cannot collide.
    @inline(__always) static func key(_ a: UInt32, _ b: UInt32 = 0, _ c: UInt32 = 0) -> UInt64 {
        UInt64(a) | UInt64(b) << 21 | UInt64(c) << 42
    }

    public init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(text: String(decoding: data, as: UTF8.self))
    }

    public init(text: String) throws {
        var codes: [String] = []
        var totals: [[Double]] = []
        var rows: [(key: UInt64, length: Int, counts: [(Int, Double)])] = []
        var minimum: [[Double]] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.first == "lang" {
                guard fields.count == 5, let n1 = Double(fields[2]), let n2 = Double(fields[3]),
                    let n3 = Double(fields[4]),
                    codes.count < 255
                else { throw FormatError(line: number + 1, reason: "bad language line") }
                codes.append(String(fields[1]))
                totals.append([n1, n2, n3])
                minimum.append([.infinity, .infinity, .infinity])
                continue
            }
            let scalars = fields[0].unicodeScalars.map(\.value)
            guard fields.count >= 2, (1...3).contains(scalars.count) else {
                throw FormatError(line: number + 1, reason: "bad n-gram line")
            }
            var counts: [(Int, Double)] = []
            for field in fields.dropFirst() {
                let parts = field.split(separator: " ")
                guard parts.count == 2, let language = Int(parts[0]), language < codes.count,
                    let count = Double(parts[1]),
                    count > 0
                else { throw FormatError(line: number + 1, reason: "bad count '\(field)'") }
                counts.append((language, count))
                let relative = count / max(1, totals[language][scalars.count - 1])
                minimum[language][scalars.count - 1] = min(minimum[language][scalars.count - 1], relative)
            }
            let key = Self.key(scalars[0], scalars.count > 1 ? scalars[1] : 0, scalars.count > 2 ? scalars[2] : 0)
            rows.append((key, scalars.count, counts))
        }
        // Profiles were pruned to frequent n-grams, so an absent one is rarer than the rarest kept:
        // half of that, per language, keeps big and small profiles on one scale.
        let unseen = minimum.map { perN in perN.map { Float(Math.log(($0.isFinite ? $0 : 1e-9) * 0.5)) } }
        var index: [(key: UInt64, range: Range<Int32>)] = []
        index.reserveCapacity(rows.count)
        // log P(ngram | language) - unseen[language][n]: what seeing the n-gram adds over the floor.
        var gains: [[(language: Int, gain: Float)]] = []
        gains.reserveCapacity(rows.count)
        for (ordinal, row) in rows.enumerated() {
            gains.append(
                row.counts.map { language, count in
                    let logp = Float(Math.log(count / max(1, totals[language][row.length - 1])))
                    return (language, logp - unseen[language][row.length - 1])
                })
            index.append((row.key, Int32(ordinal)..<Int32(ordinal + 1)))
        }
        self.codes = codes
        self.unseen = unseen
        self.index = NGramTable(index)
        let candidates = WritingScript.allCases.map { script in
            script.languages.compactMap { codes.firstIndex(of: $0) }
        }
        scriptCandidates = candidates
        scoring = candidates.map { languages in
            languages.count > 1
                ? LanguageScoring(rows: gains, candidates: languages, languageCount: codes.count) : nil
        }
    }
}
