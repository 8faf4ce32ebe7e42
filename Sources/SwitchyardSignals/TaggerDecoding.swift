/// First-order Viterbi decoding of the entity tagger: the best label sequence under per-token
/// emission scores plus label-to-label transition scores (the same for tagging and training).
struct TaggerDecoding {
    let labelCount: Int
    /// `transitions[p * L + k]`: label p then label k; `starts[k]`: label k first in the sentence.
    var transitions: [Float]
    var starts: [Float]

    /// Forbids I-x unless after B-x or I-x, by making those transitions unreachable.
    mutating func constrain(labels: [String]) {
        let forbidden = -Float.greatestFiniteMagnitude / 4
        for (k, label) in labels.enumerated() where label.hasPrefix("I-") {
            let type = label.dropFirst(2)
            starts[k] = forbidden
            for (p, previous) in labels.enumerated() where previous.dropFirst(2) != type || previous == "O" {
                transitions[p * labelCount + k] = forbidden
            }
        }
    }

    /// Label indices for `n` tokens, given emission scores `emission[i * L + k]`.
    func decode(_ emission: UnsafeBufferPointer<Float>, count n: Int) -> [Int] {
        guard n > 0 else { return [] }
        let L = labelCount
        var score = [Float](repeating: 0, count: n * L)
        var back = [Int32](repeating: 0, count: n * L)
        transitions.withUnsafeBufferPointer { t in
            score.withUnsafeMutableBufferPointer { s in
                back.withUnsafeMutableBufferPointer { b in
                    for k in 0..<L { s[k] = starts[k] + emission[k] }
                    for i in 1..<max(1, n) {
                        let row = i * L
                        let previousRow = row - L
                        for k in 0..<L {
                            var best = 0
                            var bestScore = s[previousRow] + t[k]
                            for p in 1..<L {
                                let candidate = s[previousRow + p] + t[p * L + k]
                                if candidate > bestScore {
                                    bestScore = candidate
                                    best = p
                                }
                            }
                            s[row + k] = bestScore + emission[row + k]
                            b[row + k] = Int32(best)
                        }
                    }
                }
            }
        }
        var tags = [Int](repeating: 0, count: n)
        let lastRow = (n - 1) * L
        var best = 0
        for k in 1..<L where score[lastRow + k] > score[lastRow + best] { best = k }
        tags[n - 1] = best
        var i = n - 1
        while i > 0 {
            best = Int(back[i * L + best])
            i -= 1
            tags[i] = best
        }
        return tags
    }
}
