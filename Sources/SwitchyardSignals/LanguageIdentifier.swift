#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Says which language a text is in: script detection first (ICU), then naive Bayes over
/// character 1-3-grams among the languages written in that script.
public struct LanguageIdentifier: Sendable {
    public var profiles: LanguageProfiles
    /// Fewer letters than this gives "unknown": "Danke!" or "OK" say nothing reliable.
    public var minimumLetters: Int
    /// Characters examined for n-grams; the start of a long body is enough and bounds the work.
    public var maximumCharacters: Int
    /// Below this posterior the answer is "unknown".
    public var minimumConfidence: Double
    /// n-grams of one text are not independent: log-likelihoods are scaled by this before the
    /// posterior, or every answer would claim certainty.
    public var posteriorScale: Double

    public init(
        profiles: LanguageProfiles, minimumLetters: Int = 12, maximumCharacters: Int = 600,
        minimumConfidence: Double = 0.4, posteriorScale: Double = 0.15
    ) {
        self.profiles = profiles
        self.minimumLetters = minimumLetters
        self.maximumCharacters = maximumCharacters
        self.minimumConfidence = minimumConfidence
        self.posteriorScale = posteriorScale
    }

    public func identify(_ text: String) -> LanguageGuess {
        identify(bytes: Array(text.utf8))
    }

    func identify(bytes: [UInt8]) -> LanguageGuess {
        let histogram = ScriptHistogram(bytes, limit: maximumCharacters * 4)
        let letters = histogram.letters
        guard letters >= minimumLetters else { return LanguageGuess(code: LanguageGuess.unknownCode, confidence: 0) }
        let script = histogram.dominant
        let share = Double(histogram.counts[script.rawValue]) / Double(letters)
        let candidates = profiles.scriptCandidates[script.rawValue]
        if candidates.count == 1 {
            return LanguageGuess(code: profiles.codes[candidates[0]], confidence: share)
        }
        guard let scoring = profiles.scoring[script.rawValue] else {
            return LanguageGuess(code: LanguageGuess.unknownCode, confidence: 0)
        }
        var scores = scoreNGrams(bytes, candidates: candidates, scoring: scoring)
        let best = scores.indices.max { scores[$0] < scores[$1] } ?? 0
        let top = scores[best]
        var total = 0.0
        for index in scores.indices {
            scores[index] = Math.exp((scores[index] - top) * posteriorScale)
            total += scores[index]
        }
        let confidence = scores[best] / total * share
        guard confidence >= minimumConfidence else {
            return LanguageGuess(code: LanguageGuess.unknownCode, confidence: confidence)
        }
        return LanguageGuess(code: profiles.codes[candidates[best]], confidence: confidence)
    }

    /// Log-likelihood per candidate over the text's known n-grams (unknown to every profile: skipped).
    /// Stops early once the leader is certain (posterior above 0.999): long mail costs no more than short.
    private func scoreNGrams(_ bytes: [UInt8], candidates: [Int], scoring: LanguageScoring) -> [Double] {
        var gains = [Double](repeating: 0, count: candidates.count)
        var seen: (Double, Double, Double) = (0, 0, 0)
        let certainty = Math.log(1000) / max(posteriorScale, 1e-9)
        func total(_ position: Int) -> Double {
            let language = candidates[position]
            let unseen = profiles.unseen[language]
            return gains[position] + seen.0 * Double(unseen[0]) + seen.1 * Double(unseen[1]) + seen.2
                * Double(unseen[2])
        }
        let width = scoring.width
        scoring.rowStarts.withUnsafeBufferPointer { rowStarts in
            scoring.positions.withUnsafeBufferPointer { positions in
                scoring.gains.withUnsafeBufferPointer { rowGains in
                    gains.withUnsafeMutableBufferPointer { out in
                        var p1: UInt32 = 0x20
                        var p2: UInt32 = 0x20
                        var examined = 0
                        var previousUpper = false
                        // A copy of the buffer (same memory): captured as a constant, its base
                        // stays in a register instead of being reloaded for every entry.
                        let sums = out
                        @inline(__always) func add(_ key: UInt64) -> Bool {
                            guard let ordinal = profiles.index.range(key)?.lowerBound else { return false }
                            let start = Int(rowStarts[ordinal])
                            let end = Int(rowStarts[ordinal + 1])
                            if end - start == width {
                                // Dense row: each candidate's sum gets its gain (0 when it lacks it).
                                for position in 0..<width { sums[position] += Double(rowGains[start + position]) }
                            } else {
                                for entry in start..<end { sums[Int(positions[entry])] += Double(rowGains[entry]) }
                            }
                            return true
                        }
                        var offset = 0
                        while offset < bytes.count {
                            if examined >= maximumCharacters { break }
                            // UTF-8 decoded in place; an ill-formed byte reads as a non-letter, as the
                            // U+FFFD a String would put there.
                            var value = UInt32(bytes[offset])
                            let isLetter: Bool
                            if value < 0x80 {
                                offset += 1
                                isLetter = ByteText.isAlpha(UInt8(value))
                            } else if let (scalar, length) = UTF8Scalar.decode(bytes, at: offset) {
                                offset += length
                                value = scalar.value
                                isLetter = scalar.properties.isAlphabetic
                            } else {
                                offset += 1
                                value = 0xFFFD
                                isLetter = false
                            }
                            if !isLetter {
                                value = 0x20
                                previousUpper = false
                            } else if value < 0x80 {
                                let upper = ByteText.isUpper(UInt8(value))
                                if upper, previousUpper { value |= 0x20 }  // ALL-CAPS words read as lowercase
                                previousUpper = upper
                            }
                            if value == 0x20, p2 == 0x20 { continue }
                            examined += 1
                            if value != 0x20, add(LanguageProfiles.key(value)) { seen.0 += 1 }
                            if add(LanguageProfiles.key(p2, value)) { seen.1 += 1 }
                            if p1 != 0x20 || p2 != 0x20, add(LanguageProfiles.key(p1, p2, value)) { seen.2 += 1 }
                            p1 = p2
                            p2 = value
                            if examined % 64 == 0, out.count > 1 {
                                var best = -Double.infinity
                                var second = -Double.infinity
                                for position in 0..<out.count {
                                    let language = candidates[position]
                                    let unseen = profiles.unseen[language]
                                    let score =
                                        out[position] + seen.0 * Double(unseen[0]) + seen.1 * Double(unseen[1])
                                        + seen.2 * Double(unseen[2])
                                    if score > best {
                                        second = best
                                        best = score
                                    } else if score > second {
                                        second = score
                                    }
                                }
                                if best - second > certainty { break }
                            }
                        }
                        if p2 != 0x20 {
                            if add(LanguageProfiles.key(p2, 0x20)) { seen.1 += 1 }
                            if add(LanguageProfiles.key(p1, p2, 0x20)) { seen.2 += 1 }
                        }
                    }
                }
            }
        }
        return candidates.indices.map(total)
    }
}
