/// The n-gram gains of the languages written in one script, laid out for scoring: a row per n-gram
/// of the profile file, holding only this script's candidates, so scoring touches no other language.
///
/// An n-gram most candidates know (at least a quarter of them) gets a dense row, one gain per
/// candidate in candidate order with 0 for those lacking it: adding 0.0 leaves a sum unchanged, and
/// a plain loop over the row replaces a loop of indirect adds. Rarer n-grams keep sparse rows of
/// (candidate position, gain). A sparse row is always shorter than `width`, which tells them apart.
struct LanguageScoring: Sendable {
    /// Candidates of the script: a dense row's length.
    let width: Int
    /// Row of n-gram ordinal o: `gains[rowStarts[o]..<rowStarts[o + 1]]`.
    let rowStarts: [Int32]
    /// Candidate position of each gain of a sparse row (unused for dense rows).
    let positions: [UInt8]
    /// log P(ngram | language) - the language's unseen floor, as in `LanguageProfiles`.
    let gains: [Float]

    /// - Parameters:
    ///   - rows: per n-gram ordinal, its (language index, gain) pairs.
    ///   - candidates: language indices of the script, in scoring order.
    init(rows: [[(language: Int, gain: Float)]], candidates: [Int], languageCount: Int) {
        var position = [Int](repeating: -1, count: languageCount)
        for (offset, language) in candidates.enumerated() { position[language] = offset }
        width = candidates.count
        var starts: [Int32] = [0]
        var positions: [UInt8] = []
        var gains: [Float] = []
        for row in rows {
            let known = row.compactMap { entry in position[entry.language] >= 0 ? (position[entry.language], entry.gain) : nil }
            if !known.isEmpty, known.count * 4 >= width {
                var dense = [Float](repeating: 0, count: width)
                for (offset, gain) in known { dense[offset] = gain }
                gains += dense
                positions += [UInt8](repeating: 0, count: width)
            } else {
                for (offset, gain) in known {
                    positions.append(UInt8(offset))
                    gains.append(gain)
                }
            }
            starts.append(Int32(gains.count))
        }
        rowStarts = starts
        self.positions = positions
        self.gains = gains
    }
}
